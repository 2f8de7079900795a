import Testing
@testable import InfoGeometry

@Suite struct ModelTests {
    static let models: [any Model] = [Fixtures.full, Fixtures.independence, Fixtures.latentClass, Fixtures.rbm, Fixtures.mixed]

    @Test("Jacobians agree with central finite differences", arguments: 0..<5)
    func jacobianMatchesFiniteDifferences(_ which: Int) throws {
        let model = Self.models[which]
        var rng = Fixtures.Uniforms(seed: UInt64(17 + which))
        for _ in 0..<50 {
            let theta = rng.theta(for: model)
            let j = model.jacobian(at: theta)
            #expect(j.rows == model.space.jointCount && j.columns == model.dimension)
            for k in 0..<model.dimension {
                let h = 1e-5
                var plus = theta, minus = theta
                plus[k] += h
                minus[k] -= h
                let fp = model.distribution(at: plus), fm = model.distribution(at: minus)
                let numeric = zip(fp, fm).map { ($0 - $1) / (2 * h) }
                let column = j.column(k)
                let scale = max(1e-3, Vec.maxAbs(column))
                #expect(Vec.maxAbsDifference(numeric, column) / scale < 1e-7, "\(model.family) column \(k)")
            }
        }
    }

    /// A family's own visible Jacobian (the networks fold joint rows as they
    /// are made) is ΠJ entry for entry, and so is the point's, whichever way it
    /// comes: with or without the joint Jacobian already kept.
    @Test func visibleJacobiansAreTheMarginalOfTheJointRows() throws {
        var rng = Fixtures.Uniforms(seed: 4)
        for model in Self.models {
            for _ in 0..<20 {
                let theta = rng.theta(for: model)
                let reference = model.space.marginalRows(model.jacobian(at: theta))
                #expect(model.visibleJacobian(at: theta) == reference, "\(model.family)")
                #expect(Point(model: model, uncheckedTheta: theta).visibleJacobian == reference, "\(model.family)")
                let kept = Point(model: model, uncheckedTheta: theta)
                _ = kept.jacobian
                #expect(kept.visibleJacobian == reference, "\(model.family)")
            }
        }
    }

    /// J_V and B_V⁺ are made once per point and then read in place: points
    /// first asked for them from many threads at once give every thread the
    /// same entries, equal to those of a point asked on one thread, and the
    /// in-place readers see what the getters return.
    @Test func visibleCachesAreMadeOnceAndReadInPlace() throws {
        var rng = Fixtures.Uniforms(seed: 9)
        let model = Fixtures.latentClass
        let thetas = (0..<64).map { _ in rng.theta(for: model) }
        let reference = try thetas.map { theta -> ([Double], [Double]) in
            let p = Point(model: model, uncheckedTheta: theta)
            return (p.visibleJacobian.storage, try p.visiblePseudoInverse())
        }
        for _ in 0..<20 {
            let points = thetas.map { Point(model: model, uncheckedTheta: $0) }
            // 8 readers per point, racing to make its caches.
            let seen = try Parallel.map(count: points.count * 8, threads: 8) { i -> ([Double], [Double], [Double], [Double]) in
                let p = points[i / 8]
                if i % 2 == 0 {
                    let j = p.withVisibleJacobian { Array($0) }
                    let b = try p.withVisiblePseudoInverse { Array($0) }
                    return (j, b, p.visibleJacobian.storage, try p.visiblePseudoInverse())
                }
                let b = try p.visiblePseudoInverse()
                return (p.visibleJacobian.storage, b, p.withVisibleJacobian { Array($0) }, try p.withVisiblePseudoInverse { Array($0) })
            }
            for (i, (j, b, j2, b2)) in seen.enumerated() {
                let (rj, rb) = reference[i / 8]
                #expect(j == rj && j2 == rj && b == rb && b2 == rb)
            }
        }
    }

    /// An RBM's sufficient statistics are dense: within 2^26 entries, or a
    /// limit error before anything is allocated (21 + 3 units asked for 11 GB).
    @Test func rbmStatisticsStayWithinTheDenseLimit() throws {
        let fits = try LogLinearModel.rbm(hidden: 8, visible: 8)
        #expect(fits.space.jointCount == 1 << 16 && fits.dimension == 80)
        for (h, v) in [(10, 10), (21, 3), (12, 12)] {
            #expect(throws: GeometryError.self) { try LogLinearModel.rbm(hidden: h, visible: v) }
            do {
                _ = try LogLinearModel.rbm(hidden: h, visible: v)
            } catch let error as GeometryError {
                #expect("\(error)".contains("matrix of sufficient statistics"), "\(h), \(v): \(error)")
            }
        }
    }

