/// Simulates chunks of forecast paths, month by month, in three steps:
/// drivers (``TrafficDrivers``: growth, traffic, peak) → demand (the model's
/// ``ResourceDemand`` functions, ``Model/demands``) → observers (one
/// ``ResourceObserver`` per resource in ``resources``, into a ``ForecastTally``).
///
/// A new question adds an observer (a ``PathMonth`` observer sees every path's
/// values) or a provision; a new kind of resource adds a demand function and its
/// specs (``ResourceSpec``). Neither is a branch in the loop.
///
/// One pass can serve several provision schedules (``variants``): the draws and
/// drivers are shared, and a variant computes its own demand and observations
/// only from the month it first differs from the first schedule (its
/// ``divergence``); before that its figures are the first schedule's, and at that
/// month it takes over the first schedule's "failed so far" flags. So every
/// variant's figures are those a run of its schedule alone would give, on the
/// same paths, for the cost of the months in which it differs. In a month
/// where every demand function demands the same under its provision as under the
/// reference's (a raised limit, a bigger node), its demand is the reference's,
/// value for value: it only compares that demand with its own capacity, and its
/// demand histograms are the reference's (``sharesDemand``).
///
/// Services, pools and worker pools are simulated sorted by name, and each random input has
/// its own stream per path keyed by its name (``StreamKey/id(named:)``):
/// `traffic.growth`, `traffic.volatility`, `traffic.peak_factor`, and the demand
/// functions' (`services.<name>.noise`). So a path's numbers depend on neither its
/// chunk, its thread nor the order of the model's lists.
///
/// A model whose inputs are older than its start (``Model/elapsedMonths`` E > 0)
/// first runs the E elapsed months: the drivers grow on the same streams (simulated
/// month t is draw t of each stream), but no demand is computed and nothing is
/// counted. Output month m (0-based) is simulated month E + m, so its figures are
/// those of months E + 1 … of a run of E + `months` months from the inputs' month,
/// value for value, and "failed so far" counts from the first month shown.
struct PathSimulator: Sendable {
    static let growthStream = StreamKey.id(named: "traffic.growth")
    static let volatilityStream = StreamKey.id(named: "traffic.volatility")
    static let peakStream = StreamKey.id(named: "traffic.peak_factor")

    /// Months counted and shown.
    let months: Int
    /// Months simulated before the first month shown (``Model/elapsedMonths``): drivers only.
    let elapsed: Int
    let seed: UInt64
    let drivers: TrafficDrivers
    /// The demand functions, in order; demand function d fills rows `firstRow[d] …` of a month's
    /// demand and reads monthly inputs `firstStream[d] …` (``monthlyStreamNames``).
    let demands: [any ResourceDemand]
    let firstRow: [Int]
    let firstStream: [Int]
    /// Rows of a month's demand, all demand functions' (``ResourceDemand/rows``).
    let demandRows: Int
    /// Every resource, in the demand functions' order, its ``ResourceSpec/row`` among all rows.
    let resources: [ResourceSpec]
    /// The monthly random inputs' names: `traffic.volatility`, `traffic.peak_factor`, then
    /// each demand function's streams in turn (column j of a month's normals).
    let monthlyStreamNames: [String]
    private let monthlyStreamIDs: [UInt64]
    /// Per variant, the provision in force in each month (in the sorted model's order); variant 0 is the reference.
    let variants: [[Provision]]
    /// Per variant, the first month (0-based) whose provision differs from variant 0's
    /// (`months` when none does; 0 for variant 0).
    let divergence: [Int]
    /// Per variant and month, whether its demand is the reference's: every demand function
    /// demands the same under both provisions (``ResourceDemand/isShared(between:and:)``).
    let sharesDemand: [[Bool]]
    /// Whether variant 0's traffic and demand histograms are recorded (false: the caller has them).
    let recordsReference: Bool
    let correlation: InputCorrelation?
    let samplePaths: Int

