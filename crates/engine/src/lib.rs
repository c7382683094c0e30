//! Wires the stages: ingest -> analyze (rayon) -> stories -> store.
