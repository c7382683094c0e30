//! The reader over inputs: directory walking, ordering, sniffing, overrides, I/O rejects
//! and the summary.

mod common;

use common::*;
use newsdesk_core::SourceRef;
use newsdesk_ingest::{Error, Format, Input, Item, Options, Reader, Summary, read_all};
use std::fs;
use std::path::{Path, PathBuf};

fn origins(items: &[Item]) -> Vec<String> {
    items.iter().map(|i| i.origin().to_string()).collect()
}

#[test]
fn directory_is_walked_recursively_in_sorted_order() {
    let root = fixture("tree");
    let name = |rel: &str| root.join(rel).display().to_string();
    let mut reader = Reader::new([Input::Path(root.clone())], Options::default());
    let items: Vec<Item> = reader.by_ref().collect();
    assert_eq!(
        origins(&items),
        vec![
            name("a.txt"),
            format!("{}:1", name("b.jsonl")),
            format!("{}:2", name("b.jsonl")),
            format!("{}:1", name("m.jsonl")),
            name("page.html"),
            format!("{}:1", name("sub/c.ndjson")),
            name("sub/deeper/d.TXT"),
            name("sub/z.text"),
        ]
    );
    // page.html is read as a web page; one short paragraph is not an article.
    assert!(matches!(&items[4], Item::Reject(r) if r.reason.starts_with("not an article")));
    let texts: Vec<&str> = items
        .iter()
        .filter_map(|i| match i {
            Item::Article(a) => Some(a.text.as_str()),
            Item::Reject(_) => None,
        })
        .collect();
    assert_eq!(
        texts,
        [
            "A text.", "b one", "b two", "m one", "c one", "D text.", "Z text."
        ]
    );
    assert_eq!(
        reader.summary(),
        Summary {
            files_read: 7,
            files_skipped: 1,  // notes.md
            hidden_skipped: 2, // .hidden/, .secret.txt
            symlinks_skipped: 0,
            lines: 4,
            articles: 7,
            rejects: 1,
        }
    );
    // Deterministic: a second walk is identical.
    let again: Vec<Item> = Reader::new([Input::Path(root)], Options::default()).collect();
    assert_eq!(again, items);
}

#[test]
fn symlinked_directories_are_not_followed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("root");
    fs::create_dir_all(root.join("real")).expect("mkdir");
    fs::write(root.join("real/a.txt"), "Real.").expect("write");
    // A loop back to the root, and a link to a file.
    std::os::unix::fs::symlink(&root, root.join("loop")).expect("symlink");
    std::os::unix::fs::symlink(root.join("real/a.txt"), root.join("link.txt")).expect("symlink");
    std::os::unix::fs::symlink(root.join("missing.txt"), root.join("dangling.txt"))
        .expect("symlink");
    let mut reader = Reader::new([Input::Path(root.clone())], Options::default());
    let items: Vec<Item> = reader.by_ref().collect();
    assert_eq!(items.len(), 3, "{items:#?}");
    let dangling = reject(&items[0]);
    let dname = root.join("dangling.txt").display().to_string();
    assert_eq!(
        dangling.origin,
        SourceRef {
            source: dname.clone(),
            position: 0
        }
    );
    assert_eq!(
        dangling.reason,
        format!("cannot open {dname}: No such file or directory (os error 2)")
    );
    assert_eq!(
        article(&items[1]).origin.source,
        root.join("link.txt").display().to_string()
    );
    assert_eq!(
        article(&items[2]).origin.source,
        root.join("real/a.txt").display().to_string()
    );
    assert_eq!(reader.summary().symlinks_skipped, 1);
    // Named explicitly, a symlinked directory is followed.
    let items: Vec<Item> =
        Reader::new([Input::Path(root.join("loop/real"))], Options::default()).collect();
    assert_eq!(article(&only(items)).text, "Real.");
}

