import Testing
@testable import InfoGeometry

@Suite struct StatisticsTests {
    let values = [3.5, -1.25, 7.0, 0.0, 2.25, 2.25, 10.5, -4.0, 6.125, 0.1]

    @Test func quantilesMatchNumPy() throws {
        // python3 -c "import numpy as np; v=[3.5,-1.25,7.0,0.0,2.25,2.25,10.5,-4.0,6.125,0.1];
        //   print([repr(float(x)) for x in np.quantile(v,[0,0.1,0.25,1/3,0.5,0.6,0.75,0.9,0.99,1])])"
        // numpy 2.4.6, default method "linear" (type 7).
        let p = [0, 0.1, 0.25, 1.0 / 3, 0.5, 0.6, 0.75, 0.9, 0.99, 1]
        let numpy = [-4.0, -1.525, 0.025, 0.1, 2.25, 2.749999999999999, 5.46875, 7.349999999999999, 10.185, 10.5]
        #expect(try Statistics.quantiles(values, p) == numpy)
        #expect(try Statistics.quantile(values, 0.6) == 2.749999999999999)
        #expect(try Statistics.median(values) == 2.25)
        // np.quantile([1.0, 2.0], [0, 0.3, 0.5, 0.7, 1]) and np.quantile([5.0], 0.37)
        #expect(try Statistics.quantiles([2, 1], [0, 0.3, 0.5, 0.7, 1]) == [1.0, 1.3, 1.5, 1.7, 2.0])
        #expect(try Statistics.quantile([5], 0.37) == 5)
    }

    @Test func summariesMatchNumPy() throws {
        // np.mean(v), np.var(v, ddof=1), np.var(v), np.sum(v)
        #expect(try Statistics.mean(values) == 2.6475)
        #expect(abs(try Statistics.variance(values) - 18.513395833333334) < 1e-14 * 18.5)
        #expect(abs(try Statistics.populationVariance(values) - 16.66205625) < 1e-14 * 16.7)
        #expect(try Statistics.sum(values) == 26.475)
        #expect(try Statistics.minimum(values) == -4)
        #expect(try Statistics.maximum(values) == 10.5)
        #expect(try Statistics.standardDeviation([1, 3]) == 2.0.squareRoot())
    }

    @Test func compensatedSumKeepsSmallTerms() throws {
        // Plain left-to-right summation returns 0 here; the exact sum is 2.
        #expect(try Statistics.sum([1, 1e100, 1, -1e100]) == 2)
    }

    @Test func emptyAndNaNInputsAreErrors() {
        #expect(throws: GeometryError.invalidArgument("mean: the sample is empty")) { try Statistics.mean([]) }
        #expect(throws: GeometryError.self) { try Statistics.sum([]) }
        #expect(throws: GeometryError.self) { try Statistics.minimum([]) }
        #expect(throws: GeometryError.self) { try Statistics.maximum([]) }
        #expect(throws: GeometryError.self) { try Statistics.quantile([], 0.5) }
        #expect(throws: GeometryError.self) { try Statistics.variance([]) }
        #expect(throws: GeometryError.self) { try Statistics.variance([1]) }
        #expect(throws: GeometryError.invalidArgument("maximum: value 2 of 2 is NaN")) {
            try Statistics.maximum([1, .nan])
        }
        #expect(throws: GeometryError.self) { try Statistics.quantile([1, .nan], 0.5) }
    }

    @Test func quantileProbabilityOutsideTheUnitIntervalIsAnError() {
        #expect(throws: GeometryError.invalidArgument("quantile: p must lie in [0, 1], got 1.5")) {
            try Statistics.quantile([1, 2], 1.5)
        }
        #expect(throws: GeometryError.self) { try Statistics.quantile([1, 2], -0.1) }
        #expect(throws: GeometryError.self) { try Statistics.quantile([1, 2], .nan) }
    }

    @Test func nonFiniteResultsAreErrors() {
        #expect(throws: GeometryError.nonFinite("mean: the result is inf")) { try Statistics.mean([1, .infinity]) }
        #expect(throws: GeometryError.self) { try Statistics.sum([.greatestFiniteMagnitude, .greatestFiniteMagnitude]) }
        #expect(throws: GeometryError.self) { try Statistics.minimum([-.infinity, 0]) }
    }
}
