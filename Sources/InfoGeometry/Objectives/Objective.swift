/// What an objective is measured against: a point of some model, or a vector
/// over the joint states or over the visible states.
public enum Target: Sendable {
    case point(Point)
    case vector([Double])

    /// The target's visible distribution T_V and, when it has one, its joint
    /// distribution, checked against a state space.
    func resolve(in space: StateSpace) throws -> (visible: [Double], joint: [Double]?) {
        switch self {
        case .point(let p):
            guard p.space == space else {
                throw GeometryError.invalidArgument("the target point belongs to a model over other variables")
            }
            return (p.visible, p.joint)
        case .vector(let v):
            if v.count == space.jointCount {
                let joint = try Probability.typed(v, what: "the joint target")
                return (space.marginal(joint), joint)
            }
            if v.count == space.visibleCount {
                return (try Probability.typed(v, what: "the visible target"), nil)
            }
            throw GeometryError.invalidArgument(
                "a target has \(space.visibleCount) entries (visible) or \(space.jointCount) (joint) for this model, got \(v.count)")
        }
    }
}

/// The recognition conditional q(h | v) of an ELBO.
public enum Recognition: Sendable {
    /// q = p_θ(h | v) of the point where the objective is evaluated, held fixed
    /// when differentiating (so ∇_θ F_q = ∇_θ L there).
    case posterior
    /// q = T(h | v), the target's own conditional; the target must be joint.
    /// Then F_q = D(T ‖ p_θ), the complete-data divergence.
    case target
    /// q = r(h | v), the posterior of another point.
    case point(Point)
}

/// The objectives of DESIGN.md, as functions of a point p of a model.
///
/// - evidence: L(p) = D(T_V ‖ p_V)
/// - ELBO loss: F_q(p) = D(T_V ⊗ q ‖ p) = L(p) + Gap_q(p)
/// - gap: Gap_q(p) = F_q(p) − L(p) = Σ_v T_V(v) D(q(·|v) ‖ p(·|v)) ≥ 0
public struct Objective: Sendable {
    public enum Kind: String, Sendable { case evidence, elbo, gap }

    public let kind: Kind
    public let target: Target
    public let recognition: Recognition
    /// The target resolved against a model's space, and the ELBO's joint
    /// T_V ⊗ T(h | v) for q = "target": they depend on the model only, so an
    /// objective used at many points (a `map` over a sample) validates and
    /// conditions its target once.
    private let cache = TargetCache()

    public init(_ kind: Kind, target: Target, recognition: Recognition = .posterior) {
        self.kind = kind
        self.target = target
        self.recognition = recognition
    }

    public static func evidence(_ target: Target) -> Objective { Objective(.evidence, target: target) }
    public static func elbo(_ target: Target, q: Recognition) -> Objective { Objective(.elbo, target: target, recognition: q) }
    public static func gap(_ target: Target, q: Recognition) -> Objective { Objective(.gap, target: target, recognition: q) }

    /// The evidence loss against the same target.
    public var evidenceLoss: Objective { .evidence(target) }

    /// What makes two objectives the same function of the point: the kind,
    /// the target's entries bit for bit (or the target point itself), and
    /// for the ELBO and the gap the recognition model. Equal identities give
    /// equal values, gradients and natural gradients at every point, so a
    /// result can be kept under it.
    public struct Identity: Hashable, Sendable {
        let kind: Kind
        let target: [UInt64]
        let targetPoint: ObjectIdentifier?
        let recognition: Int
        let recognitionPoint: ObjectIdentifier?
    }

    /// This objective's `Identity`. It names the points it holds (a target or
    /// recognition point) by object identity: keep the objective alive while
    /// the identity is in use, so that no other point can take their address.
    public var identity: Identity {
        let (target, targetPoint): ([UInt64], ObjectIdentifier?) = switch self.target {
        case .vector(let v): (v.map(\.bitPattern), nil)
        case .point(let p): ([], ObjectIdentifier(p))
        }
        let (recognition, recognitionPoint): (Int, ObjectIdentifier?) = switch (kind, self.recognition) {
        case (.evidence, _): (0, nil)
        case (_, .posterior): (1, nil)
        case (_, .target): (2, nil)
        case (_, .point(let r)): (3, ObjectIdentifier(r))
        }
        return Identity(kind: kind, target: target, targetPoint: targetPoint, recognition: recognition, recognitionPoint: recognitionPoint)
    }

