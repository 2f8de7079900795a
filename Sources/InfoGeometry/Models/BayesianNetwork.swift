/// A Bayesian network over named variables of any cardinality:
/// p(x) = Π_i θ_i(x_i | x_pa(i)).
///
/// Parameters (LANGUAGE.md): per variable in listed order (hidden first), per
/// parent configuration (lexicographic over the parents in listed order, first
/// parent slowest), the probabilities of states 0 … k−2; state k−1 gets
/// 1 − Σ. The independence model is the network without edges.
public final class BayesianNetwork: Model {
    public let space: StateSpace
    public let dimension: Int
    public let family: String
    /// parents[i]: positions (in `space.variables`) of the parents of variable i, ascending.
    public let parents: [[Int]]
    /// offsets[i][c]: index of the first parameter of variable i under parent configuration c.
    let offsets: [[Int]]
    /// For each joint state and variable: the parameter offset of its CPT row and its state.
    let rowOffset: [Int32]
    let stateOf: [Int32]
    /// For each variable: k − 1, the parameters of each of its table rows;
    /// and the number of its rows (parent configurations).
    let rowWidths: [Int32]
    let rowCounts: [Int32]

    /// - Parameter edges: pairs (parent, child) of variable names.
    public init(space: StateSpace, edges: [(String, String)], family: String = "bayesnet") throws {
        let vars = space.variables
        var parentSets = [Set<Int>](repeating: [], count: vars.count)
        for (a, b) in edges {
            guard let i = space.position(of: a) else { throw GeometryError.invalidArgument(Self.unknown(a, in: vars)) }
            guard let j = space.position(of: b) else { throw GeometryError.invalidArgument(Self.unknown(b, in: vars)) }
            guard i != j else { throw GeometryError.invalidArgument("the edge \(a) -> \(b) is a loop") }
            guard parentSets[j].insert(i).inserted else {
                throw GeometryError.invalidArgument("the edge \(a) -> \(b) is listed twice")
            }
        }
        let parents = parentSets.map { $0.sorted() }
        try Self.requireAcyclic(parents: parents, names: vars.map(\.name))

        var offsets = [[Int]]()
        var d = 0
        for (i, v) in vars.enumerated() {
            let configurations = parents[i].reduce(1) { $0 * vars[$1].cardinality }
            offsets.append((0..<configurations).map { d + $0 * (v.cardinality - 1) })
            d += configurations * (v.cardinality - 1)
            guard d <= 1 << 20 else { throw GeometryError.limitExceeded("the network has more than \(1 << 20) parameters") }
        }
        let n = space.jointCount
        guard n * vars.count <= 1 << 26 else {
            throw GeometryError.limitExceeded("the network is too large to tabulate (\(n) joint states × \(vars.count) variables)")
        }
        var rowOffset = [Int32](repeating: 0, count: n * vars.count)
        var stateOf = [Int32](repeating: 0, count: n * vars.count)
        for x in 0..<n {
            let config = space.configuration(ofJoint: x)
            for i in vars.indices {
                var c = 0
                for pa in parents[i] { c = c * vars[pa].cardinality + config[pa] }
                rowOffset[x * vars.count + i] = Int32(offsets[i][c])
                stateOf[x * vars.count + i] = Int32(config[i])
            }
        }
        self.space = space
        self.parents = parents
        self.offsets = offsets
        self.dimension = d
        self.family = family
        self.rowOffset = rowOffset
        self.stateOf = stateOf
        self.rowWidths = vars.map { Int32($0.cardinality - 1) }
        self.rowCounts = offsets.map { Int32($0.count) }
    }

    /// The independence model: one categorical per variable.
    public static func independence(space: StateSpace) throws -> BayesianNetwork {
        try BayesianNetwork(space: space, edges: [], family: "independence")
    }

