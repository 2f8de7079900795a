import Foundation

/// A point p_θ of a model, with the quantities derived from it computed once
/// and shared by every gradient, norm and cosine taken there.
///
/// `@unchecked Sendable`: the caches are plain stored properties (a `Mutex`
/// around them would copy what a reader borrows in place); each is written
/// once, under `lock`, and the ones read without it are published first.
public final class Point: @unchecked Sendable, CustomStringConvertible {
    public let model: any Model
    public let theta: [Double]
    /// p_θ over the joint states.
    public let joint: [Double]
    /// p_V, the visible marginal.
    public let visible: [Double]
    /// `model.usesDenseJacobianProducts`, read without touching the model:
    /// the model is shared by every point, and its reference count, touched
    /// on every access, had the threads of a parallel `map` contend for it.
    let usesDenseJacobianProducts: Bool

    private let lock = CacheLock()
    /// J_V (visible states × d) and then B_V⁺ (d × visible states), row-major,
    /// in one allocation made with the first of them (a map over a sample
    /// asks for both at every point: one allocation instead of two arrays,
    /// 80 bytes less a point). Each part is written once, under `lock`, and
    /// then published: the cosines and natural gradients of a map read it in
    /// place, without the lock (`withVisibleJacobian`, `withVisiblePseudoInverse`).
    private var visiblePack: UnsafeMutablePointer<Double>?
    /// The parts of `visiblePack` written, as `published` marks; read under `lock`.
    private var visiblePackParts: UInt8 = 0
    private let published = PublishedCaches()
    private static let visibleJacobianMark: UInt8 = 1
    private static let visiblePseudoInverseMark: UInt8 = 2
    private var cachedJacobian: Matrix?
    private var cachedConditional: [Double]?
    private var cachedPosteriorOrUniform: [Double]?
    /// The factorisations are rarely kept (most natural gradients use closed
    /// forms or `visiblePseudoInverse`): boxed, so that a point without them
    /// stays small. A sample of 50,000 points is bound by memory.
    private final class Factorizations {
        var joint: SingularValueDecomposition?
        var visible: SingularValueDecomposition?
    }
    private var factorizations: Factorizations?

    /// The box of factorisations, made on first use; call under `lock`.
    private var factorizationBox: Factorizations {
        if let box = factorizations { return box }
        let box = Factorizations()
        factorizations = box
        return box
    }

    /// The point at θ; θ must lie in the model's domain.
    public init(model: any Model, theta: [Double]) throws {
        try model.validate(theta)
        self.model = model
        self.theta = theta
        self.joint = model.distribution(at: theta)
        self.visible = model.visibleMarginal(joint)
        self.usesDenseJacobianProducts = model.usesDenseJacobianProducts
        try Probability.validate(joint, count: model.space.jointCount, what: "the joint distribution at these parameters")
    }

    /// The point at θ without the domain check (flows may leave the parameter
    /// box while the distributions they use stay positive).
    public init(model: any Model, uncheckedTheta theta: [Double]) {
        self.model = model
        self.theta = theta
        self.joint = model.distribution(at: theta)
        self.visible = model.visibleMarginal(joint)
        self.usesDenseJacobianProducts = model.usesDenseJacobianProducts
    }

    public var space: StateSpace { model.space }

    /// The value in a cache slot, made on first use. The slot is read and
    /// written through closures, not a key path: a key path is an object
    /// shared by every point, and its reference count, touched on every
    /// access, had the threads of a parallel `map` contend for one cache line.
    @inline(__always)
    private func cached<T: Sendable>(_ read: () -> T?, _ write: (T) -> Void, _ make: () throws -> T) rethrows -> T {
        if let value = lock.withLock({ read() }) { return value }
        let value = try make()
        lock.withLock { write(value) }
        return value
    }

    /// J = ∂p/∂θ (n × d).
    public var jacobian: Matrix { cached({ cachedJacobian }, { cachedJacobian = $0 }) { model.jacobian(at: theta) } }

    /// J_V = ΠJ (visible states × d). J is kept only when asked for itself.
    public var visibleJacobian: Matrix {
        withVisibleJacobian { Matrix(rows: visible.count, columns: theta.count, storage: Array($0)) }
    }

    /// p(h | v) laid out like the joint vector; needs p_V > 0.
    public func conditional() throws -> [Double] {
        try cached({ cachedConditional }, { cachedConditional = $0 }) { try space.conditional(joint, whereUndefined: .fail(what: "the posterior p(h | v)")) }
    }