    /// The joint distribution T_V ⊗ q of the ELBO at a point.
    func recognitionJoint(at p: Point, targetVisible tv: [Double], targetJoint: [Double]?) throws -> [Double] {
        let space = p.space
        let q: [Double]
        switch recognition {
        case .posterior:
            q = try p.posteriorOrUniform()
            try requireDefined(p.visible, where: tv, what: "the posterior of the point")
        case .target:
            guard let tj = targetJoint else {
                throw GeometryError.invalidArgument("q: \"target\" needs a joint target (a point or a vector over the \(space.jointCount) joint states)")
            }
            return try cache.targetRecognition(for: p.model) {
                space.joint(visible: tv, conditional: try space.conditional(tj, whereUndefined: .uniform))
            }
        case .point(let r):
            guard r.space == space else {
                throw GeometryError.invalidArgument("the recognition point belongs to a model over other variables")
            }
            try requireDefined(r.visible, where: tv, what: "the posterior of the recognition point")
            q = try space.conditional(r.joint, whereUndefined: .uniform)
        }
        return space.joint(visible: tv, conditional: q)
    }

    /// `target.resolve(in:)` for the point's model, once per model.
    func resolvedTarget(at p: Point) throws -> (visible: [Double], joint: [Double]?) {
        try cache.resolved(for: p.model) { try target.resolve(in: p.space) }
    }

    /// q(·|v) must be defined wherever the target puts mass.
    private func requireDefined(_ marginal: [Double], where tv: [Double], what: String) throws {
        for v in tv.indices where tv[v] > 0 && !(marginal[v] > 0) {
            throw GeometryError.notPositive(what: what, index: v, value: marginal[v])
        }
    }

    /// The objective's value at p. Infinite values are errors.
    public func value(at p: Point) throws -> Double {
        let (tv, tj) = try resolvedTarget(at: p)
        let l = try Probability.klDivergence(tv, p.visible)
        switch kind {
        case .evidence:
            return l
        case .elbo, .gap:
            let f = try Probability.klDivergence(try recognitionJoint(at: p, targetVisible: tv, targetJoint: tj), p.joint)
            return kind == .elbo ? f : f - l
        }
    }

    /// u = ∂f/∂p over the joint states (q held fixed):
    /// L: −T_V(v)/p_V(v); F_q: −T_V(v) q(h|v)/p(h,v); gap: their difference.
    /// Entries where the numerator vanishes are 0; a positive numerator over a
    /// zero probability is an error.
    public func ambientGradient(at p: Point) throws -> [Double] {
        let (tv, tj) = try resolvedTarget(at: p)
        let space = p.space
        // The ELBO needs u_V only for its checks (the same errors, in the same order).
        let uv = kind == .elbo ? [] : try visibleGradient(targetVisible: tv, at: p)
        if kind == .elbo { try requireEvidenceGradient(targetVisible: tv, at: p) }
        func expanded() -> [Double] {
            var u = [Double].zeros(space.jointCount)
            for h in 0..<space.hiddenCount { for v in 0..<space.visibleCount { u[h * space.visibleCount + v] = uv[v] } }
            return u
        }
        if kind == .evidence { return expanded() }
        // −r / p where r > 0, else 0, overwriting r = T_V ⊗ q.
        var uf = try recognitionJoint(at: p, targetVisible: tv, targetJoint: tj)
        for x in uf.indices {
            if uf[x] > 0 {
                guard p.joint[x] > 0 else {
                    throw GeometryError.notPositive(what: "the gradient of the ELBO", index: x, value: p.joint[x])
                }
                uf[x] = -uf[x] / p.joint[x]
            } else {
                uf[x] = 0
            }
        }
        return kind == .elbo ? uf : zip(uf, expanded()).map { $0 - $1 }
    }

    /// The checks of `visibleGradient` without the vector.
    func requireEvidenceGradient(targetVisible tv: [Double], at p: Point) throws {
        for v in tv.indices where tv[v] > 0 && !(p.visible[v] > 0) {
            throw GeometryError.notPositive(what: "the gradient of the evidence", index: v, value: p.visible[v])
        }
    }