    @Test func distributionsSumToOne() throws {
        var rng = Fixtures.Uniforms(seed: 3)
        for model in Self.models {
            for _ in 0..<20 {
                let p = rng.point(model)
                #expect(abs(p.joint.reduce(0, +) - 1) < 1e-12)
                #expect(p.joint.allSatisfy { $0 >= 0 })
            }
        }
    }

    @Test func latentClassMatchesThePaperLayout() throws {
        let p = try Fixtures.latentClass.point(Fixtures.latentStar)
        let (t1, t2, t3, t4, t5) = (0.78, 0.24, 0.82, 0.97, 0.97)
        // state 4x + 2y + z; θ are probabilities of state 0
        #expect(abs(p.joint[0] - t1 * t2 * t4) < 1e-15)
        #expect(abs(p.joint[3] - t1 * (1 - t2) * (1 - t4)) < 1e-15)
        #expect(abs(p.joint[4] - (1 - t1) * t3 * t5) < 1e-15)
        #expect(abs(p.joint[6] - (1 - t1) * (1 - t3) * t5) < 1e-15)
        #expect(Fixtures.latentClass.parameterNames == ["P(x=0)", "P(y=0 | x=0)", "P(y=0 | x=1)", "P(z=0 | x=0)", "P(z=0 | x=1)"])
    }

    @Test func rbmLayout() throws {
        let m = Fixtures.rbm
        #expect(m.dimension == 5)
        #expect(m.parameterNames == ["b_v1", "b_v2", "c_h1", "W_h1v1", "W_h1v2"])
        let theta = [0.1, -0.2, 0.3, 0.8, -0.5]
        let p = m.distribution(at: theta)
        // state (h=1, v1=1, v2=0) is index 6: energy b1 + c + W11
        let e = { (h: Double, v1: Double, v2: Double) in exp(0.1 * v1 - 0.2 * v2 + 0.3 * h + 0.8 * h * v1 - 0.5 * h * v2) }
        var z = 0.0
        for h in [0.0, 1] { for a in [0.0, 1] { for b in [0.0, 1] { z += e(h, a, b) } } }
        #expect(abs(p[6] - e(1, 1, 0) / z) < 1e-15)
    }

    @Test func invalidNetworksAreErrors() throws {
        let space = Fixtures.xyz
        #expect(throws: GeometryError.self) { try BayesianNetwork(space: space, edges: BayesianNetwork.parseEdges("x -> y, y -> z, z -> x")) }
        #expect(throws: GeometryError.self) { try BayesianNetwork(space: space, edges: BayesianNetwork.parseEdges("x -> w")) }
        #expect(throws: GeometryError.self) { try BayesianNetwork(space: space, edges: BayesianNetwork.parseEdges("x -> x")) }
        #expect(throws: GeometryError.self) { try BayesianNetwork.parseEdges("x -> , y") }
        do {
            _ = try BayesianNetwork(space: space, edges: BayesianNetwork.parseEdges("x -> y -> z -> x"))
            Issue.record("a cycle was accepted")
        } catch let error as GeometryError {
            #expect(error.description == "the network has a cycle: x -> y -> z -> x" || error.description.contains("cycle"))
        }
    }

    @Test func domainIsChecked() throws {
        #expect(throws: GeometryError.self) { try Fixtures.latentClass.point([0.5, 0.5, 0.5, 0.5, 1.5]) }
        #expect(throws: GeometryError.self) { try Fixtures.latentClass.point([0.5, 0.5]) }
        #expect(throws: GeometryError.self) { try Fixtures.full.point([0.5, 0.5, 0.5, 0, 0, 0, 0]) }
        #expect(throws: GeometryError.self) { try Fixtures.rbm.point([.nan, 0, 0, 0, 0]) }
        #expect(throws: GeometryError.self) { try Variable(parsing: "x:1") }
        #expect(throws: GeometryError.self) { try StateSpace(hidden: ["x"], visible: ["x"]) }
    }

    @Test func stateSpaceOrder() throws {
        let s = try StateSpace(hidden: ["h:3"], visible: ["a", "b:3"])
        #expect(s.jointCount == 18 && s.visibleCount == 6 && s.hiddenCount == 3)
        #expect(s.configuration(ofJoint: 0) == [0, 0, 0])
        #expect(s.configuration(ofJoint: 1) == [0, 0, 1])
        #expect(s.configuration(ofJoint: 6) == [1, 0, 0])
        for i in 0..<18 { #expect(s.jointIndex(of: s.configuration(ofJoint: i)) == i) }
        let p = (0..<18).map { Double($0 + 1) / 171 }
        let pv = s.marginal(p)
        #expect(abs(pv[0] - (1.0 + 7 + 13) / 171) < 1e-15)
        let q = try s.conditional(p)
        for v in 0..<6 { #expect(abs((0..<3).map { q[$0 * 6 + v] }.reduce(0, +) - 1) < 1e-15) }
    }
}

import Foundation