    /// Reads an edge list such as `"x -> y, x -> z"` or a chain `"a -> b -> c"`.
    public static func parseEdges(_ text: String) throws -> [(String, String)] {
        var edges = [(String, String)]()
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = part.trimmingWhitespace()
            if trimmed.isEmpty {
                if text.trimmingWhitespace().isEmpty { continue }
                throw GeometryError.invalidArgument("empty edge in '\(text)'; write edges as \"x -> y, x -> z\"")
            }
            let names = trimmed.components(separatedBy: "->").map { $0.trimmingWhitespace() }
            guard names.count >= 2, names.allSatisfy({ !$0.isEmpty }) else {
                throw GeometryError.invalidArgument("'\(trimmed)' is not an edge; write edges as \"x -> y\"")
            }
            for k in 0..<(names.count - 1) { edges.append((names[k], names[k + 1])) }
        }
        return edges
    }

    public var parameterNames: [String] {
        let vars = space.variables
        var names = [String]()
        for (i, v) in vars.enumerated() {
            for c in offsets[i].indices {
                var rest = c
                var given = [String]()
                for pa in parents[i].reversed() {
                    given.insert("\(vars[pa].name)=\(rest % vars[pa].cardinality)", at: 0)
                    rest /= vars[pa].cardinality
                }
                let condition = given.isEmpty ? "" : " | " + given.joined(separator: ", ")
                for s in 0..<(v.cardinality - 1) { names.append("P(\(v.name)=\(s)\(condition))") }
            }
        }
        return names
    }

    public func validate(_ theta: [Double]) throws {
        try requireDimension(theta)
        // Names only for the message: building them costs more than the check.
        var names: [String] { parameterNames }
        for (i, v) in space.variables.enumerated() {
            for offset in offsets[i] {
                var sum = 0.0
                for s in 0..<(v.cardinality - 1) {
                    let x = theta[offset + s]
                    guard x >= 0, x <= 1 else {
                        throw GeometryError.invalidArgument("parameter \(offset + s + 1), \(names[offset + s]), must lie in [0, 1], got \(x)")
                    }
                    sum += x
                }
                guard sum <= 1 + Probability.sumTolerance else {
                    throw GeometryError.invalidArgument("the probabilities of \(v.name) starting at parameter \(offset + 1) sum to \(sum) > 1")
                }
            }
        }
    }

    /// The configuration c of the parents of variable i at joint state x.
    func parentConfiguration(ofJoint x: Int, variable i: Int) -> Int {
        let m = space.variables.count
        return (Int(rowOffset[x * m + i]) - offsets[i][0]) / (space.variables[i].cardinality - 1)
    }

    public func distribution(at theta: [Double]) -> [Double] {
        let m = rowWidths.count, n = m == 0 ? space.jointCount : rowOffset.count / m
        // `factor` for every variable, through pointers (a sample's points are
        // made on both threads; the shared arrays' reference counts stay untouched).
        return [Double](count: n) { out in
            theta.withUnsafeBufferPointer { theta in
                rowOffset.withUnsafeBufferPointer { rowOffset in
                    stateOf.withUnsafeBufferPointer { stateOf in
                        rowWidths.withUnsafeBufferPointer { widths in
                            for x in 0..<n {
                                var p = 1.0
                                for i in 0..<m {
                                    let offset = Int(rowOffset[x * m + i]), state = Int(stateOf[x * m + i]), width = Int(widths[i])
                                    if state < width {
                                        p *= theta[offset + state]
                                    } else {
                                        var last = 1.0
                                        for t in 0..<width { last -= theta[offset + t] }
                                        p *= last
                                    }
                                }
                                out[x] = p
                            }
                        }
                    }
                }
            }
        }
    }

    /// ∂p(x)/∂θ_{i,c,s} = [c = pa_i(x)] ([x_i = s] − [x_i = k−1]) Π_{j≠i} θ_j(x_j | pa_j(x)),
    /// the product over the other factors taken by prefix and suffix products
    /// so that zero factors need no division.
    public func jacobian(at theta: [Double]) -> Matrix { jacobian(at: theta, rows: space.jointCount) }

    public func visibleMarginal(_ joint: [Double]) -> [Double] {
        StateSpace.marginal(joint, hiddenCount: space.hiddenCount, visibleCount: space.visibleCount)
    }

    /// J_V = ΠJ with each joint row added into its visible row as it is made
    /// (joint state x = h · visible count + v goes to row v): no n × d
    /// matrix, and the same sums, in the same order, as `marginalRows(J)`.
    public func visibleJacobian(at theta: [Double]) -> Matrix { jacobian(at: theta, rows: space.visibleCount) }

    /// J with joint state x's row added into row x mod `rows` (`rows` is n or
    /// the visible count; the joint states are h-major).
    private func jacobian(at theta: [Double], rows: Int) -> Matrix {
        let m = space.variables.count, n = space.jointCount, d = dimension
        var storage = [Double].zeros(rows * d)
        // The same arithmetic on buffers: no copy-on-write checks per entry.
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * m + 1) { scratch in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: m) { cardinalities in
                for i in 0..<m { cardinalities[i] = space.variables[i].cardinality }
                let factors = scratch.baseAddress!, suffix = factors + m
                storage.withUnsafeMutableBufferPointer { j in
                    theta.withUnsafeBufferPointer { theta in
                        rowOffset.withUnsafeBufferPointer { rowOffset in
                            stateOf.withUnsafeBufferPointer { stateOf in
                                for x in 0..<n {
                                    for i in 0..<m {
                                        let k = cardinalities[i]
                                        let offset = Int(rowOffset[x * m + i]), state = Int(stateOf[x * m + i])
                                        if state < k - 1 {
                                            factors[i] = theta[offset + state]
                                        } else {
                                            var s = 1.0
                                            for t in 0..<(k - 1) { s -= theta[offset + t] }
                                            factors[i] = s
                                        }
                                    }
                                    suffix[m] = 1
                                    for i in stride(from: m - 1, through: 0, by: -1) { suffix[i] = suffix[i + 1] * factors[i] }
                                    var prefix = 1.0
                                    let row = (x % rows) * d
                                    for i in 0..<m {
                                        let others = prefix * suffix[i + 1]
                                        let k = cardinalities[i]
                                        let offset = Int(rowOffset[x * m + i]), state = Int(stateOf[x * m + i])
                                        if state < k - 1 {
                                            j[row + offset + state] += others
                                        } else {
                                            for s in 0..<(k - 1) { j[row + offset + s] += -others }
                                        }
                                        prefix *= factors[i]
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return Matrix(rows: rows, columns: d, storage: storage)
    }

    private static func requireAcyclic(parents: [[Int]], names: [String]) throws {
        // 0 unvisited, 1 on the current path, 2 done.
        var mark = [Int](repeating: 0, count: parents.count)
        func visit(_ i: Int, path: [Int]) throws {
            if mark[i] == 2 { return }
            if mark[i] == 1 {
                let cycle = (path.drop { $0 != i } + [i]).map { names[$0] }
                throw GeometryError.invalidArgument("the network has a cycle: \(cycle.joined(separator: " -> "))")
            }
            mark[i] = 1
            for p in parents[i] { try visit(p, path: path + [i]) }
            mark[i] = 2
        }
        for i in parents.indices { try visit(i, path: []) }
    }

    private static func unknown(_ name: String, in vars: [Variable]) -> String {
        "unknown variable '\(name)' in the edge list; the variables are \(vars.map(\.name).joined(separator: ", "))"
    }
}

import Foundation
