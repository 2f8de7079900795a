import Testing
@testable import InfoGeometry

/// Seeded draws pinned to the bit. A change to any of these values changes
/// every seeded number in every document, so it must be deliberate.
///
/// The decimal values were also reproduced by an independent Python
/// transcription of the documented algorithms on the reference xoshiro256**
/// stream (the one in SeededGeneratorTests), using the C library's log/exp:
///
///     def u(g):      # nextUniform
///         while True:
///             b = g.next() >> 11
///             if b: return b * 2.0**-53
///     def normal(g): # polar, second value discarded
///         while True:
///             a = 2*u(g) - 1; b = 2*u(g) - 1; s = a*a + b*b
///             if 0 < s < 1: return a * math.sqrt(-2*math.log(s)/s)
///     def loggamma(k, g):
///         if k < 1: return loggamma(k + 1, g) + math.log(u(g))/k
///         d = k - 1/3; c = 1/math.sqrt(9*d)
///         while True:
///             while True:
///                 x = normal(g); v = 1 + c*x
///                 if v > 0: break
///             v = v*v*v; w = u(g); x2 = x*x
///             if w < 1 - 0.0331*x2*x2: return math.log(d) + math.log(v)
///             if math.log(w) < 0.5*x2 + d*(1 - v + math.log(v)):
///                 return math.log(d) + math.log(v)
///     beta: 1/(1 + exp(loggamma(b) - loggamma(a))), redrawn outside [m, 1-m]
///     dirichlet: L = [loggamma(a_i)], w = exp(L - max L), w / sum(w), redrawn
///         while an entry is below the margin
///     draw i of a seeded batch: a fresh generator seeded with seed ^ mix(i)
///
/// It agreed to within 2 ulp (the libm log/exp differ from DeterministicMath
/// in the last bit), which `matchIndependentTranscription` checks.
@Suite struct GoldenSampleTests {
    func bits(_ x: [Double]) -> [UInt64] { x.map(\.bitPattern) }

    @Test func pinnedDraws() throws {
        #expect(bits(try normal(count: 3, seed: 2026))
                == [0x3FE2_44ED_0B15_C929, 0x3FEE_85BA_8CFE_9CED, 0x3FF0_D048_031C_96EF])
        #expect(bits(try gamma(shape: 0.3, count: 3, seed: 2026))
                == [0x3FF2_1469_5FC1_7758, 0x3FCC_5E46_3DEC_B58C, 0x3FC7_2EF6_D9F2_35DA])
        #expect(bits(try gamma(shape: 2.5, scale: 2, count: 3, seed: 2026))
                == [0x4018_F67E_AB8A_22E6, 0x401F_2A80_7F91_13F4, 0x4020_716D_9B7F_943B])
        #expect(bits(try beta(1.5, 1.5, count: 3, seed: 2026, margin: 1e-3))
                == [0x3FE0_B151_80FF_935B, 0x3FE6_104D_0053_36E6, 0x3FE5_214E_D350_CEDB])
        #expect(bits(try dirichlet([0.5, 0.5, 0.5], count: 2, seed: 2026, margin: 1e-3).flatMap { $0 })
                == [0x3FE0_0117_356E_D031, 0x3FDB_F989_DA7A_D73F, 0x3FB0_111E_EA9E_217D,
                    0x3FC7_C00A_2C70_15F7, 0x3FD0_7988_3E54_7D97, 0x3FE1_D339_55B9_BBB7])
        #expect(bits([DeterministicMath.log(0.3), DeterministicMath.exp(-2.7),
                      DeterministicMath.log(1e-300), DeterministicMath.exp(700.5)])
                == [0xBFF3_4378_FCBD_A721, 0x3FB1_3461_6754_00C2, 0xC085_9634_47F8_7FB5, 0x7F18_625C_7D4F_56C2])
    }

    @Test func pinnedSliceChain() throws {
        let sampler = try SliceSampler(
            logDensity: { -0.5 * $0[0] * $0[0] - 0.5 * $0[1] * $0[1] },
            lower: [-5, -5], upper: [5, 5], width: 1, burnIn: 5, direction: .randomDirection)
        var generator = SeededGenerator(seed: 2026)
        let chain = try sampler.sample(count: 2, start: [0, 0], generator: &generator)
        #expect(bits(chain.flatMap { $0 })
                == [0x3FD7_66B0_DC60_0EC8, 0x3FC9_8546_538B_829B, 0x3FD2_25CF_DA1A_4C6C, 0xBFF6_9773_5600_B361])
    }

    @Test func matchIndependentTranscription() throws {
        func close(_ a: [Double], _ b: [Double]) -> Bool {
            a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 2 * max($0.ulp, $1.ulp) }
        }
        #expect(close(try normal(count: 3, seed: 2026),
                      [0.5709138123041032, 0.9538243058968, 1.0508499261426854]))
        #expect(close(try gamma(shape: 0.3, count: 3, seed: 2026),
                      [1.1299833050211046, 0.22162702582992855, 0.18112073556805688]))
        #expect(close(try gamma(shape: 2.5, scale: 2, count: 3, seed: 2026),
                      [6.240717582994625, 7.791505807142119, 8.22153936321603]))
        #expect(close(try beta(1.5, 1.5, count: 3, seed: 2026, margin: 1e-3),
                      [0.5216453094004508, 0.6894898420666464, 0.6603159072169221]))
        #expect(close(try dirichlet([0.5, 0.5, 0.5], count: 2, seed: 2026, margin: 1e-3).flatMap { $0 },
                      [0.5001331370936041, 0.4371056207268004, 0.06276124217959551,
                       0.18554808778587503, 0.2574177368823824, 0.5570341753317426]))
    }
}