    /// - Parameter model: services and pools sorted by name (``Model/sortedByName``).
    /// - Parameter poolThresholds: an extra offered load to count per pool, by pool name (see ``ResourceObserver/threshold``).
    /// - Parameter variants: one or more schedules of `options.months` provisions each.
    init(model: Model, options: ForecastOptions, variants: [[Provision]], correlation: InputCorrelation?,
         poolThresholds: [String: Double] = [:], recordsReference: Bool = true) {
        self.recordsReference = recordsReference
        months = options.months
        elapsed = model.elapsedMonths
        seed = options.seed
        drivers = TrafficDrivers(model.traffic)
        let demands = model.demands, streams = ["traffic.volatility", "traffic.peak_factor"] + demands.flatMap(\.streams)
        self.demands = demands
        firstRow = Self.starts(demands.map(\.rows))
        firstStream = Self.starts(demands.map(\.streams.count)).map { 2 + $0 }
        demandRows = demands.map(\.rows).reduce(0, +)
        resources = Self.resources(demands, poolThresholds: poolThresholds)
        monthlyStreamNames = streams
        monthlyStreamIDs = streams.map { StreamKey.id(named: $0) }
        self.variants = variants
        divergence = variants.indices.map { v in
            v == 0 ? 0 : variants[v].indices.first { variants[v][$0] != variants[0][$0] } ?? variants[v].count
        }
        sharesDemand = variants.indices.map { v in
            zip(variants[v], variants[0]).map { a, b in v > 0 && demands.allSatisfy { $0.isShared(between: a, and: b) } }
        }
        self.correlation = correlation
        samplePaths = options.samplePaths
    }

    /// The resources of `demands` in order, each with its row among all their rows, and a pool's
    /// extra load to count (`poolThresholds`, by name).
    static func resources(_ demands: [any ResourceDemand], poolThresholds: [String: Double] = [:]) -> [ResourceSpec] {
        zip(demands, starts(demands.map(\.rows))).flatMap { demand, first in
            demand.resources.map { spec in
                var spec = spec
                spec.row += first
                if spec.resource.kind == .pool { spec.observer.threshold = poolThresholds[spec.resource.name] }
                return spec
            }
        }
    }

    /// Where each of consecutive blocks of `sizes` starts: 0, sizes[0], sizes[0] + sizes[1], …
    private static func starts(_ sizes: [Int]) -> [Int] {
        sizes.indices.map { sizes[..<$0].reduce(0, +) }
    }

    /// Monthly random inputs per path: volatility, peak factor, the demand functions' streams.
    var monthlyStreams: Int { monthlyStreamIDs.count }

    /// One tally per variant for this simulator's months and resources, with no paths yet.
    func emptyTallies() -> [ForecastTally] {
        Array(repeating: ForecastTally(months: months, resources: resources.count), count: variants.count)
    }

    /// Simulates `paths` and adds them to `tallies` (one per variant). A variant's
    /// traffic, its months before its divergence and its demand in the months it
    /// shares the reference's stay empty here: they are the reference's
    /// (``ForecastTally/adopt(before:sharedDemand:from:)``). `observe`, when given, sees
    /// every simulated month of the reference's paths (``PathMonth``), elapsed months included.
    func simulate(_ paths: Range<Int>, into tallies: inout [ForecastTally], observe: ((PathMonth) -> Void)? = nil) {
        var all = [tallies]
        tallies = []
        Self.simulate([self], paths, into: &all, observe: observe)
        tallies = all.removeFirst()
    }

    /// Whether `other` draws the same normals as this simulator for the same paths: the same
    /// seed, months, elapsed months, monthly streams and correlation. Simulators that do
    /// can share one chunk's draws (``simulate(_:_:into:observe:)``).
    func drawsLike(_ other: PathSimulator) -> Bool {
        seed == other.seed && months == other.months && elapsed == other.elapsed
            && monthlyStreamIDs == other.monthlyStreamIDs && correlation == other.correlation
    }

    /// For simulators that share a pass (they draw alike), per simulator k, variant v and resource r:
    /// the first earlier simulator j whose variant v's counts of r are k's — then k neither computes
    /// nor observes r, it takes j's counts (``ForecastTally``). So a model that differs from another in
    /// one service costs that service and the host, not every resource. j's counts are k's when the
    /// two have the same traffic drivers (so the same peak on every path), the same schedule v, the
    /// same resource (kind, name, levels, failure rule, row) with the same capacity in every month,
    /// and demand functions of one type whose signatures of r's row are equal
    /// (``ResourceDemand/signature(ofRow:)``): then r's demand is the same on every path and month,
    /// and so are its failures so far and every count.
    ///
    /// A resource is taken in every variant of k or in none: a variant's first month of its own
    /// starts from the first variant's failures so far, which a taken resource does not count.
    static func sharedResources(_ simulators: [PathSimulator]) -> [[[Int?]]] {
        simulators.indices.map { k in simulators[k].sources(among: simulators[..<k]) }
    }

    /// Per variant and resource, the first of `earlier` (its index there) whose counts this simulator
    /// takes, or nil (the rule of ``sharedResources(_:)``, for one member).
    func sources(among earlier: ArraySlice<PathSimulator>) -> [[Int?]] {
        let sources = variants.indices.map { v in
            resources.indices.map { r in earlier.indices.first { j in reads(resource: r, variant: v, as: earlier[j]) } }
        }
        let everywhere = resources.indices.map { r in sources.allSatisfy { $0[r] != nil } }
        return sources.map { row in row.indices.map { everywhere[$0] ? row[$0] : nil } }
    }

