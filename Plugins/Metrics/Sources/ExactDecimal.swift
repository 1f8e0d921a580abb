/// A decimal number kept exact as `mantissa × 10^exponent`, so 2.8亿 is 280000000 and not 280000000.00000003.
struct ExactDecimal: Sendable, Equatable {
    var mantissa: Int
    var exponent: Int

    init(mantissa: Int, exponent: Int = 0) {
        self.mantissa = mantissa
        self.exponent = exponent
    }

    var double: Double { Self.double(mantissa, exponent) }

    /// Whether it is a whole number written without a fraction.
    var isWhole: Bool { exponent >= 0 }

    func timesPowerOfTen(_ power: Int) -> ExactDecimal {
        ExactDecimal(mantissa: mantissa, exponent: exponent + power)
    }

    /// The value times `factor`, exact when the factor is a power of ten.
    func times(_ factor: Double) -> Double {
        let power = Int(factor.log10Rounded)
        if Self.double(1, power) == factor { return Self.double(mantissa, exponent + power) }
        return double * factor
    }

    private static func double(_ mantissa: Int, _ exponent: Int) -> Double {
        var scale = 1.0
        for _ in 0..<abs(exponent) { scale *= 10 }
        return exponent >= 0 ? Double(mantissa) * scale : Double(mantissa) / scale
    }
}

extension Double {
    fileprivate var log10Rounded: Double {
        guard self > 0 else { return 0 }
        var power = 0.0
        var value = self
        while value >= 10 { value /= 10; power += 1 }
        while value < 1 { value *= 10; power -= 1 }
        return power
    }
}
