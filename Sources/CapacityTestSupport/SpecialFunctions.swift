import Foundation

/// Exact CDFs for statistical tests: regularised incomplete gamma and beta
/// functions (Numerical Recipes, 3rd ed., §6.2 and §6.4: series and Lentz's
/// continued fraction), accurate to about 1e-14 in double precision.
public enum SpecialFunctions {
    /// P(a, x) = γ(a, x)/Γ(a): the CDF of Gamma(shape a, scale 1) at x.
    public static func regularizedGammaP(_ a: Double, _ x: Double) -> Double {
        precondition(a > 0 && x >= 0)
        if x == 0 { return 0 }
        let logPrefix = a * log(x) - x - lgamma(a)
        if x < a + 1 {
            // Series: γ(a,x) e^x x^-a = Σ Γ(a)/Γ(a+1+n) x^n
            var term = 1 / a, sum = term, ap = a
            for _ in 0..<10_000 {
                ap += 1
                term *= x / ap
                sum += term
                if abs(term) < abs(sum) * 1e-16 { break }
            }
            return sum * exp(logPrefix)
        }
        // Continued fraction for Q(a, x), modified Lentz.
        let tiny = 1e-300
        var b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d
        for i in 1..<10_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b; if abs(d) < tiny { d = tiny }
            c = b + an / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return 1 - exp(logPrefix) * h
    }

    /// I_x(a, b): the CDF of Beta(a, b) at x.
    public static func regularizedBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
        precondition(a > 0 && b > 0 && (0...1).contains(x))
        if x == 0 || x == 1 { return x }
        let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * betaContinuedFraction(x, a, b) / a
        }
        return 1 - exp(logFront) * betaContinuedFraction(1 - x, b, a) / b
    }

    private static func betaContinuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0, d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1..<10_000 {
            let m = Double(m), m2 = 2 * m
            var aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return h
    }
}
