import Testing
@testable import InfoGeometry

@Suite struct FisherTests {
    @Test func bernoulliFisherInformation() throws {
        let coin = try BayesianNetwork.independence(space: StateSpace(hidden: [], visible: ["coin"]))
        for theta in stride(from: 0.05, to: 1, by: 0.05) {
            let g = try coin.point([theta]).fisher()
            #expect(abs(g[0, 0] - 1 / (theta * (1 - theta))) < 1e-9 * g[0, 0])
        }
    }

    @Test func fisherIsSymmetricPSDAndDominatesTheVisibleOne() throws {
        var rng = Fixtures.Uniforms(seed: 5)
        for model in ModelTests.models {
            for _ in 0..<40 {
                let p = rng.point(model)
                let g = try p.fisher(), gv = try p.fisher(metric: .visible)
                #expect(g.maxAbsDifference(g.transposed) == 0)
                let scale = Vec.maxAbs(g.storage)
                // G ⪰ 0 and G − G_V ⪰ 0: check vᵀ(·)v over random directions,
                // and the eigenvalues of G through the SVD of the whitened Jacobian.
                let sv = try p.jointFactorization().singularValues
                #expect(sv.allSatisfy { $0 >= 0 })
                for _ in 0..<20 {
                    let v = (0..<model.dimension).map { _ in rng.next() - 0.5 }
                    let vg = Vec.dot(v, g.apply(v)), vgv = Vec.dot(v, gv.apply(v))
                    #expect(vg >= -1e-12 * scale)
                    #expect(vgv >= -1e-12 * scale)
                    #expect(vgv <= vg + 1e-10 * scale, "\(model.family): visible information exceeds joint")
                }
            }
        }
    }
}

@Suite struct NaturalGradientTests {
    /// On P(X), grad L = p − T_V ⊗ p(·|·) (DESIGN.md).
    @Test func fullSimplexEvidenceGradientHasTheClosedForm() throws {
        var rng = Fixtures.Uniforms(seed: 21)
        let space = Fixtures.xyz
        for _ in 0..<300 {
            let p = rng.point(Fixtures.full)
            let target = rng.point(Fixtures.full).visible
            let n = try Objective.evidence(.vector(target)).naturalGradient(at: p)
            let closed = zip(p.joint, space.joint(visible: target, conditional: try p.conditional())).map { $0 - $1 }
            #expect(Vec.maxAbsDifference(n.ambient, closed) < 1e-12)
        }
    }

    /// Claim G: the gap's natural gradient is vertical for every q; its
    /// Euclidean gradient is not.
    @Test func gapNaturalGradientIsVertical() throws {
        let draws = try dirichlet([Double](repeating: 0.5, count: 8), count: 3000, seed: 99)
        let points = try draws.map { try Fixtures.full.point(Array($0.dropLast())) }
        var largestEuclidean = 0.0
        var largestNatural = 0.0
        for i in 0..<1000 {
            let p = points[3 * i], r = points[3 * i + 1], target = points[3 * i + 2]
            let q: Recognition = [.target, .point(r)][i % 2]
            let gap = Objective.gap(.point(target), q: q)
            largestNatural = max(largestNatural, Vec.maxAbs(try gap.naturalGradient(at: p).visible))
            largestEuclidean = max(largestEuclidean, Vec.norm(try gap.gradient(at: p).visible))
        }
        #expect(largestNatural < 1e-12)
        #expect(largestEuclidean > 1e-2)
    }

    /// Claim C on a cylindrical model: Π J G⁺∇F_q = J_V G_V⁺∇L for every q.
    @Test func independenceModelKeepsTheEquivalence() throws {
        var rng = Fixtures.Uniforms(seed: 7)
        let m = Fixtures.independence
        for _ in 0..<200 {
            let p = rng.point(m), star = rng.point(m), r = rng.point(m)
            let evidence = try Objective.evidence(.point(star)).naturalGradient(at: p, metric: .visible).visible
            for q in [Recognition.posterior, .target, .point(r)] {
                let elbo = try Objective.elbo(.point(star), q: q).naturalGradient(at: p).visible
                #expect(Vec.maxAbsDifference(elbo, evidence) < 1e-10)
            }
        }
    }

    @Test func posteriorRecognitionGivesTheEvidenceGradient() throws {
        var rng = Fixtures.Uniforms(seed: 8)
        for model in ModelTests.models {
            let p = rng.point(model), star = rng.point(model)
            let a = try Objective.elbo(.point(star), q: .posterior).gradient(at: p).theta
            let b = try Objective.evidence(.point(star)).gradient(at: p).theta
            #expect(Vec.maxAbsDifference(a, b) < 1e-12 * max(1, Vec.maxAbs(b)))
        }
    }

    @Test func objectivesDecompose() throws {
        var rng = Fixtures.Uniforms(seed: 9)
        for _ in 0..<100 {
            let p = rng.point(Fixtures.latentClass), star = rng.point(Fixtures.latentClass)
            let l = try Objective.evidence(.point(star)).value(at: p)
            let f = try Objective.elbo(.point(star), q: .target).value(at: p)
            let g = try Objective.gap(.point(star), q: .target).value(at: p)
            #expect(abs(f - (l + g)) < 1e-12 && g >= 0 && l >= 0)
            #expect(abs(f - (try Probability.klDivergence(star.joint, p.joint))) < 1e-12)
            #expect(abs(try Objective.gap(.point(star), q: .posterior).value(at: p)) < 1e-12)
        }
    }

