//! Helpers shared by the integration tests.
#![allow(dead_code)]

use newsdesk_core::{Article, Reject};
use newsdesk_ingest::{Input, Item, Options, Reader};
use std::path::PathBuf;

/// The path of a fixture, as the tests name it in origins.
pub fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// The display form of a fixture path (what origins carry).
pub fn fixture_name(rel: &str) -> String {
    fixture(rel).display().to_string()
}

/// Read inputs with default options.
pub fn read(inputs: &[Input]) -> Vec<Item> {
    Reader::new(inputs.iter().cloned(), Options::default()).collect()
}

/// Read one path with `opts`.
pub fn read_path(path: impl Into<PathBuf>, opts: &Options) -> Vec<Item> {
    Reader::new([Input::Path(path.into())], opts.clone()).collect()
}

pub fn article(item: &Item) -> &Article {
    match item {
        Item::Article(a) => a,
        Item::Reject(r) => panic!("expected an article, got reject {r}"),
    }
}

pub fn reject(item: &Item) -> &Reject {
    match item {
        Item::Reject(r) => r,
        Item::Article(a) => panic!(
            "expected a reject, got article {:?} from {}",
            a.text, a.origin
        ),
    }
}

/// The single item of a one-item read.
pub fn only(items: Vec<Item>) -> Item {
    assert_eq!(items.len(), 1, "expected one item, got {items:#?}");
    items.into_iter().next().expect("one item")
}
