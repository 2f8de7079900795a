import InfoGeometry

/// A geometry built-in written once, for one item.
///
/// `value`, `grad`, `natgrad`, `norm` and `cosine` take two sorts of
/// argument: item arguments, the points and tangents a `map` lambda's
/// parameter runs over, and the rest (an objective, a metric), which such a
/// lambda passes the same for every item. A kernel's body reads the rest
/// through `Arguments` and the item arguments through `KernelItems`, and
/// returns what item i computes (`KernelWork`). A single call runs the body
/// on its one item. A batched `map` (`BatchMap`) runs the same body once for
/// all its items: the item arguments are read from their columns without a
/// value boxed per item, tangent results are kept in one flat column, and
/// the loop over the items, with its progress and budget checks, is
/// `BatchContext.map`. A new built-in of this kind is one kernel in
/// GeometryBuiltins.swift.
package struct Kernel: Sendable {
    /// An item argument: a point, named (its model checked tractable unless
    /// told), or a tangent, positional.
    package enum Item: Sendable, Equatable {
        case point(String, tractable: Bool)
        case tangent(Int)

        /// Whether this is the named argument `name`.
        func isPoint(_ name: String) -> Bool {
            if case .point(name, _) = self { true } else { false }
        }

        /// The item's column among a batched call's arguments.
        func column(_ args: BatchArguments) -> Column? {
            switch self {
            case .point(let name, _): args.column(name)
            case .tangent(let index): args.column(index)
            }
        }
    }

    package typealias Body = @Sendable (Arguments, KernelItems) throws -> KernelWork

    package let items: [Item]
    package let body: Body

    package init(items: [Item], _ body: @escaping Body) {
        self.items = items
        self.body = body
    }

    /// Whether the call's item arguments are of the kernel's kinds (a call
    /// with a plain vector where a tangent goes is not the kernel's).
    package func takes(_ args: Arguments) -> Bool {
        items.allSatisfy { item in
            guard case .tangent(let index) = item else { return true }
            return (try? args.value(index))?.asObject is TangentObject
        }
    }

    /// The kernel on one call: its one item. The points' models are checked
    /// tractable once the body has read every argument, so that a call with
    /// a wrong argument hears of that first.
    package func call(_ args: Arguments, _ context: CallContext) throws -> Value {
        let work = try body(args, KernelItems(call: args, items))
        for case .point(let name, tractable: true) in items {
            try requireTractable(try GeometryBuiltins.point(args, name).model, args, context)
        }
        return try geometry(args) {
            switch work {
            case .numbers(let each): return .number(try each(0))
            case .tangents(let each, _, _): return .object(TangentObject(try each(0)))
            }
        }
    }

    /// The kernel over all the items of a batched call; nil when an argument
    /// besides the item arguments differs between items, or an item argument
    /// is not of the kernel's kind (the call is then made per item).
    package func column(_ args: BatchArguments, _ context: BatchContext) throws -> Column? {
        for k in args.positional.indices where !args.isUniform(k) && !items.contains(.tangent(k)) { return nil }
        for (name, _) in args.named where !args.isUniform(name) && !items.contains(where: { $0.isPoint(name) }) { return nil }
        var points: [String: [Point]] = [:], tangents: [(index: Int, points: [Point], thetas: [Double], dimension: Int, step: Int)] = []
        for item in items {
            switch item {
            case .point(let name, let tractable):
                guard let found = try Self.points(args, name, context, tractable: tractable) else { return nil }
                points[name] = found
            case .tangent(let index):
                switch args.column(index) {
                case .native(let column as TangentColumn)?:
                    tangents.append((index, column.points, column.thetas, column.dimension, 1))
                case .uniform(let value)?:
                    guard let t = (value.asObject as? TangentObject)?.tangent else { return nil }
                    tangents.append((index, [t.point], t.theta, t.theta.count, 0))
                default:
                    return nil
                }
            }
        }
        return try TangentLane.pinned(tangents[...], [:]) { lanes in
            let work = try body(args.first, KernelItems(points: points, tangents: lanes))
            switch work {
            case .numbers(let each):
                return .numbers(try context.map(args.count, each))
            case .tangents(let each, let all, let kept):
                func column() throws -> Column {
                    if let all, let flat = try all({ _ = try context.map($0, $1) }) { return .native(flat) }
                    let tangents = try context.map(args.count, each)
                    // Tangents of several dimensions (points of several models) are boxed.
                    return TangentColumn(tangents).map(Column.native) ?? .values(tangents.map { .object(TangentObject($0)) })
                }
                // Over a map's own items, the column is kept for every later
                // call of this built-in over the same items asking for the
                // same work (the key).
                guard let kept, let mapItems = ownItems(args) else { return try column() }
                var computed = false
                let known = try mapItems.derived(key: KeptKey(callee: args.callee, key: kept)) { _ in
                    computed = true
                    return try column()
                }
                // A kept column counts its items as done, as computing it would.
                if !computed { context.progress.advance(by: args.count) }
                return known
            }
        }
    }

    /// The map's items, when every item argument is them.
    private func ownItems(_ args: BatchArguments) -> MapItems? {
        var found: MapItems?
        for item in items {
            guard case .items(let own)? = item.column(args), found == nil || found === own else { return nil }
            found = own
        }
        return found
    }

    /// What a column is kept under among a map's derived values: the
    /// built-in's name and its kernel's key.
    private struct KeptKey: Hashable {
        let callee: String
        let key: AnyHashable
    }

    /// The points of a batched argument, each model checked as the per-item
    /// call checks it; nil when some item is not a point.
    static func points(_ args: BatchArguments, _ name: String, _ context: BatchContext, tractable: Bool) throws -> [Point]? {
        guard let column = args.column(name) else { return nil }
        // The map's own items: their points found once for every call that takes them.
        let sample: SamplePoints? = if case .items(let items) = column {
            items.derived { SamplePoints($0, threads: context.call.limits.threads) }
        } else {
            SamplePoints((0..<args.count).map { column.value(at: $0) }, threads: context.call.limits.threads)
        }
        guard let sample else { return nil }
        if tractable {
            for model in sample.models { try requireTractable(model, args.first, context.call) }
        }
        return sample.points
    }
}

