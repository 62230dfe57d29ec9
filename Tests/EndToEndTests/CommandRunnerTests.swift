import Foundation
import Testing
import TestSupport

@Suite struct CommandRunnerTests {
    /// A program that fills its error pipe before writing its output: reading one pipe to
    /// its end before the other would wait forever (the limit only ends a broken run).
    @Test(.timeLimit(.minutes(1))) func readsBothStreamsWhenTheErrorsFillAPipe() throws {
        let result = try runProgram(URL(fileURLWithPath: "/bin/sh"),
                                    ["-c", "head -c 1000000 /dev/zero | tr '\\0' e >&2; echo done"])
        #expect(result.status == 0)
        #expect(result.standardOutput == "done\n")
        #expect(result.standardError.utf8.count == 1_000_000)
    }
}
