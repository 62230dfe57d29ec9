/// Eight doubles processed together by the element-wise kernels.
///
/// Swift builds for baseline x86-64 (SSE2), where one `Lanes` value is four 128-bit
/// registers: four independent chains of arithmetic that keep the processor's
/// floating-point units busy while each chain waits for its previous result.
typealias Lanes = SIMD8<Double>

extension UnsafePointer<Double> {
    /// The `count` doubles starting here in the first lanes, `padding` in the others.
    ///
    /// - Precondition: `0 < count <= Lanes.scalarCount`.
    @inline(__always)
    func lanes(count: Int, padding: Double = 0) -> Lanes {
        if count == Lanes.scalarCount {
            return UnsafeRawPointer(self).loadUnaligned(as: Lanes.self)
        }
        var lanes = Lanes(repeating: padding)
        for lane in 0..<count { lanes[lane] = self[lane] }
        return lanes
    }
}

extension UnsafeMutablePointer<Double> {
    /// Writes the first `count` lanes of `lanes` here.
    ///
    /// - Precondition: `0 < count <= Lanes.scalarCount`.
    @inline(__always)
    func store(_ lanes: Lanes, count: Int) {
        if count == Lanes.scalarCount {
            UnsafeMutableRawPointer(self).storeBytes(of: lanes, as: Lanes.self)
        } else {
            for lane in 0..<count { self[lane] = lanes[lane] }
        }
    }
}

/// Calls `body(start, count)` for consecutive blocks of `Lanes.scalarCount` indices
/// covering `0..<length`, in order, then once for the remaining indices if there are any.
///
/// The full blocks pass a constant count, so once `body` is inlined their loads and
/// stores are single vector moves and the partial-block code runs only at the end.
@inline(__always)
func forEachBlock(of length: Int, _ body: (_ start: Int, _ count: Int) -> Void) {
    var start = 0
    while start + Lanes.scalarCount <= length {
        body(start, Lanes.scalarCount)
        start += Lanes.scalarCount
    }
    if start < length {
        body(start, length - start)
    }
}