    /// ∂L/∂p_V(v) = −T_V(v)/p_V(v), the evidence's gradient over the visible states.
    func visibleGradient(targetVisible tv: [Double], at p: Point) throws -> [Double] {
        var uv = [Double].zeros(tv.count)
        for v in tv.indices where tv[v] > 0 {
            guard p.visible[v] > 0 else {
                throw GeometryError.notPositive(what: "the gradient of the evidence", index: v, value: p.visible[v])
            }
            uv[v] = -tv[v] / p.visible[v]
        }
        return uv
    }

    /// ∇_θ f = Jᵀ u.
    public func gradient(at p: Point) throws -> Tangent {
        Tangent(point: p, theta: p.model.jacobianTransposedProduct(try ambientGradient(at: p), at: p))
    }

    /// The natural gradient G⁺∇_θ f (joint metric) or G_V⁺∇_θ f (visible).
    /// Under the joint metric, models whose G has structure use closed forms
    /// (the full simplex, Bayesian networks: G⁻¹ Jᵀ u in one pass over the
    /// joint states). Otherwise it is a least-squares solution with the
    /// whitened Jacobian, never through an inverse of G: with
    /// B = diag(p)^(-1/2) J, G⁺∇_θ f = B⁺(√p ⊙ u). For the evidence under the
    /// visible metric the same holds with p_V, J_V and u_V. Any other
    /// objective under the visible metric, whose gradient need not factor
    /// through Π, is solved as V Σ⁻² Vᵀ ∇_θ f from the SVD of B_V.
    public func naturalGradient(at p: Point, metric: Metric = .joint) throws -> Tangent {
        // Models without dense Jacobian products (the full simplex) have closed
        // forms on arrays; Bayesian networks theirs in `jointNaturalGradient`.
        if metric == .joint, !p.model.usesDenseJacobianProducts {
            if kind == .evidence {
                let (tv, _) = try resolvedTarget(at: p)
                let uv = try visibleGradient(targetVisible: tv, at: p)
                if let theta = try p.model.closedFormNaturalGradient(visibleGradient: uv, at: p) { return Tangent(point: p, theta: theta) }
            }
            if let theta = try p.model.closedFormNaturalGradient(try ambientGradient(at: p), at: p) { return Tangent(point: p, theta: theta) }
        }
        return try denseNaturalGradient(at: p, metric: metric)
    }
}

extension Objective {
    /// `naturalGradient` for a model with dense Jacobian products, with the
    /// gradient and the whitened gradient w on the stack instead of in arrays
    /// (`map` takes hundreds of thousands of these).
    func denseNaturalGradient(at p: Point, metric: Metric) throws -> Tangent {
        let d = p.model.dimension
        let theta = try [Double](count: d) { x in
            switch metric {
            case .joint:
                let (tv, tj) = try resolvedTarget(at: p)
                try tv.withUnsafeBufferPointer { tv in
                    try jointNaturalGradient(at: p, of: p.model, targetVisible: tv, targetJoint: tj, targetRecognition: nil, into: x)
                }
            case .visible:
                if kind == .evidence {
                    let (tv, _) = try resolvedTarget(at: p)
                    try tv.withUnsafeBufferPointer { tv in try denseVisibleEvidenceNaturalGradient(at: p, targetVisible: tv, into: x) }
                } else {
                    let theta = try p.visibleFactorization().gramPseudoInverse(try gradient(at: p).theta)
                    for c in 0..<d { x[c] = theta[c] }
                }
            }
        }
        return Tangent(point: p, theta: theta)
    }

