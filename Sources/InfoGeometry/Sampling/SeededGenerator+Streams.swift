extension SeededGenerator {
    /// `count` draws where draw i (0-based) is made by `draw` from its own
    /// generator `SeededGenerator(seed: seed, stream: i)`.
    ///
    /// Draw i depends only on (seed, i), not on the draws before it, so a
    /// batch can later be split across threads, or extended, without changing
    /// any value: the first k draws of a batch of n > k are the batch of k.
    /// The seed-taking samplers (`dirichlet(_:count:seed:margin:)` and the
    /// like) are defined this way. Each draw's generator is seeded afresh
    /// (four SplitMix64 steps), negligible next to a gamma draw.
    public static func draws<T>(
        count: Int, seed: UInt64, _ draw: (inout SeededGenerator) throws -> T
    ) rethrows -> [T] {
        var result: [T] = []
        result.reserveCapacity(Swift.max(count, 0))
        for i in 0..<Swift.max(count, 0) {
            var generator = SeededGenerator(seed: seed, stream: UInt64(i))
            result.append(try draw(&generator))
        }
        return result
    }

    /// `draws(count:seed:_:)` spread over threads: draw i still comes from
    /// `SeededGenerator(seed: seed, stream: i)`, so the values are the same
    /// as the serial batch's, whatever the number of threads. `draw` must not
    /// share mutable state between calls.
    public static func parallelDraws<T>(
        count: Int, seed: UInt64, threads: Int = Parallel.defaultThreads,
        _ draw: (inout SeededGenerator) throws -> T
    ) throws -> [T] {
        try Parallel.map(count: max(count, 0), threads: threads) { i in
            var generator = SeededGenerator(seed: seed, stream: UInt64(i))
            return try draw(&generator)
        }
    }

    /// `parallelDraws(count:seed:threads:_:)` two draws at a time, for a
    /// sampler whose two draws run faster side by side: `pair` makes draws
    /// i and i + 1 (i even) from their own generators. Each draw's value
    /// must depend only on its own generator, so that the batch is the
    /// one-at-a-time batch; the last draw of an odd count is made as the
    /// first of a pair whose second is drawn from the same stream and dropped.
    public static func parallelDrawPairs<T>(
        count: Int, seed: UInt64, threads: Int = Parallel.defaultThreads,
        _ pair: (inout SeededGenerator, inout SeededGenerator) throws -> (T, T)
    ) throws -> [T] {
        let count = max(count, 0)
        let pairs = try Parallel.map(count: (count + 1) / 2, threads: threads) { j in
            var first = SeededGenerator(seed: seed, stream: UInt64(2 * j))
            var second = SeededGenerator(seed: seed, stream: UInt64(min(2 * j + 1, count - 1)))
            return try pair(&first, &second)
        }
        var result: [T] = []
        result.reserveCapacity(count)
        for (j, (first, second)) in pairs.enumerated() {
            result.append(first)
            if 2 * j + 1 < count { result.append(second) }
        }
        return result
    }
}
