/// A demand function: what a month's peak traffic asks of some resources, for a
/// chunk of paths, and the resources that read it.
///
/// ``PathSimulator`` runs the model's demand functions (``Model/demands``) month by
/// month, each into its own rows of one value per path, and hands every resource
/// (``ResourceSpec``) its row. A new kind of resource is a model section, a demand
/// function, a spec per resource and its columns, not a branch in the month loop:
///
/// 1. its model section (`Model+<Kind>.swift`, `ModelLoader+<Kind>.swift`);
/// 2. a case of ``Resource/Kind`` with its failure rule (``Resource/Kind/failsAtCapacity``)
///    and its wording (one ``Resource/Wording`` in `Resource+Wording.swift`);
/// 3. a demand function conforming to this protocol, listed in ``Model/demands``, whose
///    ``resources`` are one ``ResourceSpec`` per resource (its row; its capacity, read
///    from the ``Provision`` when a scaling option can change it, else a constant);
/// 4. its columns: its per-month figures in ``MonthForecast`` (built in
///    ``MemoryForecast``'s summary from its outlooks) and the writers' columns.
///
/// The simulator, the tallies, the statuses, the verdict and the sensitivity's path
/// figures then take it in without a change.
protocol ResourceDemand: Sendable {
    /// Rows it fills each month, one value per path each: its resources' demand and any scratch it needs.
    var rows: Int { get }
    /// The names of the monthly random inputs it reads (e.g. `services.api.noise`): one
    /// standard normal per path and month each, from its own stream (``StreamKey/id(named:)``).
    var streams: [String] { get }
    /// Its resources in the simulator's order, each reading one of its rows (from 0).
    var resources: [ResourceSpec] { get }
    /// Whether it demands the same on every path under both provisions (then a variant's
    /// month reuses the reference's demand: ``PathSimulator/sharesDemand``).
    func isShared(between a: Provision, and b: Provision) -> Bool
    /// What its row `row` depends on besides the draws, the peak traffic and the provision: two
    /// demand functions of one type whose signatures of a row are equal fill that row with the same
    /// values on the same paths under the same provisions (so a model's resource can take another's
    /// counts in a shared pass: ``PathSimulator/sharedResources(_:)``).
    func signature(ofRow row: Int) -> [Double]
    /// Fills its rows for `count` paths, row r at `out + r · count`: `peak` holds each path's
    /// peak traffic (requests/s), `normals(j)` the month's standard normals of its stream j.
    /// `given(r)`, when not nil, is row r as another model with the same figures computed it on
    /// these paths (``PathSimulator/sharedResources(_:)``): a function may read it instead of
    /// computing the row, and need not write that row.
    func compute(count: Int, peak: UnsafePointer<Double>, normals: (Int) -> UnsafePointer<Double>, provision: Provision,
                 given: (Int) -> UnsafePointer<Double>?, into out: UnsafeMutablePointer<Double>)
}

extension Model {
    /// The forecast's demand functions, in the simulator's order: memory (the host, the
    /// containers and the pools, ``MemoryDemand``), then the worker pools and their CPU
    /// (``WorkerDemand``) when the model has any. A new kind of resource adds its own here,
    /// after memory: the correlation reads the services' noise as the monthly inputs right
    /// after the peak factor (``InputCorrelation``).
    var demands: [any ResourceDemand] { [MemoryDemand(self)] + (workers.isEmpty ? [] : [WorkerDemand(self)]) }
}
