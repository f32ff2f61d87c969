import ArgumentParser
struct Init: ParsableCommand {}
