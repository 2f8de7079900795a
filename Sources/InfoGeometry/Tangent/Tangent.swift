/// A tangent vector at a point of a model, given by its parameter
/// coordinates v; its images are J v on the joint states and Π J v on the
/// visible ones.
public struct Tangent: Sendable {
    public let point: Point
    public let theta: [Double]

    public init(point: Point, theta: [Double]) {
        precondition(theta.count == point.model.dimension)
        self.point = point
        self.theta = theta
    }

    /// A = J v, a tangent vector of P(X) (sums to 0).
    public var ambient: [Double] { point.model.jacobianProduct(theta, at: point) }

    /// Π J v, its image on the visible states.
    public var visible: [Double] { point.model.visibleJacobianProduct(theta, at: point) }

    /// A_H(h, v) = p(h | v) Σ_h' A(h', v): the Fisher-orthogonal projection
    /// onto the horizontal space. Needs p_V > 0.
    public func horizontal() throws -> [Double] {
        let space = point.space
        let q = try point.conditional()
        return space.joint(visible: visible, conditional: q)
    }

    /// A − A_H, the vertical part (Σ_h over each v is 0).
    public func vertical() throws -> [Double] {
        zip(ambient, try horizontal()).map { $0 - $1 }
    }

    /// ⟨a, b⟩ in a Fisher metric: Σ A B / p (joint) or Σ A_V B_V / p_V (visible).
    public func inner(_ other: Tangent, metric: Metric = .joint) throws -> Double {
        try requireSamePoint(other)
        let (a, b, p) = metric == .joint ? (ambient, other.ambient, point.joint) : (visible, other.visible, point.visible)
        var s = 0.0
        for x in p.indices where a[x] != 0 || b[x] != 0 {
            guard p[x] > 0 else {
                throw GeometryError.notPositive(what: "the \(metric.rawValue) Fisher metric", index: x, value: p[x])
            }
            s += a[x] * b[x] / p[x]
        }
        return s
    }

    /// The Fisher norm, √⟨v, v⟩.
    public func norm(metric: Metric = .joint) throws -> Double { try inner(self, metric: metric).squareRoot() }

    /// Fisher norms at or below this count as zero for `cosine`. A gradient
    /// that vanishes in exact arithmetic (at the target, or the visible part
    /// of a vertical vector) comes out of floating point as rounding noise of
    /// about 1e-16 times the size of its terms; its "direction" is that noise.
    public static let zeroNormTolerance = 1e-12

    /// ⟨a, b⟩ / (‖a‖ ‖b‖) in a Fisher metric; a zero vector (norm at most
    /// `zeroNormTolerance`) has no direction and is an error, never NaN. The images of a and b are formed once and the three
    /// sums taken in one pass, each with the arithmetic of `inner`.
    public func cosine(_ other: Tangent, metric: Metric = .visible) throws -> Double {
        try requireSamePoint(other)
        return try theta.withUnsafeBufferPointer { a in
            try other.theta.withUnsafeBufferPointer { b in try Self.cosine(a, b, at: point, metric: metric) }
        }
    }

    /// `cosine` of the tangents at `point` with parameter coordinates `u`
    /// and `v` (tangents kept flat, without a `Tangent` each).
    public static func cosine(_ u: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>, at point: Point,
                              metric: Metric = .visible) throws -> Double {
        if point.usesDenseJacobianProducts {
            // J_V and p_V read in place (no copy, no reference count touched;
            // the model, shared by every point, is not asked for its dimension).
            if metric == .visible {
                return try point.withVisibleJacobian { m in
                    try point.visible.withUnsafeBufferPointer { p in try Self.denseCosine(u, v, m, p, metric: metric) }
                }
            }
            let j = point.jacobian
            return try j.storage.withUnsafeBufferPointer { m in
                try point.joint.withUnsafeBufferPointer { p in try Self.denseCosine(u, v, m, p, metric: metric) }
            }
        }
        let model = point.model
        precondition(u.count == model.dimension && v.count == model.dimension,
                     "vector lengths \(u.count) and \(v.count) do not match \(model.dimension) parameters")
        let (a, b, p) = metric == .joint
            ? (model.jacobianProduct(Array(u), at: point), model.jacobianProduct(Array(v), at: point), point.joint)
            : (model.visibleJacobianProduct(Array(u), at: point), model.visibleJacobianProduct(Array(v), at: point), point.visible)
        return try a.withUnsafeBufferPointer { a in
            try b.withUnsafeBufferPointer { b in try Self.cosine(a, b, p, metric: metric) }
        }
    }