#[test]
fn explicit_unknown_extensions_are_sniffed() {
    let items = read(&[
        Input::Path(fixture("sniff/data.json")),
        Input::Path(fixture("sniff/notes.data")),
    ]);
    assert_eq!(items.len(), 2);
    let a = article(&items[0]);
    assert_eq!(a.text, "Sniffed as JSONL.");
    assert_eq!(a.origin.position, 1);
    let b = article(&items[1]);
    assert_eq!(b.text, "Sniffed as text.");
    assert_eq!(b.origin.position, 0);
}

#[test]
fn explicit_html_goes_through_the_extractor() {
    let r = reject(&only(read(&[Input::Path(fixture("sniff/page.html"))]))).clone();
    assert_eq!(
        r.origin,
        SourceRef {
            source: fixture_name("sniff/page.html"),
            position: 0
        }
    );
    assert_eq!(
        r.reason,
        "not an article: the page is of another kind (too little text, or a product, forum or tool page)"
    );
}

#[test]
fn format_override_applies_to_every_file_read() {
    let jsonl = Options {
        format: Format::Jsonl,
        ..Options::default()
    };
    // A .txt file read as JSONL: its text is not JSON.
    let items = read_path(fixture("text/untitled.txt"), &jsonl);
    assert_eq!(items.len(), 2, "one reject per line");
    let r = reject(&items[0]).clone();
    assert_eq!(
        r.origin,
        SourceRef {
            source: fixture_name("text/untitled.txt"),
            position: 1
        }
    );
    assert!(
        r.reason.starts_with("malformed JSON at column 1: "),
        "{}",
        r.reason
    );
    // A .jsonl file read as text: one article holding the lines.
    let text = Options {
        format: Format::Text,
        ..Options::default()
    };
    let a = article(&only(read_path(fixture("tree/b.jsonl"), &text))).clone();
    assert_eq!(a.text, "{\"text\":\"b one\"}\n{\"text\":\"b two\"}");
    // Explicit HTML with an override is read as asked.
    let a = article(&only(read_path(fixture("sniff/page.html"), &text))).clone();
    assert_eq!(a.text, "<html><body>hi</body></html>");
    // The override does not make a directory read unknown extensions.
    let mut reader = Reader::new([Input::Path(fixture("tree"))], text);
    assert_eq!(reader.by_ref().count(), 7);
    assert_eq!(reader.summary().files_skipped, 1);
}

#[test]
fn missing_path_is_a_reject_naming_it() {
    let missing = fixture("no/such/file.jsonl");
    let name = missing.display().to_string();
    let r = reject(&only(read(&[Input::Path(missing)]))).clone();
    assert_eq!(
        r.origin,
        SourceRef {
            source: name.clone(),
            position: 0
        }
    );
    assert_eq!(
        r.reason,
        format!("cannot open {name}: No such file or directory (os error 2)")
    );
}

/// Whether this process can read files it has no permission for (root can).
fn privileged(probe: &Path) -> bool {
    fs::File::open(probe).is_ok()
}

#[test]
fn permission_denied_is_a_reject_naming_the_path() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("secret.txt");
    fs::write(&p, "Secret.").expect("write");
    fs::set_permissions(&p, fs::Permissions::from_mode(0o000)).expect("chmod");
    let sub = dir.path().join("closed");
    fs::create_dir(&sub).expect("mkdir");
    fs::write(sub.join("a.txt"), "A.").expect("write");
    fs::set_permissions(&sub, fs::Permissions::from_mode(0o000)).expect("chmod");
    if privileged(&p) {
        eprintln!("running with privileges: permission checks do not apply, skipped");
        fs::set_permissions(&sub, fs::Permissions::from_mode(0o755)).expect("chmod");
        return;
    }
    let name = p.display().to_string();
    let r = reject(&only(read(&[Input::Path(p)]))).clone();
    assert_eq!(
        r.origin,
        SourceRef {
            source: name.clone(),
            position: 0
        }
    );
    assert_eq!(
        r.reason,
        format!("cannot open {name}: Permission denied (os error 13)")
    );
    let sname = sub.display().to_string();
    let r = reject(&only(read(&[Input::Path(sub.clone())]))).clone();
    assert_eq!(
        r.reason,
        format!("cannot read directory {sname}: Permission denied (os error 13)")
    );
    fs::set_permissions(&sub, fs::Permissions::from_mode(0o755)).expect("chmod");
}

