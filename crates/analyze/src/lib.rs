//! Article -> Analysis: sentences, key points, actors, claims, events. Pure and deterministic.