    /// Natural gradients at `points`, all of one model with dense Jacobian
    /// products: point i's θ at `[i·d ..< (i+1)·d]` of one flat array (d the
    /// model's dimension), the values of `naturalGradient(at:metric:)` bit for
    /// bit, computed by `map` (a parallel loop over the indices). The target
    /// is resolved once, and the loop reads it through pointers: through the
    /// shared cache at every point, its lock and the reference counts of its
    /// arrays would have threads contend for one cache line. Nil when the
    /// points belong to several models or to the full simplex (closed forms);
    /// then call `naturalGradient(at:)` per point.
    public func naturalGradients(at points: [Point], metric: Metric,
                                 map: (Int, (Int) throws -> Void) throws -> Void) throws -> [Double]? {
        guard let model = points.first?.model, model.usesDenseJacobianProducts, points.allSatisfy({ $0.model === model }) else {
            return nil
        }
        let d = model.dimension
        let (tv, tj) = try cache.resolved(for: model) { try target.resolve(in: model.space) }
        var targetRecognition: [Double] = []
        if kind == .elbo, case .target = recognition, let tj {
            let space = model.space
            targetRecognition = try cache.targetRecognition(for: model) {
                space.joint(visible: tv, conditional: try space.conditional(tj, whereUndefined: .uniform))
            }
        }
        // Uninitialised, each point's entries zeroed by the thread that
        // computes them: a sample's 2 MB were zeroed (and first touched, page
        // by page) by one thread while the other waited.
        return try [Double](unsafeUninitializedCapacity: points.count * d) { thetas, initialized in
            try tv.withUnsafeBufferPointer { tv in
                try targetRecognition.withUnsafeBufferPointer { recognitionJoint in
                    let recognitionJoint = recognitionJoint.isEmpty ? nil : recognitionJoint
                    try map(points.count) { i in
                        // The point borrowed from the array, not retained: its
                        // reference count was touched twice per point and call.
                        try Unmanaged.passUnretained(points[i])._withUnsafeGuaranteedRef { p in
                            let x = UnsafeMutableBufferPointer(rebasing: thetas[(i * d)..<((i + 1) * d)])
                            x.initialize(repeating: 0)
                            switch metric {
                            case .joint:
                                try jointNaturalGradient(at: p, of: model, targetVisible: tv, targetJoint: tj, targetRecognition: recognitionJoint, into: x)
                            case .visible:
                                if kind == .evidence {
                                    try denseVisibleEvidenceNaturalGradient(at: p, targetVisible: tv, into: x)
                                } else {
                                    let theta = try p.visibleFactorization().gramPseudoInverse(try gradient(at: p).theta)
                                    for c in 0..<d { x[c] = theta[c] }
                                }
                            }
                        }
                    }
                }
            }
            initialized = points.count * d
        }
    }

    /// G⁺∇f into `x`: the model's closed form of G⁻¹ Jᵀ u if it has one,
    /// else B⁺(√p ⊙ u); u and w on the stack.
    /// `model` is `p.model`, passed in by the caller that holds it: the
    /// model is shared by every point, and retaining it per point had the
    /// threads of a parallel `map` contend for its reference count.
    private func jointNaturalGradient(at p: Point, of model: borrowing any Model, targetVisible tv: UnsafeBufferPointer<Double>, targetJoint tj: [Double]?,
                                      targetRecognition: UnsafeBufferPointer<Double>?, into x: UnsafeMutableBufferPointer<Double>) throws {
        try withUnsafeTemporaryAllocation(of: Double.self, capacity: p.joint.count) { w in
            try ambientGradient(at: p, into: w, targetVisible: tv, targetJoint: tj, targetRecognition: targetRecognition)
            if try model.closedFormNaturalGradient(UnsafeBufferPointer(w), at: p, into: x) { return }
            let b = try p.jointFactorization()
            // w = √p ⊙ u, in place.
            p.joint.withUnsafeBufferPointer { joint in
                for x in w.indices { w[x] = joint[x].squareRoot() * w[x] }
            }
            b.solve(UnsafeBufferPointer(w), into: x)
        }
    }

    /// G_V⁺∇L = B_V⁺(√p_V ⊙ u_V) into `x`, with `visibleGradient`'s values
    /// and errors, through the point's B_V⁺ (one array, where the SVD's
    /// factors are three: a map over a large sample is bound by memory).
    private func denseVisibleEvidenceNaturalGradient(at p: Point, targetVisible tv: UnsafeBufferPointer<Double>,
                                                     into x: UnsafeMutableBufferPointer<Double>) throws {
        try p.withVisiblePseudoInverse { b in
            try denseVisibleEvidenceNaturalGradient(at: p, pseudoInverse: b, targetVisible: tv, into: x)
        }
    }

    /// `denseVisibleEvidenceNaturalGradient` with the point's B_V⁺ read in place.
    @inline(__always)
    private func denseVisibleEvidenceNaturalGradient(at p: Point, pseudoInverse b: UnsafeBufferPointer<Double>,
                                                     targetVisible tv: UnsafeBufferPointer<Double>,
                                                     into x: UnsafeMutableBufferPointer<Double>) throws {
        try withUnsafeTemporaryAllocation(of: Double.self, capacity: tv.count) { w in
            try p.visible.withUnsafeBufferPointer { pv in
                for v in tv.indices {
                    w[v] = 0
                    if tv[v] > 0 {
                        guard pv[v] > 0 else {
                            throw GeometryError.notPositive(what: "the gradient of the evidence", index: v, value: pv[v])
                        }
                        w[v] = -tv[v] / pv[v]
                    }
                }
                for v in tv.indices { w[v] = pv[v].squareRoot() * w[v] }
            }
            let n = tv.count
            for c in 0..<(b.count / n) {
                var s = 0.0
                for v in 0..<n { s += b[c * n + v] * w[v] }
                x[c] = s
            }
        }
    }

