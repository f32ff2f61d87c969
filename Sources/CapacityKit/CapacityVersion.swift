public enum CapacityVersion { public static let current = "0.1.0" }