/// What a kernel computes for item i of its call. Its closures run before
/// the call returns and must not be kept: in a batched call they read
/// tangents through pointers that are valid only until then (`TangentLane`).
package enum KernelWork {
    /// A number per item.
    case numbers((Int) throws -> Double)
    /// A tangent per item. `all`, when given, computes every item's θ at
    /// once into one flat column, the values of `each` bit for bit, through
    /// the parallel loop it is handed; nil from it leaves the items to
    /// `each`. Over a map's own items, the column is kept under the key
    /// `kept` for later calls asking for the same (`MapItems.derived`).
    case tangents((Int) throws -> Tangent, all: ((_ map: (Int, (Int) throws -> Void) throws -> Void) throws -> TangentColumn?)? = nil,
                  kept: AnyHashable? = nil)
}

/// A kernel's item arguments: a single call's own, read when the body asks
/// for them (so its errors come in the order the body reads), or a batched
/// call's, read from their columns beforehand.
package struct KernelItems {
    private enum Source {
        case call(Arguments, [Kernel.Item])
        case batch(points: [String: [Point]], tangents: [Int: TangentLane])
    }

    private let source: Source

    fileprivate init(call args: Arguments, _ items: [Kernel.Item]) {
        source = .call(args, items)
    }

    fileprivate init(points: [String: [Point]], tangents: [Int: TangentLane]) {
        source = .batch(points: points, tangents: tangents)
    }

    /// The points of the item argument `name`: item i's at [i].
    package func points(_ name: String) throws -> [Point] {
        switch source {
        case .call(let args, let items):
            precondition(items.contains { $0.isPoint(name) }, "'\(name):' is not among the kernel's items")
            return [try GeometryBuiltins.point(args, name)]
        case .batch(let points, _):
            guard let found = points[name] else { preconditionFailure("'\(name):' is not among the kernel's items") }
            return found
        }
    }

    /// The tangents of the positional item argument `index`.
    package func tangents(_ index: Int) throws -> TangentLane {
        switch source {
        case .call(let args, let items):
            precondition(items.contains(.tangent(index)), "argument \(index) is not among the kernel's items")
            return TangentLane(try args.object(index, as: TangentObject.self, typeName: "tangent").tangent)
        case .batch(_, let tangents):
            guard let found = tangents[index] else { preconditionFailure("argument \(index) is not among the kernel's items") }
            return found
        }
    }
}