#[test]
fn a_directory_that_cannot_be_read_is_a_reject() {
    // Works with any privileges: the subdirectory vanishes between the listing of its
    // parent and the moment the walk enters it.
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("root");
    fs::create_dir_all(root.join("b")).expect("mkdir");
    fs::write(root.join("a.txt"), "First.").expect("write");
    fs::write(root.join("c.txt"), "Last.").expect("write");
    let mut reader = Reader::new([Input::Path(root.clone())], Options::default());
    assert_eq!(article(&reader.next().expect("first")).text, "First.");
    fs::remove_dir(root.join("b")).expect("rmdir");
    let bname = root.join("b").display().to_string();
    let r = reject(&reader.next().expect("second")).clone();
    assert_eq!(
        r.origin,
        SourceRef {
            source: bname.clone(),
            position: 0
        }
    );
    assert_eq!(
        r.reason,
        format!("cannot read directory {bname}: No such file or directory (os error 2)")
    );
    assert_eq!(article(&reader.next().expect("third")).text, "Last.");
    assert!(reader.next().is_none());
    assert_eq!(reader.summary().rejects, 1);
    assert_eq!(reader.summary().articles, 2);
}

#[test]
fn special_files_in_directories_are_reported_not_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sock = dir.path().join("sock.jsonl");
    let _listener = std::os::unix::net::UnixListener::bind(&sock).expect("bind");
    let name = sock.display().to_string();
    let r = reject(&only(read(&[Input::Path(dir.path().to_path_buf())]))).clone();
    assert_eq!(
        r.origin,
        SourceRef {
            source: name.clone(),
            position: 0
        }
    );
    assert_eq!(r.reason, format!("{name} is not a regular file; skipped"));
}

#[test]
fn summary_counts_items_lines_and_files() {
    let inputs = [
        Input::Path(fixture("jsonl/rejects.jsonl")),
        Input::Path(fixture("text/titled.txt")),
        Input::Path(fixture("no-such-file.txt")),
    ];
    let mut reader = read_all(&inputs, &Options::default());
    // Live while reading.
    let first: Vec<Item> = reader.by_ref().take(3).collect();
    assert_eq!(first.len(), 3);
    assert_eq!(reader.summary().lines, 3);
    assert_eq!(
        reader.current_source(),
        Some(fixture_name("jsonl/rejects.jsonl").as_str())
    );
    let rest: Vec<Item> = reader.by_ref().collect();
    assert_eq!(rest.len(), 7);
    let s = reader.summary();
    assert_eq!(s.files_read, 2);
    assert_eq!(s.lines, 8);
    assert_eq!(s.articles, 3);
    assert_eq!(s.rejects, 7);
    assert_eq!(reader.current_source(), None);
}

#[test]
fn inputs_and_formats_parse() {
    assert_eq!(Input::parse("-"), Input::Stdin);
    assert_eq!(
        Input::parse("a/b.jsonl"),
        Input::Path(PathBuf::from("a/b.jsonl"))
    );
    assert_eq!(Input::Stdin.name(), "-");
    assert_eq!(Input::parse("x.txt").to_string(), "x.txt");
    assert_eq!("JSONL".parse::<Format>(), Ok(Format::Jsonl));
    assert_eq!("text".parse::<Format>(), Ok(Format::Text));
    assert_eq!("auto".parse::<Format>(), Ok(Format::Auto));
    assert_eq!("HTML".parse::<Format>(), Ok(Format::Html));
    assert_eq!(
        "xml".parse::<Format>(),
        Err(Error::UnknownFormat("xml".into()))
    );
    assert_eq!(
        Error::UnknownFormat("xml".into()).to_string(),
        "unknown input format \"xml\": expected `auto`, `jsonl`, `text` or `html`"
    );
    assert_eq!(Options::default().max_text_bytes, 5_000_000);
}