    /// Twice the most states whose images `cosine` keeps in a fixed stack buffer.
    private static let smallImages = 64

    /// `cosine` through the images a = M u and b = M v (M row-major, a row
    /// per entry of p), small ones on a stack buffer of constant size (a size
    /// known only at run time costs a call to ask whether the stack has room).
    @inline(__always)
    private static func denseCosine(_ u: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>, _ m: UnsafeBufferPointer<Double>,
                                    _ p: UnsafeBufferPointer<Double>, metric: Metric) throws -> Double {
        precondition(u.count == v.count && m.count == p.count * u.count,
                     "vector lengths \(u.count) and \(v.count) do not match \(p.count == 0 ? 0 : m.count / p.count) parameters")
        if 2 * p.count <= Self.smallImages {
            return try withUnsafeTemporaryAllocation(of: Double.self, capacity: Self.smallImages) { images in
                try denseCosine(u, v, m, p, images: images.baseAddress!, metric: metric)
            }
        }
        return try withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * p.count) { images in
            try denseCosine(u, v, m, p, images: images.baseAddress!, metric: metric)
        }
    }

    /// `cosine` through the images a = M u and b = M v formed with
    /// `Matrix.apply`'s arithmetic in `images` (2 × p.count entries), with the
    /// checks and sums of `cosine(_:_:_:metric:)`.
    @inline(__always)
    private static func denseCosine(_ u: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>, _ m: UnsafeBufferPointer<Double>,
                                    _ p: UnsafeBufferPointer<Double>, images: UnsafeMutablePointer<Double>, metric: Metric) throws -> Double {
        let n = p.count, d = u.count
        let a = images, b = images + n
        for i in 0..<n {
            var s = 0.0, t = 0.0
            let row = m.baseAddress! + i * d
            for c in 0..<d { s += row[c] * u[c] }
            for c in 0..<d { t += row[c] * v[c] }
            a[i] = s
            b[i] = t
        }
        return try cosine(UnsafeBufferPointer(start: a, count: n), UnsafeBufferPointer(start: b, count: n), p, metric: metric)
    }

    private static func cosine(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>, _ p: [Double], metric: Metric) throws -> Double {
        try p.withUnsafeBufferPointer { p in try cosine(a, b, p, metric: metric) }
    }

    @inline(__always)
    private static func cosine(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>, _ p: UnsafeBufferPointer<Double>,
                               metric: Metric) throws -> Double {
        for x in p.indices where !(p[x] > 0) && (a[x] != 0 || b[x] != 0) {
            // The error `norm` would meet first: a's, then b's.
            let first = p.indices.first { a[$0] != 0 && !(p[$0] > 0) } ?? x
            throw GeometryError.notPositive(what: "the \(metric.rawValue) Fisher metric", index: first, value: p[first])
        }
        var aa = 0.0, bb = 0.0, ab = 0.0
        for x in p.indices {
            if a[x] != 0 { aa += a[x] * a[x] / p[x] }
            if b[x] != 0 { bb += b[x] * b[x] / p[x] }
            if a[x] != 0 || b[x] != 0 { ab += a[x] * b[x] / p[x] }
        }
        let na = aa.squareRoot(), nb = bb.squareRoot()
        guard na > Self.zeroNormTolerance, nb > Self.zeroNormTolerance else {
            let which = na > Self.zeroNormTolerance ? "second" : "first"
            throw GeometryError.invalidArgument("the cosine is undefined: the \(which) tangent vector is zero in the \(metric.rawValue) metric (norm \(min(na, nb)) ≤ \(Self.zeroNormTolerance))")
        }
        return ab / (na * nb)
    }

    private func requireSamePoint(_ other: Tangent) throws {
        guard other.point === point || (other.point.model === point.model && other.point.theta == point.theta) else {
            throw GeometryError.invalidArgument("the two tangent vectors are at different points")
        }
    }
}
