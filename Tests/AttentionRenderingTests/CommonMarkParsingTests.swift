import Testing
@testable import AttentionRendering
