/// Slice sampling (Neal 2003, "Slice sampling", Ann. Statist. 31(3)) of an
/// unnormalised density f = e^ℓ on a box [lower, upper] ⊂ ℝᵈ, optionally
/// intersected with a domain predicate.
///
/// One update along a line x(t) = x₀ + t·u (u a coordinate axis, or a uniform
/// random unit vector):
/// 1. the slice level y = ℓ(x₀) − E with E ~ Exp(1) (y = ℓ(x₀) + ln U);
/// 2. stepping out (Neal's Fig. 3): an interval of length `width` placed
///    uniformly around t = 0 is extended by `width` at a time on each side
///    while ℓ > y at its end, at most `maxSteppingOut` steps in all, then
///    intersected with the part of the line inside the box;
/// 3. shrinkage (Neal's Fig. 5): t is drawn uniformly from the interval until
///    ℓ(x(t)) > y; each rejected t becomes the new end on its side of 0.
/// The update leaves the law ∝ f restricted to the box and domain invariant.
/// Points outside the box or the domain, or where ℓ = −∞, are outside the
/// support. The intersection in step 2 removes only points outside the box,
/// which shrinkage would reject anyway, so it changes no probability.
///
/// A sweep is `d` updates: each coordinate once in order (`.coordinatewise`),
/// or `d` updates along fresh random directions (`.randomDirection`).
/// ℓ is given as a function of the point, or (`init(lineLogDensity:…)`,
/// coordinatewise) as a function prepared once per update for its line,
/// t ↦ ℓ(x₀ + t·e_k), when that is cheaper than evaluating points one by
/// one; both draw the same chain for the same ℓ.
/// `sample` runs `burnIn` sweeps, then keeps the state after every
/// `thinning`-th sweep. Cost: (burnIn + count·thinning)·d updates, each
/// evaluating ℓ at the stepping-out ends and the shrinkage candidates — a
/// handful when `width` is near the width of the slice, more when it is far
/// too small (stepping out) or far too large (shrinkage).
///
/// Defaults, and why:
/// - `burnIn = 500` sweeps. Stepping out adapts the interval to the local
///   scale of the slice in every update, so for the unimodal, low-dimensional
///   densities of parameter boxes a chain forgets its start within a few tens
///   of sweeps; 500 leaves a wide margin and is cheap next to a typical
///   sample. Multimodal or badly scaled densities need more, so the caller can
///   set it.
/// - `thinning = 1` (keep every sweep). Thinning never lowers the variance of
///   an average for a given number of sweeps (Geyer 1992; MacEachern and
///   Berliner 1994); it only saves memory, or makes draws closer to
///   independent for consumers that assume so.
///
/// Failure is an error, never a hang: `sample` throws when the start is
/// outside the support (which covers a density that is −∞ everywhere), when ℓ
/// returns NaN or +∞, and when shrinkage exceeds `maxShrinkSteps` (possible
/// only for a density that is not lower semicontinuous at the current point).
public struct SliceSampler {
    /// How the lines of the updates are chosen.
    public enum Direction: Hashable, Sendable {
        /// Each coordinate axis in turn.
        case coordinatewise
        /// A direction uniform on the unit sphere (normalised standard normals).
        case randomDirection
    }

    public static let defaultBurnIn = 500
    public static let defaultThinning = 1
    /// The most sweeps (burnIn + count·thinning) one call of `sample` may run.
    public static let maxSweeps = 100_000_000

    public let lower: [Double]
    public let upper: [Double]
    public let width: Double
    public let burnIn: Int
    public let thinning: Int
    public let direction: Direction
    public let maxSteppingOut: Int
    public let maxShrinkSteps: Int
    private let line: (_ origin: [Double], _ axis: Int) -> Line
    private let domain: (([Double]) -> Bool)?

    /// ℓ along the line x₀ + t·u of one update, given t and the point x₀ + t·u.
    typealias Line = (_ t: Double, _ point: [Double]) -> Double

    /// - Parameters:
    ///   - logDensity: ℓ = ln f up to an additive constant; −∞ outside the support.
    ///   - lower, upper: the box, lowerᵢ < upperᵢ; entries may be ∓∞.
    ///   - width: the stepping-out step along a unit direction, about the
    ///     width of the slice (the spread of the density) is best.
    ///   - domain: an optional predicate; points where it is false are outside the support.
    /// - Throws: `GeometryError.invalidArgument` for an empty or mismatched box,
    ///   lowerᵢ ≥ upperᵢ or NaN bounds, a width that is not positive and finite,
    ///   burnIn < 0, thinning < 1, maxSteppingOut < 1 or maxShrinkSteps < 1.
    public init(
        logDensity: @escaping ([Double]) -> Double,
        lower: [Double], upper: [Double], width: Double,
        burnIn: Int = SliceSampler.defaultBurnIn,
        thinning: Int = SliceSampler.defaultThinning,
        direction: Direction = .coordinatewise,
        domain: (([Double]) -> Bool)? = nil,
        maxSteppingOut: Int = 100,
        maxShrinkSteps: Int = 1_000
    ) throws {
        try self.init(line: { _, _ in { _, point in logDensity(point) } },
                      lower: lower, upper: upper, width: width, burnIn: burnIn, thinning: thinning,
                      direction: direction, domain: domain, maxSteppingOut: maxSteppingOut, maxShrinkSteps: maxShrinkSteps)
    }

