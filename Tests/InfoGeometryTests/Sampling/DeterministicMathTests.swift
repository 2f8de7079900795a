import Foundation
import Testing
@testable import InfoGeometry

@Suite struct DeterministicMathTests {
    /// Distance in units in the last place between two finite doubles.
    func ulps(_ a: Double, _ b: Double) -> Double {
        if a == b { return 0 }
        return abs(a - b) / max(a.ulp, b.ulp)
    }

    @Test func logWithinTwoUlpOfTheSystemLog() {
        var generator = SeededGenerator(seed: 11)
        var worst = 0.0
        for _ in 0..<100_000 {
            // Log-uniform over the whole positive range, subnormals included.
            let exponent = Int(generator.next() % 2098) - 1074
            let x = Double(sign: .plus, exponent: exponent, significand: 1 + generator.nextUniform())
            guard x.isFinite, x > 0 else { continue }
            worst = max(worst, ulps(DeterministicMath.log(x), Foundation.log(x)))
        }
        for k in 1..<2000 {
            let x = 1 + Double(k - 1000) * 1e-4
            worst = max(worst, ulps(DeterministicMath.log(x), Foundation.log(x)))
        }
        #expect(worst <= 2, "worst log error \(worst) ulp")
    }

    /// The logarithm as first written: m and k through `significand` and
    /// `exponent`, the coefficients 1/n divided at run time. `log` must give
    /// its results bit for bit (sampled streams depend on them).
    static func referenceLog(_ x: Double) -> Double {
        if x.isNaN || x < 0 { return .nan }
        if x == 0 { return -.infinity }
        if x == .infinity { return .infinity }
        var m = x.significand
        var k = Double(x.exponent)
        if m > DeterministicMath.sqrt2 {
            m *= 0.5
            k += 1
        }
        let f = m - 1
        if f == 0 { return k * DeterministicMath.ln2Hi + k * DeterministicMath.ln2Lo }
        let s = f / (2 + f)
        let z = s * s
        var r = 1.0 / 23
        for n in stride(from: 21, through: 3, by: -2) {
            r = 1.0 / Double(n) + z * r
        }
        r *= z
        let lnM = f - (s * f - 2 * s * r)
        return k * DeterministicMath.ln2Hi + (lnM + k * DeterministicMath.ln2Lo)
    }

    @Test func logEqualsTheReferenceAlgorithmBitForBit() {
        var generator = SeededGenerator(seed: 12)
        var inputs: [Double] = [1, 2, 0.5, .leastNormalMagnitude, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
                                0, -0.0, -1, .infinity, -.infinity, .nan, 2.squareRoot(), 2.squareRoot().nextUp, 2.squareRoot().nextDown]
        for _ in 0..<200_000 {
            let exponent = Int(generator.next() % 2098) - 1074
            inputs.append(Double(sign: .plus, exponent: exponent, significand: 1 + generator.nextUniform()))
            inputs.append(generator.nextUniform())
        }
        for x in inputs {
            let fast = DeterministicMath.log(x), reference = Self.referenceLog(x)
            #expect(fast.bitPattern == reference.bitPattern || (fast.isNaN && reference.isNaN), "log(\(x))")
        }
    }

    /// The two-lane logarithm gives each lane what `log` gives, bit for bit,
    /// paired with every kind of partner (normal, special, the other lane's
    /// shortcut cases): the inputs of the test above, each with a neighbour.
    @Test func twoLaneLogEqualsLogBitForBit() {
        var generator = SeededGenerator(seed: 13)
        var inputs: [Double] = [1, 2, 0.5, 1.5, .leastNormalMagnitude, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
                                0, -0.0, -1, .infinity, -.infinity, .nan, 2.squareRoot(), 2.squareRoot().nextUp, 2.squareRoot().nextDown,
                                1.0.nextUp, 1.0.nextDown, 4, 0.25]
        for _ in 0..<200_000 {
            let exponent = Int(generator.next() % 2098) - 1074
            inputs.append(Double(sign: .plus, exponent: exponent, significand: 1 + generator.nextUniform()))
            inputs.append(generator.nextUniform())
        }
        func same(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }
        for (i, a) in inputs.enumerated() {
            let b = inputs[(i * 7 + 3) % inputs.count]
            let (la, lb) = DeterministicMath.log(a, b)
            #expect(same(la, DeterministicMath.log(a)) && same(lb, DeterministicMath.log(b)), "log(\(a), \(b))")
        }
    }