    /// Whether this simulator's resource `r` under variant `v` has `other`'s demand and capacity on every
    /// path and month (see ``sharedResources(_:)``).
    private func reads(resource r: Int, variant v: Int, as other: PathSimulator) -> Bool {
        guard drivers == other.drivers, v < other.variants.count, variants[v] == other.variants[v],
              firstRow == other.firstRow, demands.count == other.demands.count, r < other.resources.count else { return false }
        let (spec, theirs) = (resources[r], other.resources[r])
        guard spec.resource == theirs.resource, spec.isReported == theirs.isReported, spec.row == theirs.row,
              spec.observer == theirs.observer,
              variants[v].allSatisfy({ spec.capacity($0) == theirs.capacity($0) }) else { return false }
        guard let d = firstRow.lastIndex(where: { $0 <= spec.row }) else { return false }
        let (a, b) = (demands[d], other.demands[d])
        return type(of: a) == type(of: b) && a.rows == b.rows
            && a.signature(ofRow: spec.row - firstRow[d]) == b.signature(ofRow: spec.row - firstRow[d])
    }

    /// Simulates `paths` for every simulator of `simulators` on one set of draws — models
    /// that differ in their figures but draw alike (``drawsLike(_:)``: a sensitivity's pinned
    /// inputs, a scenario's overrides) — adding simulator s's paths to `tallies[s]`, exactly
    /// what ``simulate(_:into:observe:)`` of each alone adds: the normals of a path do not
    /// depend on who reads them. `observe` sees the first simulator's reference.
    ///
    /// The months go four at a time: the normals of a month quad (one Philox block per
    /// path and input, ``Normal/drawsPerBlock``) are drawn, then the four months run, so the draws stay in cache
    /// whatever the horizon and a chunk can hold thousands of paths — each month's
    /// histograms then take thousands of values per visit, which keeps them in cache too.
    /// Simulated month t is output month t − ``elapsed``; a quad of elapsed months only
    /// draws the volatility (the one input that carries over: the correlation leaves it as
    /// drawn) and grows the traffic.
    ///
    /// `shared`, when given, is ``sharedResources(_:)`` of `simulators`: a resource taken from an
    /// earlier simulator is not observed (its counts stay empty here), and a demand function
    /// whose every resource is taken in every variant is not computed.
    ///
    /// - Precondition: `simulators` is not empty, they all draw like the first, and `tallies`
    ///   has one list of tallies per simulator (its ``emptyTallies()`` or counts added to them).
    static func simulate(_ simulators: [PathSimulator], _ paths: Range<Int>, into tallies: inout [[ForecastTally]],
                         shared: [[[Int?]]]? = nil, observe: ((PathMonth) -> Void)? = nil) {
        let first = simulators[0]
        precondition(simulators.allSatisfy(first.drawsLike) && tallies.count == simulators.count,
                     "simulators sharing draws draw alike, one list of tallies each")
        let count = paths.count, elapsed = first.elapsed, simulated = elapsed + first.months
        let group = Normal.drawsPerBlock, groupRows = count * min(group, simulated)

        // Standard normals: growth[i]; for the current month quad, monthly column j
        // (``monthlyStreamNames``) at inputs[j·rows + (m − first)·count + i].
        let growthZ = UnsafeMutableBufferPointer<Double>.allocate(capacity: count)
        let inputs = UnsafeMutableBufferPointer<Double>.allocate(capacity: first.monthlyStreams * groupRows)
        defer { growthZ.deallocate(); inputs.deallocate() }
        Normal.fillStandard(growthZ, draws: 1, paths: count,
                            startingAt: StreamKey(seed: first.seed, path: UInt64(paths.lowerBound), stream: growthStream))
        let growth = UnsafePointer(growthZ.baseAddress!)
        let chunks = simulators.indices.map { s in
            Chunk(simulators[s], paths: paths, growthZ: growth, observe: s == 0 ? observe : nil, sources: shared?[s])
        }
        for s in simulators.indices {
            for v in tallies[s].indices { tallies[s][v].paths += count }
        }
        for quad in stride(from: 0, to: simulated, by: group) {
            let draws = min(group, simulated - quad), rows = count * draws
            let monthly = UnsafeMutableBufferPointer(rebasing: inputs[0..<(first.monthlyStreams * rows)])
            // A quad before the first month shown needs only its volatility (peak: a stand-in, unused).
            let shown = quad + draws > elapsed
            first.drawNormals(paths, months: quad..<(quad + draws), monthly: monthly, volatilityOnly: !shown)
            if shown {
                first.correlation?.apply(growth: UnsafeBufferPointer(growthZ), monthly: monthly, rows: rows, pathsPerMonth: count)
            }
            for t in quad..<(quad + draws) {
                for s in simulators.indices {
                    chunks[s].run(month: t, inputs: UnsafePointer(inputs.baseAddress! + (t - quad) * count), inputStride: rows,
                                  peers: chunks, into: &tallies[s])
                }
            }
        }
        for s in simulators.indices {
            tallies[s][0].samples += chunks[s].samples.enumerated().map { (path: paths.lowerBound + $0.offset, months: $0.element) }
        }
    }