    /// `ambientGradient(at:)` written into `u` (jointCount entries): for the
    /// ELBO without building u_V or T_V ⊗ q as arrays. `targetRecognition` is
    /// the ELBO's joint T_V ⊗ T(h | v) for q = "target" when already known.
    private func ambientGradient(at p: Point, into u: UnsafeMutableBufferPointer<Double>, targetVisible tv: UnsafeBufferPointer<Double>,
                                 targetJoint tj: [Double]?, targetRecognition: UnsafeBufferPointer<Double>?) throws {
        guard kind == .elbo else {
            let gradient = try ambientGradient(at: p)
            for x in gradient.indices { u[x] = gradient[x] }
            return
        }
        try p.visible.withUnsafeBufferPointer { pv in
            // `requireEvidenceGradient`.
            for v in tv.indices where tv[v] > 0 && !(pv[v] > 0) {
                throw GeometryError.notPositive(what: "the gradient of the evidence", index: v, value: pv[v])
            }
            // r = T_V ⊗ q, as `recognitionJoint` computes it.
            if case .posterior = recognition {
                for v in tv.indices where tv[v] > 0 && !(pv[v] > 0) {
                    throw GeometryError.notPositive(what: "the posterior of the point", index: v, value: pv[v])
                }
                // q(h | v) with the arithmetic of `posteriorOrUniform` (p_V is
                // the same marginal), not kept at the point: a sample's points
                // would each hold another array.
                let nv = pv.count, nh = u.count / nv
                p.joint.withUnsafeBufferPointer { joint in
                    for h in 0..<nh {
                        for v in 0..<nv {
                            let q = pv[v] > 0 ? joint[h * nv + v] / pv[v] : 1 / Double(nh)
                            u[h * nv + v] = tv[v] * q
                        }
                    }
                }
            } else if let targetRecognition {
                for x in u.indices { u[x] = targetRecognition[x] }
            } else {
                let r = try recognitionJoint(at: p, targetVisible: Array(tv), targetJoint: tj)
                for x in r.indices { u[x] = r[x] }
            }
        }
        // −r / p where r > 0, else 0.
        try p.joint.withUnsafeBufferPointer { joint in
            for x in u.indices {
                if u[x] > 0 {
                    guard joint[x] > 0 else {
                        throw GeometryError.notPositive(what: "the gradient of the ELBO", index: x, value: joint[x])
                    }
                    u[x] = -u[x] / joint[x]
                } else {
                    u[x] = 0
                }
            }
        }
    }
}

import Foundation

/// What an objective derives from its target for one model (the last model
/// asked about), behind a lock so that threads may share the objective.
/// Failures are not kept: a failing resolution fails again, the same way.
/// `@unchecked Sendable`: models are shared classes, not `Sendable` types;
/// every stored property is read and written under `lock`.
final class TargetCache: @unchecked Sendable {
    private let lock = NSLock()
    private var model: (any Model)?
    private var resolution: (visible: [Double], joint: [Double]?)?
    private var recognition: [Double]?

    func resolved(for model: any Model, _ make: () throws -> (visible: [Double], joint: [Double]?)) throws -> (visible: [Double], joint: [Double]?) {
        lock.lock()
        if let m = self.model, m === model, let r = resolution { lock.unlock(); return r }
        lock.unlock()
        let r = try make()
        lock.lock()
        if let m = self.model, m === model { resolution = r } else { self.model = model; resolution = r; recognition = nil }
        lock.unlock()
        return r
    }

    func targetRecognition(for model: any Model, _ make: () throws -> [Double]) throws -> [Double] {
        lock.lock()
        if let m = self.model, m === model, let r = recognition { lock.unlock(); return r }
        lock.unlock()
        let r = try make()
        lock.lock()
        if let m = self.model, m === model { recognition = r } else { self.model = model; resolution = nil; recognition = r }
        lock.unlock()
        return r
    }
}