    /// p(h | v), uniform where p_V(v) = 0 (the recognition conditional
    /// q = "posterior", whose undefined rows are multiplied by zero).
    func posteriorOrUniform() throws -> [Double] {
        try cached({ cachedPosteriorOrUniform }, { cachedPosteriorOrUniform = $0 }) { try space.conditional(joint, whereUndefined: .uniform) }
    }

    /// The most entries a dense Jacobian may have (2^26, 512 MB); larger
    /// models must use closed forms (the full simplex has them).
    public static let maximumDenseEntries = 1 << 26

    /// Throws unless a dense `rows` × d matrix at this point is within
    /// `maximumDenseEntries`.
    func requireDense(rows: Int, what: @autoclosure () -> String) throws {
        let (entries, overflow) = rows.multipliedReportingOverflow(by: model.dimension)
        guard !overflow, entries <= Point.maximumDenseEntries else {
            throw GeometryError.limitExceeded(
                "\(what()) would need a dense \(rows) × \(model.dimension) matrix, more than \(Point.maximumDenseEntries) entries")
        }
    }

    /// The SVD of the whitened Jacobian B = diag(p)^(-1/2) J; needs p > 0.
    public func jointFactorization() throws -> SingularValueDecomposition {
        try cached({ factorizations?.joint }, { factorizationBox.joint = $0 }) { try whitenedFactorization(.joint) }
    }

    /// The SVD of B_V = diag(p_V)^(-1/2) ΠJ; needs p_V > 0.
    public func visibleFactorization() throws -> SingularValueDecomposition {
        try cached({ factorizations?.visible }, { factorizationBox.visible = $0 }) { try whitenedFactorization(.visible) }
    }

    /// B_V⁺ = V Σ⁺ Uᵀ (d × visible states, row-major), with the rank rule
    /// and errors of `visibleFactorization`: formed on the stack by
    /// `SingularValueDecomposition.deflatedPseudoInverse` (from the kept SVD
    /// if one was asked for), without keeping an SVD at the point.
    public func visiblePseudoInverse() throws -> [Double] {
        try withVisiblePseudoInverse { Array($0) }
    }

    /// Entries in each part of the visible pack: visible states × d.
    private var visiblePartCount: Int { visible.count * theta.count }

    /// Whether the pack's part `mark` is written: published, or (where
    /// nothing is published) marked under the lock.
    @inline(__always)
    private func hasVisiblePart(_ mark: UInt8) -> Bool {
        published.contains(mark) || lock.withLock { visiblePackParts & mark != 0 }
    }

    /// Writes the pack's part `mark` from `entries` unless it is written
    /// already (two threads made it at once: the first one stays).
    private func storeVisiblePart(_ mark: UInt8, _ entries: UnsafeBufferPointer<Double>) {
        let count = visiblePartCount
        precondition(entries.count == count)
        lock.withLock {
            guard visiblePackParts & mark == 0 else { return }
            let pack: UnsafeMutablePointer<Double>
            if let existing = visiblePack {
                pack = existing
            } else {
                pack = UnsafeMutablePointer<Double>.allocate(capacity: max(1, 2 * count))
                visiblePack = pack
            }
            if let source = entries.baseAddress { (pack + (mark == Self.visibleJacobianMark ? 0 : count)).update(from: source, count: count) }
            visiblePackParts |= mark
            published.insert(mark)
        }
    }