    @Test func tangentSplitting() throws {
        var rng = Fixtures.Uniforms(seed: 10)
        for model in ModelTests.models {
            let p = rng.point(model), star = rng.point(model)
            let v = try Objective.evidence(.point(star)).naturalGradient(at: p)
            let h = try v.horizontal(), w = try v.vertical()
            #expect(Vec.maxAbsDifference(zip(h, w).map { $0 + $1 }, v.ambient) < 1e-14)
            #expect(Vec.maxAbs(p.space.marginal(w)) < 1e-14)
            // H ⟂ V in the Fisher metric
            let inner = zip(zip(h, w), p.joint).reduce(0.0) { $0 + $1.0.0 * $1.0.1 / $1.1 }
            #expect(abs(inner) < 1e-12)
            // the horizontal part carries the whole visible norm
            let hNorm = zip(h, p.joint).reduce(0.0) { $0 + $1.0 * $1.0 / $1.1 }.squareRoot()
            #expect(abs(hNorm - (try v.norm(metric: .visible))) < 1e-12)
        }
    }

    @Test func cosineOfZeroVectorIsAnError() throws {
        let p = try Fixtures.independence.point([0.3, 0.4, 0.5])
        let zero = Tangent(point: p, theta: [0, 0, 0]), one = Tangent(point: p, theta: [1, 0, 0])
        #expect(throws: GeometryError.self) { try zero.cosine(one) }
        #expect(abs(try one.cosine(one, metric: .joint) - 1) < 1e-15)
    }
}

@Suite struct CylindricityTests {
    @Test func cylindricalModelsSplit() throws {
        var rng = Fixtures.Uniforms(seed: 12)
        for _ in 0..<100 {
            let f = try rng.point(Fixtures.full).cylindricity()
            #expect(f.defect < 1e-10)
            #expect(f.dimension == 7 && f.horizontal == 3 && f.vertical == 4)
            let i = try rng.point(Fixtures.independence).cylindricity()
            #expect(i.defect < 1e-10)
            #expect(i.dimension == 3 && i.horizontal == 2 && i.vertical == 1)
        }
    }

    @Test func latentClassAndRBMDoNot() throws {
        // The defect vanishes only on a thin set (e.g. near θ2 = θ3, θ4 = θ5),
        // so almost every random point has a clear one.
        var rng = Fixtures.Uniforms(seed: 13)
        for model in [Fixtures.latentClass, Fixtures.rbm] as [any Model] {
            let defects = try (0..<1000).map { _ in try rng.point(model).cylindricity().defect }
            #expect(defects.filter { $0 > 0.01 }.count >= 980, "\(model.family)")
            #expect(defects.sorted()[500] > 0.1, "\(model.family)")
        }
        for theta in [Fixtures.latentStar, Fixtures.latentStart1, Fixtures.latentStart2] {
            let c = try Fixtures.latentClass.point(theta).cylindricity()
            #expect(c.dimension == 5 && c.defect > 0.01)
        }
        #expect(try Fixtures.rbm.point([0.1, -0.2, 0.3, 0.8, -0.5]).cylindricity().defect > 0.01)
    }
}

import Foundation

/// An objective's identity names the function of the point it is: equal for
/// equal kinds, targets (bit for bit, or the same point) and, for the ELBO and
/// the gap, recognition models; the evidence ignores its recognition model.
@Suite struct ObjectiveIdentityTests {
    let model = try! BayesianNetwork(space: StateSpace(hidden: ["x"], visible: ["y", "z"]), edges: [("x", "y"), ("x", "z")])
    let target: [Double] = [0.1816, 0.0056, 0.5750, 0.0178, 0.1750, 0.0054, 0.0384, 0.0012]

    @Test func equalObjectivesHaveEqualIdentities() throws {
        let p = try Point(model: model, theta: [0.3, 0.2, 0.7, 0.4, 0.6])
        #expect(Objective.evidence(.vector(target)).identity == Objective.evidence(.vector(Array(target))).identity)
        #expect(Objective(.evidence, target: .vector(target), recognition: .target).identity
                == Objective.evidence(.vector(target)).identity)
        #expect(Objective.elbo(.vector(target), q: .point(p)).identity == Objective.elbo(.vector(target), q: .point(p)).identity)
        #expect(Objective.evidence(.point(p)).identity == Objective.evidence(.point(p)).identity)
    }

    @Test func differentObjectivesHaveDifferentIdentities() throws {
        let p = try Point(model: model, theta: [0.3, 0.2, 0.7, 0.4, 0.6])
        let q = try Point(model: model, theta: [0.3, 0.2, 0.7, 0.4, 0.6])
        var nudged = target
        nudged[0] = nudged[0].nextUp
        let identities = [
            Objective.evidence(.vector(target)).identity,
            Objective.evidence(.vector(nudged)).identity,
            Objective.evidence(.point(p)).identity,
            Objective.evidence(.point(q)).identity,
            Objective.elbo(.vector(target), q: .posterior).identity,
            Objective.elbo(.vector(target), q: .target).identity,
            Objective.elbo(.vector(target), q: .point(p)).identity,
            Objective.elbo(.vector(target), q: .point(q)).identity,
            Objective.gap(.vector(target), q: .posterior).identity,
        ]
        #expect(Set(identities).count == identities.count)
    }
}
