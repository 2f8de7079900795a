/// The joint states X = H × V of hidden and visible variables.
///
/// Order: the hidden variables, then the visible ones, each in the order
/// listed, the first varying slowest, state 0 first. Because the hidden
/// variables come first, joint index = hiddenIndex · visibleCount + visibleIndex,
/// and summing out H is summing over blocks of `visibleCount` entries.
public struct StateSpace: Hashable, Sendable {
    public let hidden: [Variable]
    public let visible: [Variable]
    /// hidden then visible.
    public let variables: [Variable]
    public let hiddenCount: Int
    public let visibleCount: Int
    public let jointCount: Int

    /// The most joint states a space may have (2^24).
    public static let maximumJointCount = 1 << 24

    public init(hidden: [Variable], visible: [Variable]) throws {
        guard !visible.isEmpty else {
            throw GeometryError.invalidArgument("a model needs at least one visible variable")
        }
        var seen = Set<String>()
        for v in hidden + visible where !seen.insert(v.name).inserted {
            throw GeometryError.invalidArgument("variable '\(v.name)' is listed twice")
        }
        func product(_ vars: [Variable]) throws -> Int {
            var n = 1
            for v in vars {
                let (r, overflow) = n.multipliedReportingOverflow(by: v.cardinality)
                guard !overflow, r <= StateSpace.maximumJointCount else {
                    throw GeometryError.limitExceeded("the joint state space is larger than \(StateSpace.maximumJointCount) states")
                }
                n = r
            }
            return n
        }
        self.hidden = hidden
        self.visible = visible
        self.variables = hidden + visible
        self.hiddenCount = try product(hidden)
        self.visibleCount = try product(visible)
        self.jointCount = try product(hidden + visible)
    }

    public init(hidden: [String], visible: [String]) throws {
        try self.init(hidden: hidden.map(Variable.init(parsing:)), visible: visible.map(Variable.init(parsing:)))
    }

    /// The position of a named variable in `variables`.
    public func position(of name: String) -> Int? { variables.firstIndex { $0.name == name } }

    /// The state of every variable (hidden then visible) at a joint index.
    public func configuration(ofJoint index: Int) -> [Int] {
        precondition(index >= 0 && index < jointCount, "joint index out of range")
        var config = [Int](repeating: 0, count: variables.count)
        var rest = index
        for i in variables.indices.reversed() {
            let k = variables[i].cardinality
            config[i] = rest % k
            rest /= k
        }
        return config
    }

    /// The joint index of a configuration (hidden then visible).
    public func jointIndex(of configuration: [Int]) -> Int {
        precondition(configuration.count == variables.count)
        var index = 0
        for i in variables.indices {
            precondition(configuration[i] >= 0 && configuration[i] < variables[i].cardinality)
            index = index * variables[i].cardinality + configuration[i]
        }
        return index
    }

    /// π_V: the visible marginal p_V(v) = Σ_h p(h, v) of a joint vector (or of a
    /// joint tangent vector: the same linear map Π).
    public func marginal(_ joint: [Double]) -> [Double] {
        Self.marginal(joint, hiddenCount: hiddenCount, visibleCount: visibleCount)
    }

    /// `marginal` given the counts alone: a caller holding the space in a
    /// class need not copy it (retaining its arrays) to marginalise.
    public static func marginal(_ joint: [Double], hiddenCount: Int, visibleCount: Int) -> [Double] {
        precondition(joint.count == hiddenCount * visibleCount, "a joint vector has \(hiddenCount * visibleCount) entries")
        return [Double](count: visibleCount) { out in
            joint.withUnsafeBufferPointer { joint in
                var i = 0
                for _ in 0..<hiddenCount {
                    for v in 0..<visibleCount {
                        out[v] += joint[i]
                        i += 1
                    }
                }
            }
        }
    }

    /// Π applied to each column of an n × d matrix: the visible Jacobian ΠJ.
    public func marginalRows(_ m: Matrix) -> Matrix {
        precondition(m.rows == jointCount)
        let columns = m.columns
        let storage = [Double](count: visibleCount * columns) { out in
            m.storage.withUnsafeBufferPointer { joint in
                for h in 0..<hiddenCount {
                    for v in 0..<visibleCount {
                        let src = (h * visibleCount + v) * columns, dst = v * columns
                        for c in 0..<columns { out[dst + c] += joint[src + c] }
                    }
                }
            }
        }
        return Matrix(rows: visibleCount, columns: columns, storage: storage)
    }

    /// The conditional p(h | v) laid out like the joint vector. Where
    /// p_V(v) = 0 the conditional is undefined; `undefined` says what to do:
    /// throw, or use the uniform distribution (for factors that are multiplied
    /// by zero anyway).
    public func conditional(_ joint: [Double], whereUndefined undefined: UndefinedConditional = .fail(what: "the conditional p(h | v)")) throws -> [Double] {
        let pv = marginal(joint)
        var out = [Double].zeros(jointCount)
        for v in 0..<visibleCount {
            let m = pv[v]
            if m > 0 {
                for h in 0..<hiddenCount { out[h * visibleCount + v] = joint[h * visibleCount + v] / m }
            } else {
                switch undefined {
                case .fail(let what):
                    throw GeometryError.notPositive(what: what, index: v, value: m)
                case .uniform:
                    for h in 0..<hiddenCount { out[h * visibleCount + v] = 1 / Double(hiddenCount) }
                }
            }
        }
        return out
    }

    public enum UndefinedConditional: Sendable {
        case fail(what: String)
        case uniform
    }

    /// The joint vector T(v) · q(h | v).
    public func joint(visible target: [Double], conditional q: [Double]) -> [Double] {
        precondition(target.count == visibleCount && q.count == jointCount)
        var out = [Double].zeros(jointCount)
        for h in 0..<hiddenCount {
            for v in 0..<visibleCount { out[h * visibleCount + v] = target[v] * q[h * visibleCount + v] }
        }
        return out
    }

    /// A readable name of a joint state, e.g. `x=0 y=1 z=0`.
    public func label(ofJoint index: Int) -> String {
        zip(variables, configuration(ofJoint: index)).map { "\($0.name)=\($1)" }.joined(separator: " ")
    }
}