    /// `body` with J_V's entries (row-major, visible states × d) read in
    /// place: once J_V is made, without the lock and without touching a
    /// reference count (a map's threads took four atomic operations per
    /// point and cosine for an array's copy and the lock).
    @inline(__always)
    func withVisibleJacobian<R>(_ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows -> R {
        if !hasVisiblePart(Self.visibleJacobianMark) {
            let j = lock.withLock({ cachedJacobian }).map { space.marginalRows($0) } ?? model.visibleJacobian(at: theta)
            j.storage.withUnsafeBufferPointer { storeVisiblePart(Self.visibleJacobianMark, $0) }
        }
        return try body(UnsafeBufferPointer(start: visiblePack.unsafelyUnwrapped, count: visiblePartCount))
    }

    /// `body` with B_V⁺ (`visiblePseudoInverse`) read in place, the way
    /// `withVisibleJacobian` reads J_V.
    @inline(__always)
    func withVisiblePseudoInverse<R>(_ body: (UnsafeBufferPointer<Double>) throws -> R) throws -> R {
        if !hasVisiblePart(Self.visiblePseudoInverseMark) { try makeVisiblePseudoInverse() }
        let count = visiblePartCount
        return try body(UnsafeBufferPointer(start: visiblePack.unsafelyUnwrapped + count, count: count))
    }

    /// Makes and stores B_V⁺: from the kept SVD if one was asked for, else
    /// from J_V in place into stack scratch (no array), else by an SVD.
    private func makeVisiblePseudoInverse() throws {
        let mark = Self.visiblePseudoInverseMark
        if let kept = lock.withLock({ factorizations?.visible }) {
            kept.pseudoInverse().withUnsafeBufferPointer { storeVisiblePart(mark, $0) }
            return
        }
        try requireWhitenable(.visible)
        let rows = visible.count, columns = theta.count
        let made = try withVisibleJacobian { j in
            try withUnsafeTemporaryAllocation(of: Double.self, capacity: max(1, j.count)) { out -> Bool in
                let rank = visible.withUnsafeBufferPointer { w in
                    SingularValueDecomposition.deflatedPseudoInverse(j, rows: rows, columns: columns, weights: w, into: out.baseAddress!)
                }
                guard let rank else { return false }
                try Point.requireRankKept(rank, of: Matrix(rows: rows, columns: columns, storage: Array(j)), weights: visible,
                                          what: Metric.visible.rawValue)
                storeVisiblePart(mark, UnsafeBufferPointer(rebasing: out[..<j.count]))
                return true
            }
        }
        if !made {
            try factorization(of: whitened(.visible), metric: .visible).pseudoInverse().withUnsafeBufferPointer { storeVisiblePart(mark, $0) }
        }
    }

    deinit { visiblePack?.deallocate() }

    /// The SVD of diag(w)^(-1/2) J with the metric's distribution w and
    /// Jacobian, deflated by its left null vector √w.
    private func whitenedFactorization(_ metric: Metric) throws -> SingularValueDecomposition {
        try requireWhitenable(metric)
        return try factorization(of: whitened(metric), metric: metric)
    }

    private func factorization(of w: Whitened, metric: Metric) throws -> SingularValueDecomposition {
        let factorization = try SingularValueDecomposition(w.jacobian, rowScales: w.scales, leftNullVector: w.root)
        try Point.requireRankKept(factorization.rank, of: w.jacobian, weights: w.weights, what: metric.rawValue)
        return factorization
    }

    /// A metric's Jacobian J and distribution w, with the row scales
    /// w^(-1/2) and the left null vector √w of diag(w)^(-1/2) J.
    private struct Whitened {
        let jacobian: Matrix, weights: [Double], scales: [Double], root: [Double]
    }

    /// The checks a whitened factorisation under `metric` needs: a dense
    /// size, w > 0.
    private func requireWhitenable(_ metric: Metric) throws {
        let weights = metric == .joint ? joint : visible
        try requireDense(rows: weights.count, what: "the \(metric.rawValue) Fisher metric")
        try Probability.requirePositive(weights, what: "the \(metric.rawValue) Fisher metric")
    }

    /// `Whitened` for a metric; call after `requireWhitenable`, so that a
    /// Jacobian too large to be dense is never formed.
    private func whitened(_ metric: Metric) -> Whitened {
        let weights = metric == .joint ? joint : visible
        let root = weights.map { $0.squareRoot() }
        return Whitened(jacobian: metric == .joint ? self.jacobian : visibleJacobian, weights: weights,
                        scales: root.map { 1 / $0 }, root: root)
    }

    /// Whitening by diag(p)^(-1/2) cannot change the rank of J in exact
    /// arithmetic, but within about 1e-28 of the simplex's boundary (a ratio
    /// max p / min p beyond 1/(max(n, d)·ε)²) the scaled rows swamp the rest
    /// and pinv's relative cut-off discards directions that are really there:
    /// the natural gradient would come out silently wrong (zero, or not
    /// vertical where it must be). Then J's own rank is larger, and that is an
    /// error. Only checked when the probabilities spread over more than 1e12,
    /// so ordinary points pay nothing.
    static func requireRankKept(_ rank: Int, of jacobian: @autoclosure () -> Matrix, weights: [Double], what: String) throws {
        guard let smallest = weights.min(), let largest = weights.max(), largest > 1e12 * smallest else { return }
        let unscaled = try SingularValueDecomposition(jacobian())
        guard unscaled.rank > rank else { return }
        throw GeometryError.linearAlgebra(
            "the point is too close to the boundary of the simplex (smallest \(what) probability \(smallest)): "
            + "the \(what) Fisher metric is too ill-conditioned to invert in double precision "
            + "(rank \(rank) after whitening, \(unscaled.rank) before)")
    }

    public var description: String {
        "point θ = [" + theta.map { String(format: "%.6g", $0) }.joined(separator: ", ") + "] of the \(model.family) model"
    }
}
