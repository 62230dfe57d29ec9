import AttentionCorpus

/// The generated corpus trains as it is.
extension SentencePair: AlignedSentencePair {}
