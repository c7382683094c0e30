//! Sentence-boundary evaluation on cnn_dev (to be written).
