@testable import InfoGeometry

/// The models of the paper's experiments and a few more, built once.
enum Fixtures {
    static let xyz = try! StateSpace(hidden: ["x"], visible: ["y", "z"])
    static let full = FullSimplex(space: xyz)
    static let independence = try! BayesianNetwork.independence(space: xyz)
    static let latentClass = try! BayesianNetwork(space: xyz, edges: BayesianNetwork.parseEdges("x -> y, x -> z"))
    static let rbm = try! LogLinearModel.rbm(hidden: 1, visible: 2)
    /// Mixed cardinalities and two parents.
    static let mixed = try! BayesianNetwork(
        space: StateSpace(hidden: ["h:3"], visible: ["a", "b:3"]),
        edges: BayesianNetwork.parseEdges("h -> a, h -> b, a -> b"))

    static let latentStar = [0.78, 0.24, 0.82, 0.97, 0.97]
    static let latentStart1 = [0.0350365, 0.2984495, 0.0585125, 0.8570609, 0.3728540]
    static let latentStart2 = [0.2769964, 0.6954455, 0.9185517, 0.2444757, 0.4580858]

    /// A deterministic stream of uniforms in (0, 1) for test inputs
    /// (a 64-bit LCG; the library's own generator is tested separately).
    struct Uniforms {
        var state: UInt64
        init(seed: UInt64) { state = seed &* 0x9E3779B97F4A7C15 | 1 }
        mutating func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return (Double(state >> 11) + 0.5) / Double(1 << 53)
        }
        /// A random interior parameter vector for a model: probabilities rows
        /// drawn uniformly on the simplex interior, real parameters in [-2, 2].
        mutating func theta(for model: any Model) -> [Double] {
            if let bn = model as? BayesianNetwork {
                var theta = [Double](repeating: 0, count: bn.dimension)
                for (i, v) in bn.space.variables.enumerated() {
                    for offset in bn.offsets[i] {
                        let e = (0..<v.cardinality).map { _ in -log(next()) }
                        let s = e.reduce(0, +)
                        for k in 0..<(v.cardinality - 1) { theta[offset + k] = e[k] / s }
                    }
                }
                return theta
            }
            if model is FullSimplex {
                let e = (0...model.dimension).map { _ in -log(next()) }
                let s = e.reduce(0, +)
                return e.dropLast().map { $0 / s }
            }
            return (0..<model.dimension).map { _ in 4 * next() - 2 }
        }
        mutating func point(_ model: any Model) -> Point { try! model.point(theta(for: model)) }
    }
}

import Foundation