/// `GammaDistribution.Kernel.logStandard(_:_:using:)` draws two variates side
/// by side; it must give what two draws one after the other give, bit for
/// bit, and leave the generator where they leave it, on every path: each of
/// the two draws keeping its first candidate through the squeeze or the full
/// test, or not keeping it because v ≤ 0 or the test fails (shapes below 1,
/// at 1 and above, tiny and large).
@Suite struct PairedGammaDrawTests {
    /// What became of a draw's first candidate.
    enum Path: Hashable { case squeeze, fullTest, vNotPositive, rejected }

    static func path(_ kernel: GammaDistribution.Kernel, _ generator: inout SeededGenerator) -> Path {
        let candidate = kernel.candidate(using: &generator)
        let x = NormalDistribution.standard(u: candidate.u, s: candidate.s, logS: DeterministicMath.log(candidate.s))
        let v = 1 + kernel.c * x
        guard v > 0 else { return .vNotPositive }
        if kernel.kept(candidate, logS: DeterministicMath.log(candidate.s)) == nil { return .rejected }
        let x2 = x * x
        return candidate.acceptance < 1 - 0.0331 * x2 * x2 ? .squeeze : .fullTest
    }

    @Test func pairedDrawsAreTheSerialDraws() {
        let shapes: [(Double, Double)] = [(0.5, 0.5), (1.5, 1.5), (1.5, 0.5), (0.5, 1.5), (1, 1), (1e-3, 2.5), (0.05, 40), (1e-300, 0.3), (7, 1e-2)]
        var firstPaths = Set<Path>(), secondPaths = Set<Path>()
        for (a, b) in shapes {
            let first = GammaDistribution.Kernel(shape: a), second = GammaDistribution.Kernel(shape: b)
            for stream in 0..<5_000 as Range<UInt64> {
                var serial = SeededGenerator(seed: 7, stream: stream)
                let x1 = first.logStandard(using: &serial)
                let x2 = second.logStandard(using: &serial)
                var paired = SeededGenerator(seed: 7, stream: stream)
                var probe = paired
                let (y1, y2) = GammaDistribution.Kernel.logStandard(first, second, using: &paired)
                #expect(x1.bitPattern == y1.bitPattern && x2.bitPattern == y2.bitPattern, "\(a), \(b), stream \(stream)")
                #expect(serial == paired, "\(a), \(b), stream \(stream): the generators differ after the draws")
                // Which paths the pair took: the second's only counts when the first kept its candidate.
                let firstPath = Self.path(first, &probe)
                firstPaths.insert(firstPath)
                if firstPath == .squeeze || firstPath == .fullTest { secondPaths.insert(Self.path(second, &probe)) }
            }
        }
        #expect(firstPaths == [.squeeze, .fullTest, .vNotPositive, .rejected])
        #expect(secondPaths == [.squeeze, .fullTest, .vNotPositive, .rejected])
    }
}

