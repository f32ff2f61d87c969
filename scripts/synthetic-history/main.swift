// Writes notebooks-data/4gb-stack-history.csv: 12 months (2025-12 … 2026-11) of the
// default model's stack, simulated from models/4gb-stack.yaml with a fixed seed by
// HistorySimulator (the forecast's path model). Run by scripts/make-synthetic-history.
//
// The growth rate is fixed at the model's mean (sd 0), so the history has one known
// trend that calibration can recover; traffic starts at the rps that grows to the
// model's rps in its start month 2026-12.
import CapacityKit
import Foundation

let seed: UInt64 = 20_261_201
let months = 12
var model = try DefaultModel.load()
model.traffic.rps /= pow(1 + model.traffic.growth.mean, Double(months))
model.traffic.growth.sd = 0
let first = model.start.adding(months: -months)
let history = HistorySimulator(model: model, first: first, months: months, seed: seed).history(source: "4gb-stack-history.csv")
print(HistoryWriter.csv(history, services: model.services.map(\.name), pools: model.pools.map(\.name), decimals: 2), terminator: "")