    /// The exponential as first written: fifteen divisions in a loop, no
    /// shortcut for 0. `exp` must give its results bit for bit.
    static func referenceExp(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x > 709.782712893384 { return .infinity }
        if x < -745.1332191019412 { return 0 }
        let k = (x * DeterministicMath.invLn2).rounded(.toNearestOrEven)
        let r = (x - k * DeterministicMath.ln2Hi) - k * DeterministicMath.ln2Lo
        var p = 1.0
        for n in stride(from: 15, through: 1, by: -1) { p = 1 + p * r / Double(n) }
        let kInt = Int(k)
        if kInt < -1000 { return Double(sign: .plus, exponent: kInt + 60, significand: p) * 0x1p-60 }
        return Double(sign: .plus, exponent: kInt, significand: p)
    }

    @Test func expEqualsTheReferenceAlgorithmBitForBit() {
        var generator = SeededGenerator(seed: 13)
        var inputs: [Double] = [0, -0.0, 1, -1, 0.5, -0.5, 709.78, 709.782712893384, -745.13, -745.1332191019412, -708.5, -740,
                                .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude, 1e-300, -1e-300,
                                .infinity, -.infinity, .nan, DeterministicMath.ln2Hi, -DeterministicMath.ln2Hi]
        for _ in 0..<200_000 {
            // Uniform over the finite range, and the small arguments a
            // Dirichlet draw passes (differences of log-gammas).
            inputs.append(1490 * generator.nextUniform() - 745)
            inputs.append(-40 * generator.nextUniform())
            let exponent = Int(generator.next() % 1100) - 1074
            inputs.append(Double(sign: generator.next() % 2 == 0 ? .plus : .minus, exponent: exponent, significand: 1 + generator.nextUniform()))
        }
        for x in inputs {
            let fast = DeterministicMath.exp(x), reference = Self.referenceExp(x)
            #expect(fast.bitPattern == reference.bitPattern || (fast.isNaN && reference.isNaN), "exp(\(x))")
        }
    }

    @Test func expOfTwoIsExpOfEach() {
        var generator = SeededGenerator(seed: 17)
        var inputs: [Double] = [0, -0.0, 1, -690, -690.0000001, -700, -745.2, 709, 709.5, 710, .infinity, -.infinity, .nan, 1e-300]
        for _ in 0..<20_000 {
            inputs.append(1490 * generator.nextUniform() - 745)
            inputs.append(-40 * generator.nextUniform())
        }
        for (a, b) in zip(inputs, inputs.shuffled(using: &generator)) {
            let (ea, eb) = DeterministicMath.exp(a, b)
            let same = { (x: Double, y: Double) in x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN) }
            #expect(same(ea, DeterministicMath.exp(a)) && same(eb, DeterministicMath.exp(b)), "exp(\(a), \(b))")
        }
    }

    @Test func logSpecialValues() {
        #expect(DeterministicMath.log(1) == 0)
        #expect(DeterministicMath.log(0) == -.infinity)
        #expect(DeterministicMath.log(.infinity) == .infinity)
        #expect(DeterministicMath.log(-1).isNaN)
        #expect(DeterministicMath.log(.nan).isNaN)
        #expect(DeterministicMath.log(2) == Foundation.log(2.0))
        #expect(DeterministicMath.log(.leastNonzeroMagnitude) == Foundation.log(Double.leastNonzeroMagnitude))
    }

    @Test func expWithinTwoUlpOfTheSystemExp() {
        var generator = SeededGenerator(seed: 12)
        var worst = 0.0
        for _ in 0..<100_000 {
            let x = -745 + 1454.7 * generator.nextUniform()
            let reference = Foundation.exp(x)
            let value = DeterministicMath.exp(x)
            if reference < Double.leastNormalMagnitude {
                // Subnormal results carry fewer bits; compare absolutely.
                #expect(abs(value - reference) <= Double.leastNonzeroMagnitude)
            } else {
                worst = max(worst, ulps(value, reference))
            }
        }
        for k in 0..<2001 {
            let x = Double(k - 1000) * 1e-3
            worst = max(worst, ulps(DeterministicMath.exp(x), Foundation.exp(x)))
        }
        #expect(worst <= 2, "worst exp error \(worst) ulp")
    }

    @Test func expSpecialValues() {
        #expect(DeterministicMath.exp(0) == 1)
        #expect(DeterministicMath.exp(710) == .infinity)
        #expect(DeterministicMath.exp(-746) == 0)
        #expect(DeterministicMath.exp(.nan).isNaN)
        #expect(DeterministicMath.exp(-.infinity) == 0)
        #expect(DeterministicMath.exp(709.78).isFinite)
        #expect(DeterministicMath.exp(-745.1) > 0)
    }
}
