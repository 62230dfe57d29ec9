extension Array where Element == Double {
    /// `count` doubles written once each by `initialize`.
    ///
    /// `init(repeating:count:)` followed by writes would fill the storage twice; for the
    /// n × n intermediates of attention that first fill is a full extra pass over memory.
    ///
    /// - Parameter initialize: Called with the first element's address (unless `count`
    ///   is 0); must write all `count` elements.
    init(unsafeUninitializedCount count: Int, initializingWith initialize: (UnsafeMutablePointer<Double>) -> Void) {
        self.init(unsafeUninitializedCapacity: count) { buffer, initializedCount in
            if count > 0, let base = buffer.baseAddress { initialize(base) }
            initializedCount = count
        }
    }
}