    /// Coordinatewise updates of a density whose restriction to a coordinate
    /// line is cheaper to evaluate once prepared for that line (a log-linear
    /// model's Jeffreys density: one pass over the states per line, then
    /// O(d³) per point instead of O(n d²)).
    ///
    /// - Parameters:
    ///   - lineLogDensity: given the chain's point x₀ and a coordinate k,
    ///     the function t ↦ ℓ(x₀ + t·e_k); called once per update, and the
    ///     function it returns only for that update (it may reuse storage).
    ///   - the others: as for `init(logDensity:…)`, the direction coordinatewise.
    public init(
        lineLogDensity: @escaping (_ origin: [Double], _ axis: Int) -> (Double) -> Double,
        lower: [Double], upper: [Double], width: Double,
        burnIn: Int = SliceSampler.defaultBurnIn,
        thinning: Int = SliceSampler.defaultThinning,
        domain: (([Double]) -> Bool)? = nil,
        maxSteppingOut: Int = 100,
        maxShrinkSteps: Int = 1_000
    ) throws {
        try self.init(line: { origin, axis in
                          let along = lineLogDensity(origin, axis)
                          return { t, _ in along(t) }
                      },
                      lower: lower, upper: upper, width: width, burnIn: burnIn, thinning: thinning,
                      direction: .coordinatewise, domain: domain, maxSteppingOut: maxSteppingOut, maxShrinkSteps: maxShrinkSteps)
    }

    /// `line(x₀, k)` prepares ℓ along x₀ + t·u for one update; k is the
    /// coordinate of a coordinatewise update (u = e_k), −1 for a random direction.
    private init(
        line: @escaping (_ origin: [Double], _ axis: Int) -> Line,
        lower: [Double], upper: [Double], width: Double,
        burnIn: Int, thinning: Int, direction: Direction, domain: (([Double]) -> Bool)?,
        maxSteppingOut: Int, maxShrinkSteps: Int
    ) throws {
        func fail(_ message: String) -> GeometryError {
            .invalidArgument("slice sampler: " + message)
        }
        guard !lower.isEmpty else { throw fail("the box must have at least one dimension") }
        guard lower.count == upper.count else {
            throw fail("lower has \(lower.count) entries but upper has \(upper.count)")
        }
        for i in lower.indices where !(lower[i] < upper[i]) {
            throw fail("need lower < upper in every coordinate, but coordinate \(i + 1) has [\(lower[i]), \(upper[i])]")
        }
        try SamplingChecks.positiveFinite(width, "width", in: "slice sampler")
        guard burnIn >= 0 else { throw fail("burnIn must be non-negative, got \(burnIn)") }
        guard thinning >= 1 else { throw fail("thinning must be at least 1, got \(thinning)") }
        guard maxSteppingOut >= 1 else { throw fail("maxSteppingOut must be at least 1, got \(maxSteppingOut)") }
        guard maxShrinkSteps >= 1 else { throw fail("maxShrinkSteps must be at least 1, got \(maxShrinkSteps)") }
        self.line = line
        self.lower = lower
        self.upper = upper
        self.width = width
        self.burnIn = burnIn
        self.thinning = thinning
        self.direction = direction
        self.domain = domain
        self.maxSteppingOut = maxSteppingOut
        self.maxShrinkSteps = maxShrinkSteps
    }

    public var dimension: Int { lower.count }

