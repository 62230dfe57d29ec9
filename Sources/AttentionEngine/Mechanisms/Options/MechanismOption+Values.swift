extension MechanismOption {
    /// The kinds of value an option takes, which decide how a spec's JSON and a written value are read.
    enum ValueKind {
        /// A whole number: `heads`, `window`, `sliding_window`, ….
        case integer
        /// `true` or `false`: `causal`, `alibi`, `sinks`, `bias`.
        case flag
        /// Any number: `rope_base`.
        case number
        /// A name the option knows: `score` (dot, general, concat) and `rope` (half, interleaved).
        case name
    }

    /// A value read for an option, of its ``valueKind``.
    enum Value {
        case integer(Int)
        case flag(Bool)
        case number(Double)
        case name(String)
    }

    /// The kind of value the option takes; the one place each option's type is stated.
    var valueKind: ValueKind {
        switch self {
        case .heads, .window, .slidingWindow, .kvHeads, .ropeDims, .blockSize, .prefill, .sinkTokens: .integer
        case .causal, .alibi, .sinks, .bias: .flag
        case .ropeBase: .number
        case .score, .rope: .name
        }
    }

    /// Sets the option in `options` to `value`, or unsets it for `nil`; a name is read by the
    /// option's own type (``ScoreFunction``, ``RotaryPairing``).
    ///
    /// - Precondition: `value` is of the option's ``valueKind``.
    /// - Throws: What ``ScoreFunction/init(named:)`` and ``RotaryPairing/init(named:)`` throw for a name they do not know.
    func assign(_ value: Value?, in options: inout MechanismOptions) throws(TraceError) {
        func integer() -> Int? {
            guard case .integer(let number)? = value else { return nil }
            return number
        }
        func flag() -> Bool? {
            guard case .flag(let flag)? = value else { return nil }
            return flag
        }
        func name() -> String? {
            guard case .name(let name)? = value else { return nil }
            return name
        }
        switch self {
        case .heads: options.heads = integer()
        case .window: options.window = integer()
        case .causal: options.causal = flag()
        case .score: options.score = try name().map { name throws(TraceError) in try ScoreFunction(named: name) }
        case .slidingWindow: options.slidingWindow = integer()
        case .alibi: options.alibi = flag()
        case .kvHeads: options.kvHeads = integer()
        case .rope: options.rope = try name().map { name throws(TraceError) in try RotaryPairing(named: name) }
        case .ropeBase:
            guard case .number(let base)? = value else { options.ropeBase = nil; return }
            options.ropeBase = base
        case .ropeDims: options.ropeDims = integer()
        case .sinks: options.sinks = flag()
        case .blockSize: options.blockSize = integer()
        case .prefill: options.prefill = integer()
        case .sinkTokens: options.sinkTokens = integer()
        case .bias: options.bias = flag()
        }
    }

    /// Sets the option in `options` from its value written as text (`3`, `true`, `half`), then checks it.
    ///
    /// - Throws: ``TraceError/invalidOption(_:value:reason:)`` for text that is not a value of
    ///   the option's kind, or a value the option cannot take.
    public func set(_ text: String, in options: inout MechanismOptions) throws(TraceError) {
        let value: Value
        switch valueKind {
        case .integer:
            guard let number = Int(text) else { throw .invalidOption(self, value: text, reason: "\(rawValue) is a whole number, got '\(printable(text))'") }
            value = .integer(number)
        case .flag:
            guard let flag = Bool(text) else { throw .invalidOption(self, value: text, reason: "\(rawValue) is true or false, got '\(printable(text))'") }
            value = .flag(flag)
        case .number:
            guard let number = Double(text) else { throw .invalidOption(self, value: text, reason: "\(rawValue) is a number, got '\(printable(text))'") }
            value = .number(number)
        case .name:
            value = .name(text)
        }
        try assign(value, in: &options)
        try validate(in: options)
    }
}