    /// One simulator's working state for one chunk of paths: per path its rate, traffic factor,
    /// traffic and peak; per variant a month's demand rows; per variant and resource, "failed so
    /// far" (a byte, 0 or 1); and the sampled paths' host totals.
    private final class Chunk {
        let simulator: PathSimulator
        let paths: Range<Int>
        let count: Int
        let growthZ: UnsafePointer<Double>
        let observe: ((PathMonth) -> Void)?
        let scratch: UnsafeMutableBufferPointer<Double>
        let failed: UnsafeMutablePointer<UInt8>
        let sampledRow: Int
        var samples: [[Double]]
        /// Per variant and resource, the simulator it is taken from (not observed here), or nil.
        let sources: [[Int?]]
        /// Per variant and resource, whether it is taken (``sources``).
        let taken: [[Bool]]
        /// Per demand function, whether every resource of it is taken in every variant (not computed).
        let idle: [Bool]
        /// Per row of a month's demand, the resource that reads it, or nil (scratch).
        let resourceOfRow: [Int?]

        init(_ simulator: PathSimulator, paths: Range<Int>, growthZ: UnsafePointer<Double>, observe: ((PathMonth) -> Void)?,
             sources: [[Int?]]?) {
            self.simulator = simulator
            self.paths = paths
            count = paths.count
            self.growthZ = growthZ
            self.observe = observe
            let variants = simulator.variants.count, resources = simulator.resources.count
            scratch = .allocate(capacity: 4 * count + variants * simulator.demandRows * count)
            failed = .allocate(capacity: variants * resources * count)
            failed.initialize(repeating: 0, count: variants * resources * count)
            sampledRow = simulator.resources.first { $0.resource.kind == .host }?.row ?? 0
            let sampled = max(0, min(paths.upperBound, simulator.samplePaths) - paths.lowerBound)
            samples = Array(repeating: [Double](repeating: 0, count: simulator.months), count: sampled)
            let sources = sources ?? Array(repeating: Array(repeating: nil, count: resources), count: variants)
            let taken = sources.map { $0.map { $0 != nil } }
            self.sources = sources
            resourceOfRow = (0..<simulator.demandRows).map { row in simulator.resources.firstIndex { $0.row == row } }
            let quiet = sampled == 0 && observe == nil
            idle = simulator.demands.indices.map { d in
                let rows = simulator.firstRow[d]..<(simulator.firstRow[d] + simulator.demands[d].rows)
                let mine = simulator.resources.indices.filter { rows.contains(simulator.resources[$0].row) }
                return quiet && !mine.isEmpty && taken.allSatisfy { flags in mine.allSatisfy { flags[$0] } }
            }
            self.taken = taken
            simulator.drivers.start(count: count, growthZ: growthZ, rate: scratch.baseAddress!,
                                    factor: scratch.baseAddress! + count)
        }

        deinit {
            scratch.deallocate()
            failed.deallocate()
        }

        /// Row `row` (resource `r`) of variant `v` in output month `m`, as this chunk computed it this month —
        /// in the variant's own rows, or the reference's when it runs on them — or nil when it did not.
        func computedRow(_ row: Int, resource r: Int, variant v: Int, month m: Int) -> UnsafePointer<Double>? {
            let u = m < simulator.divergence[v] || simulator.sharesDemand[v][m] ? 0 : v
            guard !taken[u][r] else { return nil }
            return UnsafePointer(scratch.baseAddress! + 4 * count + u * simulator.demandRows * count + row * count)
        }