/// Two Dirichlet draws side by side (`DirichletDistribution.draw` with two
/// generators) and two points at a time (`parallelDrawPairs`) give the
/// one-at-a-time draws bit for bit: values, outcomes and generators, with
/// rejections, exhausted attempts and the vertex of subnormal α among them.
@Suite struct PairedDirichletDrawTests {
    @Test(arguments: [([0.5, 0.5], 1e-3, 100_000), ([1.5, 1.5], 1e-3, 100_000), ([0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5], 1e-3, 100_000),
                      ([0.3, 0.3, 0.3], 0.3, 3), ([1e-320, 1e-320, 2], 0, 10), ([4, 0.2, 1], 0.01, 2)])
    func twoDrawsSideBySideAreTwoDraws(alpha: [Double], margin: Double, attempts: Int) throws {
        let law = try DirichletDistribution(alpha: alpha, margin: margin, maxAttempts: attempts)
        let k = alpha.count
        var exhausted = 0
        law.kernels.withUnsafeBufferPointer { kernels in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: 8 * k) { scratch in
                let part = { (i: Int) in UnsafeMutableBufferPointer(rebasing: scratch[(i * k)..<((i + 1) * k)]) }
                for stream in 0..<2_000 as Range<UInt64> {
                    var one = SeededGenerator(seed: 3, stream: stream), two = SeededGenerator(seed: 3, stream: stream + 10_000)
                    let first = DirichletDistribution.draw(kernels: kernels, margin: law.margin, maxAttempts: law.maxAttempts,
                                                           into: part(0), logs: part(1), using: &one)
                    let second = DirichletDistribution.draw(kernels: kernels, margin: law.margin, maxAttempts: law.maxAttempts,
                                                            into: part(2), logs: part(3), using: &two)
                    var pairedOne = SeededGenerator(seed: 3, stream: stream), pairedTwo = SeededGenerator(seed: 3, stream: stream + 10_000)
                    let paired = DirichletDistribution.draw(kernels: kernels, margin: law.margin, maxAttempts: law.maxAttempts,
                                                            into: part(4), logs: part(5), using: &pairedOne,
                                                            into: part(6), logs: part(7), using: &pairedTwo)
                    #expect(paired == (first, second), "stream \(stream)")
                    #expect(pairedOne == one && pairedTwo == two, "stream \(stream): the generators differ")
                    for i in 0..<k {
                        #expect(part(4)[i].bitPattern == part(0)[i].bitPattern && part(6)[i].bitPattern == part(2)[i].bitPattern,
                                "stream \(stream), entry \(i)")
                    }
                    if !first || !second { exhausted += 1 }
                }
            }
        }
        // The cases with few attempts run out of them now and then.
        if attempts < 10 { #expect(exhausted > 0) }
    }

    @Test(arguments: [0, 1, 2, 7, 64, 1_001])
    func pairsOfDrawsAreTheBatch(count: Int) throws {
        let draw = { (g: inout SeededGenerator) in [g.nextUniform(), g.nextUniform()] }
        let batch = try SeededGenerator.parallelDraws(count: count, seed: 9, draw)
        for threads in [1, 2] {
            let pairs = try SeededGenerator.parallelDrawPairs(count: count, seed: 9, threads: threads) { g, h in (draw(&g), draw(&h)) }
            #expect(pairs == batch)
        }
    }

    @Test func jeffreysPointsAreTheOneAtATimePoints() throws {
        // The latent-class model's rows, drawn one point and one row at a time.
        let points = try Fixtures.latentClass.jeffreys(count: 501, seed: 4, margin: 1e-3)
        let laws = [try DirichletDistribution(alpha: [1.5, 1.5], margin: 1e-3)] + Array(repeating: try DirichletDistribution(alpha: [0.5, 0.5], margin: 1e-3), count: 4)
        for (i, point) in points.enumerated() {
            var generator = SeededGenerator(seed: 4, stream: UInt64(i))
            let expected = try laws.map { try $0.sample(using: &generator)[0] }
            #expect(point.map(\.bitPattern) == expected.map(\.bitPattern), "point \(i)")
        }
    }
}
