/// A smooth family of joint distributions θ ↦ p_θ on a state space.
///
/// Implementations give the point and its analytic Jacobian; everything
/// metric (Fisher matrices, natural gradients, splitting) is derived from them.
public protocol Model: AnyObject, Sendable, CustomStringConvertible {
    var space: StateSpace { get }
    /// d, the number of parameters.
    var dimension: Int { get }
    /// A short name of the family: `full`, `independence`, `bayesnet`, `loglinear`, `rbm`.
    var family: String { get }
    /// One readable name per parameter, e.g. `P(y=0 | x=1)`.
    var parameterNames: [String] { get }
    /// Throws unless θ lies in the closed parameter domain (d finite entries,
    /// probabilities in [0, 1] for probability parameters).
    func validate(_ theta: [Double]) throws
    /// p_θ over the joint states. Defined as the same formula outside the
    /// domain, where entries may be negative; callers check what they need.
    func distribution(at theta: [Double]) -> [Double]
    /// J = ∂p/∂θ, n × d.
    func jacobian(at theta: [Double]) -> Matrix
    /// p_V = Πp for a joint vector p. (A family may answer from its stored
    /// space's counts: `space` asked through the protocol copies the space
    /// and retains its arrays, which the threads making a sample's points all
    /// share, contending for their reference counts.)
    func visibleMarginal(_ joint: [Double]) -> [Double]
    /// J_V = ΠJ, visible states × d: by default the marginal of `jacobian`'s rows.
    func visibleJacobian(at theta: [Double]) -> Matrix
    /// How many probabilities a Jeffreys margin bounds together (a margin
    /// needs margin · this < 1): the joint states, or for a Bayesian network
    /// the entries of its largest table row. `Jeffreys.defaultMargin` scales with it.
    var jeffreysMarginCount: Int { get }
    /// `count` parameter vectors from the Jeffreys prior ∝ √det G(θ),
    /// restricted by `margin` as the family documents, reproducible for a seed.
    func jeffreys(count: Int, seed: UInt64, margin: Double) throws -> [[Double]]

    // Products with J at a point. The defaults use the point's materialised
    // Jacobian; a family whose J has structure (the full simplex) overrides
    // them so that large spaces never form an n × d matrix.

    /// J v over the joint states.
    func jacobianProduct(_ v: [Double], at point: Point) -> [Double]
    /// Π J v over the visible states.
    func visibleJacobianProduct(_ v: [Double], at point: Point) -> [Double]
    /// Jᵀ u, for u over the joint states.
    func jacobianTransposedProduct(_ u: [Double], at point: Point) -> [Double]
    /// G⁺ Jᵀ u (joint metric) in closed form, or nil to let the caller solve
    /// the whitened least-squares problem; asked of families that override
    /// the Jacobian products (the full simplex). A family with dense products
    /// gives its closed form through the buffer form below.
    func closedFormNaturalGradient(_ u: [Double], at point: Point) throws -> [Double]?
    /// The same for an objective whose u factors through Π (the evidence:
    /// u(h, v) = u_V(v)), given u_V over the visible states; nil if none.
    func closedFormNaturalGradient(visibleGradient uv: [Double], at point: Point) throws -> [Double]?
    /// G⁻¹ Jᵀ u (joint metric) in closed form written into `x` (d entries),
    /// for a family whose dense Jacobian products are the defaults but whose
    /// metric has structure (Bayesian networks); false to let the caller
    /// solve the whitened least-squares problem.
    func closedFormNaturalGradient(_ u: UnsafeBufferPointer<Double>, at point: Point,
                                   into x: UnsafeMutableBufferPointer<Double>) throws -> Bool
    /// Whether `jacobianProduct` and `visibleJacobianProduct` are the
    /// defaults (products with the point's dense Jacobians), so that callers
    /// may form them in place without allocating; false for a family that
    /// overrides them.
    var usesDenseJacobianProducts: Bool { get }
}

extension Model {
    public func visibleMarginal(_ joint: [Double]) -> [Double] { space.marginal(joint) }
    public func visibleJacobian(at theta: [Double]) -> Matrix { space.marginalRows(jacobian(at: theta)) }
    public func jacobianProduct(_ v: [Double], at point: Point) -> [Double] { point.jacobian.apply(v) }
    public func visibleJacobianProduct(_ v: [Double], at point: Point) -> [Double] { point.visibleJacobian.apply(v) }
    public func jacobianTransposedProduct(_ u: [Double], at point: Point) -> [Double] { point.jacobian.applyTransposed(u) }
    public func closedFormNaturalGradient(_ u: [Double], at point: Point) throws -> [Double]? { nil }
    public func closedFormNaturalGradient(visibleGradient uv: [Double], at point: Point) throws -> [Double]? { nil }
    public func closedFormNaturalGradient(_ u: UnsafeBufferPointer<Double>, at point: Point,
                                          into x: UnsafeMutableBufferPointer<Double>) throws -> Bool { false }
    public var usesDenseJacobianProducts: Bool { true }

    public var description: String {
        "\(family) model (hidden: \(space.hidden.map(\.description)), visible: \(space.visible.map(\.description)), \(dimension) parameters)"
    }

    /// The point at θ, validated against the domain.
    public func point(_ theta: [Double]) throws -> Point { try Point(model: self, theta: theta) }

    func requireDimension(_ theta: [Double]) throws {
        guard theta.count == dimension else {
            throw GeometryError.invalidArgument("the \(family) model has \(dimension) parameters, got \(theta.count)")
        }
        for (i, x) in theta.enumerated() where !x.isFinite {
            throw GeometryError.invalidArgument("parameter \(i + 1) is \(x)")
        }
    }
}
