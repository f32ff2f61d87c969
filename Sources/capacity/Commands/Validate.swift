import ArgumentParser
struct Validate: ParsableCommand {}