/// The tangents of an item argument, one per item or one for all: read in
/// place (θ a slice of one flat array, the point borrowed; valid only
/// during the batched call that pinned them) where a batched
/// call's threads share them, since copying or retaining shared arrays per
/// item would have the threads contend for their reference counts.
package struct TangentLane {
    private enum Storage {
        case one(Tangent)
        /// Item i's point at `points[i · step]`, its θ at `thetas[i · step · d ..< (i · step + 1) · d]`.
        case flat(points: UnsafeBufferPointer<Point>, thetas: UnsafeBufferPointer<Double>, dimension: Int, step: Int)
    }

    private let storage: Storage

    fileprivate init(_ tangent: Tangent) { storage = .one(tangent) }

    private init(points: UnsafeBufferPointer<Point>, thetas: UnsafeBufferPointer<Double>, dimension: Int, step: Int) {
        storage = .flat(points: points, thetas: thetas, dimension: dimension, step: step)
    }

    /// `body(θ, point)` with item i's tangent, neither copied nor retained.
    package func withTangent<R>(_ i: Int, _ body: (UnsafeBufferPointer<Double>, Point) throws -> R) rethrows -> R {
        switch storage {
        case .one(let t):
            return try t.theta.withUnsafeBufferPointer { try body($0, t.point) }
        case .flat(let points, let thetas, let d, let step):
            let k = i * step
            return try Unmanaged.passUnretained(points[k])._withUnsafeGuaranteedRef { point in
                try body(UnsafeBufferPointer(rebasing: thetas[(k * d)..<((k + 1) * d)]), point)
            }
        }
    }

    /// Item i's tangent.
    package func tangent(_ i: Int) -> Tangent {
        withTangent(i) { theta, point in Tangent(point: point, theta: Array(theta)) }
    }

    /// `body` with lanes over the tangents' arrays, valid until it returns.
    fileprivate static func pinned<R>(_ tangents: ArraySlice<(index: Int, points: [Point], thetas: [Double], dimension: Int, step: Int)>,
                                      _ lanes: [Int: TangentLane], _ body: ([Int: TangentLane]) throws -> R) throws -> R {
        guard let t = tangents.first else { return try body(lanes) }
        return try t.points.withUnsafeBufferPointer { points in
            try t.thetas.withUnsafeBufferPointer { thetas in
                var lanes = lanes
                lanes[t.index] = TangentLane(points: points, thetas: thetas, dimension: t.dimension, step: t.step)
                return try pinned(tangents.dropFirst(), lanes, body)
            }
        }
    }
}

extension Builtin {
    /// A built-in whose work is `kernel`, in a single call and in a batched
    /// `map`; `otherwise` takes a call whose item arguments are not of the
    /// kernel's kinds (`norm` of a plain vector).
    package init(_ name: String, parameters: [Parameter], summary: String, kernel: Kernel, otherwise: Body? = nil) {
        self.init(name, parameters: parameters, summary: summary) { args, context in
            if let otherwise, !kernel.takes(args) { return try otherwise(args, context) }
            return try kernel.call(args, context)
        }
        self = batched { args, context in try kernel.column(args, context) }
    }
}

/// The points of a list of values and their distinct models; nil when
/// some value is not a point.
package struct SamplePoints {
    package let points: [Point]
    package let models: [any Model]

    package init(points: [Point], models: [any Model]) {
        self.points = points
        self.models = models
    }

    /// The values' points, found on `threads` threads: a sample's
    /// values and points are 100,000 objects scattered in memory, and one
    /// thread reading them kept the other waiting.
    package init?(_ values: [Value], threads: Int = Parallel.defaultThreads) {
        struct NotAPoint: Error {}
        let points: [Point]
        do {
            points = try values.withUnsafeBufferPointer { values in
                try Parallel.map(count: values.count, threads: threads) { i in
                    guard case .object(let object) = values[i], let p = object as? PointObject else { throw NotAPoint() }
                    return p.point
                }
            }
        } catch {
            return nil
        }
        // The distinct models in order of first appearance, per chunk and
        // then merged. A sample's points share one model: each point is
        // compared with the last one's model by identity.
        let chunkSize = 4096
        let chunks = (points.count + chunkSize - 1) / chunkSize
        let found = (try? points.withUnsafeBufferPointer { points in
            try Parallel.map(count: chunks, threads: threads) { c -> [any Model] in
                var models: [any Model] = []
                var last: ObjectIdentifier?
                for i in (c * chunkSize)..<min(points.count, (c + 1) * chunkSize) {
                    let model = ObjectIdentifier(points[i].model)
                    if model != last {
                        if !models.contains(where: { ObjectIdentifier($0) == model }) { models.append(points[i].model) }
                        last = model
                    }
                }
                return models
            }
        }) ?? []
        var models: [any Model] = []
        for model in found.joined() where !models.contains(where: { $0 === model }) { models.append(model) }
        self.points = points
        self.models = models
    }
}
