import Foundation

extension Data {
    /// `withUnsafeBytes` for a body that throws one error type, which the result keeps
    /// (Foundation's `withUnsafeBytes` rethrows as `any Error`).
    func withUnsafeBytes<Result, Failure: Error>(
        typed body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let result = withUnsafeBytes({ (bytes: UnsafeRawBufferPointer) -> Swift.Result<Result, Failure> in
            Swift.Result { () throws(Failure) -> Result in try body(bytes) }
        })
        return try result.get()
    }
}
