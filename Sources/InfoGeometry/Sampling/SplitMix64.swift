/// SplitMix64 (Steele, Lea, Flood 2014; the `splitmix64.c` reference of Vigna):
/// a 64-bit Weyl sequence `x ← x + 0x9E3779B97F4A7C15` passed through a
/// bijective mixing function.
///
/// Used only to expand a 64-bit seed into the 256-bit state of
/// ``SeededGenerator``, as the xoshiro authors recommend. All arithmetic is on
/// `UInt64` with wrapping, so the sequence is identical on every machine.
public struct SplitMix64: RandomNumberGenerator, Hashable, Sendable {
    /// The Weyl increment, ⌊2⁶⁴/φ⌋ rounded to odd.
    static let increment: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// The current Weyl state; the next output is `mix(state + increment)`.
    public private(set) var state: UInt64

    /// Starts the sequence at `state` (the seed itself).
    public init(state: UInt64) {
        self.state = state
    }

    /// Advances the Weyl state and returns its mixed value.
    public mutating func next() -> UInt64 {
        state &+= SplitMix64.increment
        return SplitMix64.mix(state)
    }

    /// The SplitMix64 finaliser, a bijection of `UInt64` with `mix(0) == 0`:
    /// `z ← (z ⊕ z≫30)·0xBF58476D1CE4E5B9; z ← (z ⊕ z≫27)·0x94D049BB133111EB; z ⊕ z≫31`.
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
