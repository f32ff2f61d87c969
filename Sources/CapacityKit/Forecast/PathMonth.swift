/// One simulated month of a chunk of paths, as ``PathSimulator`` hands it to an
/// observer of single paths (``PathSimulator/simulate(_:into:observe:)``; the
/// sensitivity's variance shares read theirs so: ``ForecastPathSample``): the values
/// the simulator computed, not a copy of its arithmetic. Pointers are valid during
/// the call only; index i of every array is path `paths.lowerBound + i`.
struct PathMonth {
    /// The chunk's paths.
    var paths: Range<Int>
    /// Simulated month, 0-based, the elapsed months (``Model/elapsedMonths``) first.
    var simulated: Int
    /// The month shown, 0-based; nil for an elapsed month (only its volatility is drawn, no demand).
    var shown: Int?
    /// Each path's growth normal (drawn once per path).
    var growthZ: UnsafePointer<Double>
    /// The month's normals, input j (``PathSimulator/monthlyStreamNames``, after the
    /// correlation) at `inputs + j · inputStride`; an elapsed month has input 0 (volatility) only.
    var inputs: UnsafePointer<Double>
    var inputStride: Int
    /// The month's demand rows, nil for an elapsed month.
    var demand: UnsafePointer<Double>?
    /// The resources, each reading its row of `demand`.
    var resources: [ResourceSpec]
    /// The provision in force, nil for an elapsed month.
    var provision: Provision?

    /// Monthly input j's normals, one per path.
    func input(_ j: Int) -> UnsafePointer<Double> { inputs + j * inputStride }

    /// Resource r's demand, one value per path, in its unit (a month shown).
    func demand(of r: Int) -> UnsafePointer<Double> { demand! + resources[r].row * paths.count }

    /// Resource r's capacity in force (a month shown).
    func capacity(of r: Int) -> Double { resources[r].capacity(provision!) }
}
