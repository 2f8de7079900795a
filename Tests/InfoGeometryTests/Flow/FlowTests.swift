import Testing
@testable import InfoGeometry

@Suite struct FlowTests {
    /// Experiment 1: on the independence model the three flows agree on the
    /// visible marginal and the ELBO flow keeps θ1 fixed.
    @Test func cylindricalFlowsAgree() throws {
        let m = Fixtures.independence
        let star = try m.point([0.95, 0.1, 0.9]), start = try m.point([0.02, 0.95, 0.02])
        let a = try flow(.elbo(.point(star), q: .target), from: start, duration: 5, step: 0.01)
        let b = try flow(.elbo(.point(star), q: .posterior), from: start, duration: 5, step: 0.01)
        let c = try flow(.evidence(.point(star)), from: start, duration: 5, step: 0.01, metric: .visible)
        #expect(a.count == 501 && a.times.last == 5)
        for k in 0..<a.count {
            #expect(Vec.maxAbsDifference(a.visibles[k], c.visibles[k]) < 1e-10)
            #expect(Vec.maxAbsDifference(b.visibles[k], c.visibles[k]) < 1e-10)
            #expect(abs(b.thetas[k][0] - 0.02) < 1e-12)
        }
        #expect(c.evidenceLosses.last! < 1e-3)
        #expect(c.evidenceLosses.last! < c.evidenceLosses.first!)
    }

    /// Experiment 2: on the latent-class model they part ways.
    @Test(arguments: [Fixtures.latentStart1, Fixtures.latentStart2])
    func latentClassFlowsPart(_ startTheta: [Double]) throws {
        let m = Fixtures.latentClass
        let star = try m.point(Fixtures.latentStar), start = try m.point(startTheta)
        let a = try flow(.elbo(.point(star), q: .target), from: start, duration: 5, step: 0.01)
        let b = try flow(.elbo(.point(star), q: .posterior), from: start, duration: 5, step: 0.01)
        let c = try flow(.evidence(.point(star)), from: start, duration: 5, step: 0.01, metric: .visible)
        let ab = zip(a.visibles, b.visibles).map { Vec.maxAbsDifference($0, $1) }.max()!
        let bc = zip(b.visibles, c.visibles).map { Vec.maxAbsDifference($0, $1) }.max()!
        #expect(ab > 0.01 && bc > 0.01)
        for t in [a, b, c] { #expect(t.evidenceLosses.last! < t.evidenceLosses.first!) }
    }

    @Test func rk4ConvergesFasterThanEuler() throws {
        // On the independence model the complete-data flow is θ̇ = θ* − θ, so
        // θ(t) = θ* + (θ0 − θ*) e^{−t}.
        let m = Fixtures.independence
        let star = try m.point([0.95, 0.1, 0.9]), start = try m.point([0.02, 0.95, 0.02])
        let exact = zip(star.theta, start.theta).map { $0 + ($1 - $0) * exp(-1.0) }
        let euler = try flow(.elbo(.point(star), q: .target), from: start, duration: 1, step: 0.1)
        let rk4 = try flow(.elbo(.point(star), q: .target), from: start, duration: 1, step: 0.1, method: .rk4)
        let eErr = Vec.maxAbsDifference(euler.final.theta, exact), rErr = Vec.maxAbsDifference(rk4.final.theta, exact)
        #expect(rErr < 1e-6 && eErr > 1e-3)
    }

    @Test func limitsAndPositivity() throws {
        let m = Fixtures.independence
        let star = try m.point([0.95, 0.1, 0.9]), start = try m.point([0.02, 0.95, 0.02])
        #expect(throws: GeometryError.self) { try flow(.evidence(.point(star)), from: start, duration: 1e9, step: 1e-3) }
        #expect(throws: GeometryError.self) { try flow(.evidence(.point(star)), from: start, duration: 1, step: 0) }
        // A huge step overshoots out of the simplex: the error names the time.
        do {
            _ = try flow(.elbo(.point(star), q: .target), from: start, duration: 10, step: 2.5)
            Issue.record("the flow left the positive region without an error")
        } catch let error as GeometryError {
            #expect(error.description.hasPrefix("the flow stopped at t = "))
        }
        let t = try flow(.evidence(.point(star)), from: start, duration: 1, step: 0.25, metric: .visible)
        #expect(t.rowIndices(every: 3) == [0, 3, 4])
        #expect(t.index(nearest: 0.6) == 2)
    }
}

import Foundation

@Suite struct FlowLimitTests {
    @Test func aFlowThatWouldRecordTooMuchIsRefusedBeforeItStarts() throws {
        let space = try StateSpace(hidden: ["h:64"], visible: ["v:64"])
        let model = FullSimplex(space: space)
        let start = try model.point([Double](repeating: 1.0 / 4096, count: 4095))
        do {
            _ = try flow(.evidence(.point(start)), from: start, duration: 1, step: 1e-5)
            Issue.record("a flow recording 100,001 rows of 4,162 numbers was accepted")
        } catch let error as GeometryError {
            #expect(error.description.contains("at most 50000000 numbers are kept"))
        }
    }
}
