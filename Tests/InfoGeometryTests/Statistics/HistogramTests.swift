import Testing
@testable import InfoGeometry

@Suite struct HistogramTests {
    @Test func cosineBinsOnMinusOneToOne() throws {
        let values = [-1.0, -0.95, 0.0, 0.05, 0.999, 1.0, 1.5, -3.0]
        let h = try Histogram(values: values, from: -1, to: 1, width: 0.1)
        #expect(h.binCount == 20)
        #expect(h.edges.count == 21)
        #expect(h.edges.first == -1)
        #expect(h.edges.last == 1)
        #expect(h.edges[3] == -1 + 3 * 0.1)
        // Same bin counts as numpy.histogram(values, bins=np.linspace(-1, 1, 21))
        // (python3 + numpy 2.4.6): 2 in the first bin, 2 in bin 11, 2 in the last.
        var expected = [Int](repeating: 0, count: 20)
        expected[0] = 2
        expected[10] = 2
        expected[19] = 2
        #expect(h.counts == expected)
        #expect(h.below == 1)
        #expect(h.above == 1)
        #expect(h.total == 8)
    }

    @Test func upperEndFallsInTheLastBin() throws {
        let h = try Histogram(values: [1, 1, 0.5], from: 0, to: 1, width: 0.25)
        #expect(h.counts == [0, 0, 1, 2])
        #expect(h.above == 0)
    }

    @Test func lowerEdgeOfEachBinBelongsToThatBin() throws {
        let h = try Histogram(values: [0, 0.25, 0.5, 0.75], from: 0, to: 1, width: 0.25)
        #expect(h.counts == [1, 1, 1, 1])
        // Every stored edge opens its own bin, whatever the rounding of
        // (value − from)/width, for decimal widths that are inexact in binary.
        for (from, to, width) in [(-1.0, 1.0, 0.1), (0.0, 3.0, 0.1), (-0.3, 0.7, 0.01)] {
            let grid = try Histogram(values: [from], from: from, to: to, width: width)
            for i in 0..<grid.binCount {
                let one = try Histogram(values: [grid.edges[i]], from: from, to: to, width: width)
                #expect(one.counts[i] == 1, "edge \(i) = \(grid.edges[i]) of [\(from), \(to)] by \(width)")
            }
        }
    }

    @Test func probabilitiesAreFractionsOfAllValues() throws {
        let h = try Histogram(values: [0.1, 0.2, 0.3, 5, -5], from: 0, to: 1, width: 0.5)
        #expect(h.counts == [3, 0])
        #expect(h.probabilities == [0.6, 0])
        #expect(h.probabilities.reduce(0, +) < 1)
        #expect(h.centers == [0.25, 0.75])
    }

    @Test func infinitiesAreOutsideTheRange() throws {
        let h = try Histogram(values: [.infinity, -.infinity, 0.5], from: 0, to: 1, width: 0.5)
        #expect(h.counts == [0, 1])
        #expect(h.below == 1 && h.above == 1)
    }

    @Test func widthThatDoesNotDivideTheRangeIsRejected() {
        #expect(throws: GeometryError.invalidArgument(
            "histogram: width 0.3 does not divide [0.0, 1.0] into whole bins (3.3333333333333335 bins)")) {
            try Histogram(values: [0.5], from: 0, to: 1, width: 0.3)
        }
        #expect(throws: GeometryError.self) { try Histogram(values: [0.5], from: 0, to: 1, width: 2) }
        // Within the 1e-9 relative rule: accepted, with the last edge exactly `to`.
        let nearly = try? Histogram(values: [0.5], from: 0, to: 1, width: 0.1 + 1e-12)
        #expect(nearly?.edges.last == 1)
        #expect(nearly?.binCount == 10)
    }

    @Test func badArgumentsAreRejected() {
        #expect(throws: GeometryError.invalidArgument("histogram: value 2 of 3 is NaN")) {
            try Histogram(values: [0.1, .nan, 0.2], from: 0, to: 1, width: 0.5)
        }
        #expect(throws: GeometryError.invalidArgument("histogram: the sample is empty")) {
            try Histogram(values: [], from: 0, to: 1, width: 0.5)
        }
        #expect(throws: GeometryError.self) { try Histogram(values: [0], from: 1, to: 0, width: 0.5) }
        #expect(throws: GeometryError.self) { try Histogram(values: [0], from: 0, to: .infinity, width: 0.5) }
        #expect(throws: GeometryError.self) { try Histogram(values: [0], from: 0, to: 1, width: 0) }
        #expect(throws: GeometryError.self) { try Histogram(values: [0], from: 0, to: 1, width: -0.5) }
        #expect(throws: GeometryError.limitExceeded(
            "histogram: width 1e-12 on [0.0, 1.0] gives more than 10000000 bins")) {
            try Histogram(values: [0], from: 0, to: 1, width: 1e-12)
        }
    }
}
