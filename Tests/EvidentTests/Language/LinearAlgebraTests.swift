import Foundation
import Testing
@testable import EvidentLanguage

/// The linear-algebra built-ins against NumPy's answers for the same
/// matrices (Fixtures/numpy/linear-algebra.json, written by the script
/// beside it; NumPy is never called here). Entries agree to 1e-10 relative
/// to the largest entry; eigenvectors and singular vectors only up to sign,
/// so they are compared through A V = V Λ and U diag(s) Vᵀ = A.
@Suite struct LinearAlgebraTests {
    struct Case: Decodable, CustomTestStringConvertible {
        var name: String
        var A: [[Double]]
        var det: Double?
        var inverse: [[Double]]?
        var b: [Double]?
        var solve: [Double]?
        var pinv: [[Double]]
        var rank: Int
        var s: [Double]
        var eigenvalues: [Double]?
        var eigenvectors: [[Double]]?
        var testDescription: String { name }
    }

    struct File: Decodable { var cases: [Case] }

    static func cases() throws -> [Case] {
        let url = LanguageTestSupport.fixturesURL().appendingPathComponent("numpy/linear-algebra.json")
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
    }

    /// Evaluates `code` with `A` (and `b`) bound.
    static func evaluate(_ code: String, _ c: Case) throws -> Value {
        func literal(_ x: Double) -> String { "\(x)" }
        func literal(_ v: [Double]) -> String { "[" + v.map(literal).joined(separator: ", ") + "]" }
        var source = "let A = [" + c.A.map(literal).joined(separator: ", ") + "]\n"
        if let b = c.b { source += "let b = " + literal(b) + "\n" }
        source += code + "\n"
        let interpreter = LanguageTestSupport.interpreter()
        let outcomes = interpreter.run(source, origin: SourceLocation(line: 1, column: 1))
        #expect(LanguageTestSupport.errors(interpreter) == [], "\(c.name): \(code)")
        return try #require(outcomes.last?.value)
    }

    static func close(_ x: [Double], _ y: [Double], scale: Double? = nil) -> Bool {
        guard x.count == y.count else { return false }
        let s = max(scale ?? y.map(abs).max() ?? 1, 1e-300)
        return zip(x, y).allSatisfy { abs($0 - $1) <= 1e-10 * max(s, 1) }
    }

    @Test(arguments: try cases())
    func agreesWithNumPy(_ c: Case) throws {
        if let det = c.det {
            let value = try Self.evaluate("det(A)", c).asNumber!
            #expect(abs(value - det) <= 1e-10 * max(abs(det), 1), "\(c.name): det \(value) vs \(det)")
        }
        if let inverse = c.inverse {
            #expect(Self.close(try Self.evaluate("inverse(A)", c).asMatrix!.flatMap { $0 }, inverse.flatMap { $0 }), "\(c.name): inverse")
        }
        if let solve = c.solve {
            #expect(Self.close(try Self.evaluate("solve(A, b)", c).asVector!, solve), "\(c.name): solve")
        }
        #expect(Self.close(try Self.evaluate("pinv(A)", c).asMatrix!.flatMap { $0 }, c.pinv.flatMap { $0 }), "\(c.name): pinv")
        #expect(try Self.evaluate("rank(A)", c).asNumber == Double(c.rank), "\(c.name): rank")
        #expect(Self.close(try Self.evaluate("svd(A).s", c).asVector!, c.s), "\(c.name): singular values")
        let scale = c.A.flatMap { $0 }.map(abs).max()!
        let reconstructed = try Self.evaluate("let f = svd(A)\nmap(f.u, row => map(f.v, vrow => sum(row * f.s * vrow)))", c)
        #expect(Self.close(reconstructed.asMatrix!.flatMap { $0 }, c.A.flatMap { $0 }, scale: scale), "\(c.name): U diag(s) Vᵀ = A")
        if let values = c.eigenvalues, let vectors = c.eigenvectors {
            let eigen = try Self.evaluate("eigen(A)", c)
            guard case .record(let record) = eigen else { Issue.record("eigen gives a record"); return }
            #expect(Self.close(record["values"]!.asVector!, values), "\(c.name): eigenvalues")
            let mine = record["vectors"]!.asMatrix!
            for j in values.indices {
                let a = mine.map { $0[j] }, b = vectors.map { $0[j] }
                let cosine = zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
                #expect(abs(abs(cosine) - 1) <= 1e-10, "\(c.name): eigenvector \(j + 1) up to sign")
            }
        }
    }
}
