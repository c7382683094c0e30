//! Incremental story index: duplicates, story grouping, story briefs.