        /// Simulated month `t`: its normals are column j at `inputs + j · inputStride`. `peers`: the pass's
        /// chunks, whose rows of this month a taken resource reads (``sources``: earlier simulators, already run).
        func run(month t: Int, inputs z: UnsafePointer<Double>, inputStride rows: Int, peers: [Chunk],
                 into tallies: inout [ForecastTally]) {
            let simulator = self.simulator, count = self.count, base = scratch.baseAddress!
            let rate = base, factor = base + count, traffic = base + 2 * count, peak = base + 3 * count
            let resourceCount = simulator.resources.count, perVariant = simulator.demandRows * count
            guard t >= simulator.elapsed else {
                _ = simulator.drivers.advance(month: t, count: count, rate: rate, factor: factor, volatilityZ: z,
                                              peakZ: z, traffic: traffic, peak: peak)
                observe?(PathMonth(paths: paths, simulated: t, shown: nil, growthZ: growthZ, inputs: z, inputStride: rows,
                                   demand: nil, resources: simulator.resources, provision: nil))
                return
            }
            let m = t - simulator.elapsed
            let trafficRange = simulator.drivers.advance(month: t, count: count, rate: rate, factor: factor, volatilityZ: z,
                                                         peakZ: z + rows, traffic: traffic, peak: peak)
            if simulator.recordsReference {
                tallies[0].rps[m].add(UnsafeBufferPointer(start: traffic, count: count), range: trafficRange, kernels: .best)
            }
            // A variant that differs from this month on starts from the reference's failures so far.
            for v in simulator.variants.indices.dropFirst() where simulator.divergence[v] == m {
                (failed + v * resourceCount * count).update(from: failed, count: resourceCount * count)
            }
            for v in simulator.variants.indices where m >= simulator.divergence[v] {
                let provision = simulator.variants[v][m], failedSoFar = failed + v * resourceCount * count
                let shared = simulator.sharesDemand[v][m], records = !shared && (v > 0 || simulator.recordsReference)
                let demand = base + 4 * count + (shared ? 0 : v) * perVariant
                if !shared {
                    for (d, function) in simulator.demands.enumerated() where !idle[d] {
                        let first = simulator.firstStream[d], firstRow = simulator.firstRow[d]
                        function.compute(count: count, peak: peak, normals: { z + (first + $0) * rows }, provision: provision,
                                         given: { local in
                                             let row = firstRow + local
                                             guard let r = self.resourceOfRow[row], let j = self.sources[v][r] else { return nil }
                                             return peers[j].computedRow(row, resource: r, variant: v, month: m)
                                         },
                                         into: demand + firstRow * count)
                    }
                }
                for (r, resource) in simulator.resources.enumerated() where !taken[v][r] {
                    resource.observer.observe(demand + resource.row * count, count: count, month: m,
                                              capacity: resource.capacity(provision), failedSoFar: failedSoFar + r * count,
                                              recordingDemand: records, into: &tallies[v].resources[r])
                }
                if v == 0 {
                    for j in samples.indices { samples[j][m] = demand[sampledRow * count + j] }
                    observe?(PathMonth(paths: paths, simulated: t, shown: m, growthZ: growthZ, inputs: z, inputStride: rows,
                                       demand: UnsafePointer(demand), resources: simulator.resources, provision: provision))
                }
            }
        }
    }

    /// Fills the monthly inputs of the chunk for `months` (a quad, or the last one to three
    /// months; simulated months, elapsed ones included) with standard normals, each path
    /// and input from its own named stream, draw t of a stream being simulated month t
    /// (``Normal/fillStandard(_:draws:paths:startingAt:fromDraw:)``): column j
    /// (``monthlyStreamNames``) is rows j·n … (j + 1)·n − 1, n = months.count · paths.count,
    /// month-major. `volatilityOnly`: column 0 alone.
    private func drawNormals(_ paths: Range<Int>, months: Range<Int>, monthly: UnsafeMutableBufferPointer<Double>,
                             volatilityOnly: Bool = false) {
        let count = paths.count, rows = count * months.count, first = UInt64(paths.lowerBound)
        for (j, stream) in monthlyStreamIDs.prefix(volatilityOnly ? 1 : monthlyStreams).enumerated() {
            Normal.fillStandard(UnsafeMutableBufferPointer(rebasing: monthly[(j * rows)..<((j + 1) * rows)]),
                                draws: months.count, paths: count,
                                startingAt: StreamKey(seed: seed, path: first, stream: stream), fromDraw: months.lowerBound)
        }
    }
}

extension Model {
    /// This model with its services, pools and worker pools sorted by name: the order the
    /// forecast simulates in, so the order of the file changes no number.
    var sortedByName: Model {
        var sorted = self
        sorted.services.sort { $0.name < $1.name }
        sorted.pools.sort { $0.name < $1.name }
        sorted.workers.sort { $0.name < $1.name }
        return sorted
    }
}
