/// The project's only source of randomness: xoshiro256** 1.0 (Blackman and
/// Vigna, "Scrambled linear pseudorandom number generators", 2018/2021),
/// seeded through ``SplitMix64``.
///
/// Everything is specified here in integer arithmetic, so a seed gives the
/// same sequence on every machine and in every release; changing any constant
/// or step in this file changes every seeded result in every document.
///
/// - State: four words `s₀…s₃`, never all zero. `init(seed:)` fills them with
///   the first four outputs of SplitMix64 started at `seed` (four consecutive
///   outputs of a bijection on distinct states cannot all be zero).
/// - Output: `rotl(s₁·5, 7)·9`, then the linear update
///   `t = s₁≪17; s₂ ^= s₀; s₃ ^= s₁; s₁ ^= s₂; s₀ ^= s₃; s₂ ^= t; s₃ = rotl(s₃, 45)`.
/// - Period 2²⁵⁶ − 1; equidistributed in 4 dimensions.
///
/// Streams: `init(seed:stream:)` derives a generator for stream `k` by starting
/// SplitMix64 at `seed ⊕ mix(k)` (``SplitMix64/mix(_:)``, a bijection with
/// `mix(0) = 0`, so stream 0 is `init(seed:)`). Distinct streams of one seed get
/// distinct SplitMix64 starting points; their xoshiro states are as unrelated as
/// those of two unrelated seeds. For sequences that provably never overlap use
/// ``jump()``, which advances by 2¹²⁸ outputs.
///
/// Reproducibility covers `next()`, `nextUniform()` and everything built on
/// them in InfoGeometry. The standard library's `random(in:using:)` and
/// `shuffled(using:)` also accept this generator, but how they turn bits into
/// values is the standard library's choice and may change between Swift
/// releases; seeded results that must stay fixed should not use them.
public struct SeededGenerator: RandomNumberGenerator, Hashable, Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// The generator for `seed`: its state is the first four SplitMix64 outputs
    /// from `seed`.
    public init(seed: UInt64) {
        var expander = SplitMix64(state: seed)
        s0 = expander.next()
        s1 = expander.next()
        s2 = expander.next()
        s3 = expander.next()
    }

    /// The generator for stream `stream` of `seed`: as `init(seed:)` with the
    /// seed `seed ⊕ SplitMix64.mix(stream)`. Stream 0 equals `init(seed:)`.
    ///
    /// Meant for reproducible parallel work: draw `i` of a batch can use
    /// stream `i`, so its value does not depend on how the batch is split.
    public init(seed: UInt64, stream: UInt64) {
        self.init(seed: seed ^ SplitMix64.mix(stream))
    }

    /// A generator with the given raw state, which must not be all zero.
    ///
    /// - Throws: `GeometryError.invalidArgument` for the all-zero state, a
    ///   fixed point of the update.
    public init(state: (UInt64, UInt64, UInt64, UInt64)) throws {
        guard state.0 | state.1 | state.2 | state.3 != 0 else {
            throw GeometryError.invalidArgument(
                "xoshiro256** state must not be all zero")
        }
        (s0, s1, s2, s3) = state
    }

    /// The raw state `(s₀, s₁, s₂, s₃)`.
    public var state: (UInt64, UInt64, UInt64, UInt64) { (s0, s1, s2, s3) }

    /// The next 64 uniformly distributed bits.
    public mutating func next() -> UInt64 {
        let result = SeededGenerator.rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = SeededGenerator.rotl(s3, 45)
        return result
    }

    /// A uniform draw from the open interval (0, 1) with 53-bit resolution:
    /// `(next() ≫ 11)·2⁻⁵³`, drawing again on the value 0 (probability 2⁻⁵³).
    /// The result is one of k·2⁻⁵³, k = 1 … 2⁵³ − 1, each exactly representable,
    /// so `log` of it is finite and `1 − u` is positive.
    public mutating func nextUniform() -> Double {
        while true {
            let bits = next() >> 11
            if bits != 0 {
                return Double(bits) * 0x1p-53
            }
        }
    }

    /// Advances the generator by 2¹²⁸ calls of `next()`, using the published
    /// jump polynomial of xoshiro256**. Successive jumps from one seed give up
    /// to 2¹²⁸ non-overlapping subsequences of length 2¹²⁸.
    public mutating func jump() {
        let polynomial: [UInt64] = [
            0x180E_C6D3_3CFD_0ABA, 0xD5A6_1266_F0C9_392C,
            0xA958_2618_E03F_C9AA, 0x39AB_DC45_29B1_661C,
        ]
        var t0: UInt64 = 0, t1: UInt64 = 0, t2: UInt64 = 0, t3: UInt64 = 0
        for word in polynomial {
            for bit in UInt64(0)..<64 {
                if word & (1 << bit) != 0 {
                    t0 ^= s0
                    t1 ^= s1
                    t2 ^= s2
                    t3 ^= s3
                }
                _ = next()
            }
        }
        (s0, s1, s2, s3) = (t0, t1, t2, t3)
    }

    @inline(__always)
    private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 &- k))
    }
}