    /// `count` states of the chain started at `start`, after `burnIn` sweeps,
    /// one every `thinning` sweeps. The same generator state gives the same
    /// states (ℓ itself must be deterministic for that).
    ///
    /// - Throws: `GeometryError.invalidArgument` if `start` has the wrong
    ///   length or is outside the support; `GeometryError.nonFinite` if ℓ is
    ///   NaN or +∞ at a point it is asked about; `GeometryError.limitExceeded`
    ///   if the run would exceed `maxSweeps` or shrinkage exceeds `maxShrinkSteps`.
    public func sample(
        count: Int, start: [Double], generator: inout SeededGenerator
    ) throws -> [[Double]] {
        try SamplingChecks.count(count, dimension: dimension, in: "slice sampler")
        guard start.count == dimension else {
            throw GeometryError.invalidArgument(
                "slice sampler: start has \(start.count) entries but the box has \(dimension)")
        }
        let (kept, overflow1) = count.multipliedReportingOverflow(by: thinning)
        let (sweeps, overflow2) = kept.addingReportingOverflow(burnIn)
        guard !overflow1, !overflow2, sweeps <= SliceSampler.maxSweeps else {
            throw GeometryError.limitExceeded(
                "slice sampler: burnIn + count·thinning exceeds \(SliceSampler.maxSweeps) sweeps")
        }
        var x = start
        var level = try evaluate(x, line(x, 0), at: 0)
        guard level > -.infinity else {
            throw GeometryError.invalidArgument(
                "slice sampler: start \(start) is outside the support (outside the box or domain, or the log-density is −∞ there)")
        }
        var result: [[Double]] = []
        result.reserveCapacity(count)
        for sweep in stride(from: 1, through: sweeps, by: 1) {
            try self.sweep(&x, logDensityAtX: &level, generator: &generator)
            if sweep > burnIn && (sweep - burnIn) % thinning == 0 {
                result.append(x)
            }
        }
        return result
    }

    private func sweep(
        _ x: inout [Double], logDensityAtX level: inout Double,
        generator: inout SeededGenerator
    ) throws {
        var u = [Double].zeros(dimension)
        for i in 0..<dimension {
            switch direction {
            case .coordinatewise:
                if i > 0 { u[i - 1] = 0 }
                u[i] = 1
            case .randomDirection:
                var norm2 = 0.0
                repeat {
                    norm2 = 0
                    for j in 0..<dimension {
                        u[j] = NormalDistribution.standard(using: &generator)
                        norm2 += u[j] * u[j]
                    }
                } while norm2 == 0
                let norm = norm2.squareRoot()
                for j in 0..<dimension { u[j] /= norm }
            }
            try update(&x, level: &level, along: u, axis: direction == .coordinatewise ? i : -1, generator: &generator)
        }
    }

    /// One slice update of x along the unit vector u.
    private func update(
        _ x: inout [Double], level: inout Double, along u: [Double], axis: Int,
        generator: inout SeededGenerator
    ) throws {
        // The part of the line x + t·u inside the box is [tMin, tMax] ∋ 0.
        var tMin = -Double.infinity
        var tMax = Double.infinity
        for j in 0..<dimension where u[j] != 0 {
            let a = (lower[j] - x[j]) / u[j]
            let b = (upper[j] - x[j]) / u[j]
            tMin = Swift.max(tMin, Swift.min(a, b))
            tMax = Swift.min(tMax, Swift.max(a, b))
        }
        let origin = x
        func at(_ t: Double) -> [Double] {
            var point = origin
            for j in 0..<dimension where u[j] != 0 { point[j] += t * u[j] }
            return point
        }
        let along = line(origin, axis)
        func evaluate(_ t: Double) throws -> Double { try self.evaluate(at(t), along, at: t) }

        let y = level + DeterministicMath.log(generator.nextUniform())
        var left = -width * generator.nextUniform()
        var right = left + width
        var stepsLeft = Int(Double(maxSteppingOut) * generator.nextUniform())
        var stepsRight = maxSteppingOut - 1 - stepsLeft
        while stepsLeft > 0, left > tMin, try evaluate(left) > y {
            left -= width
            stepsLeft -= 1
        }
        while stepsRight > 0, right < tMax, try evaluate(right) > y {
            right += width
            stepsRight -= 1
        }
        left = Swift.max(left, tMin)
        right = Swift.min(right, tMax)

        for _ in 0..<maxShrinkSteps {
            let t = left + generator.nextUniform() * (right - left)
            let candidate = at(t)
            let value = try self.evaluate(candidate, along, at: t)
            if value > y {
                x = candidate
                level = value
                return
            }
            if t < 0 { left = t } else { right = t }
        }
        throw GeometryError.limitExceeded(
            "slice sampler: shrinkage found no point of the slice in \(maxShrinkSteps) steps at \(origin); the log-density may be discontinuous there")
    }

    /// ℓ(x) for the point x = x₀ + t·u of a line, −∞ outside the box or
    /// domain; NaN and +∞ are errors.
    private func evaluate(_ x: [Double], _ along: Line, at t: Double) throws -> Double {
        for j in 0..<dimension where !(x[j] >= lower[j] && x[j] <= upper[j]) {
            return -.infinity
        }
        if let domain, !domain(x) { return -.infinity }
        let value = along(t, x)
        if value.isNaN || value == .infinity {
            throw GeometryError.nonFinite(
                "slice sampler: the log-density is \(value) at \(x); it must be finite or −∞")
        }
        return value
    }
}
