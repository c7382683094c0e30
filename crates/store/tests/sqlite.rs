//! The `Store` contract, exercised on `SqliteStore` (the PostgreSQL store should pass the
//! same cases).

use newsdesk_core::*;
use newsdesk_store::sqlite::{SCHEMA_VERSION, SqliteStore};
use newsdesk_store::*;
use std::path::PathBuf;
use std::time::Instant;

fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("test.db");
    (dir, path)
}

fn fresh() -> (tempfile::TempDir, SqliteStore) {
    let (dir, path) = temp_db();
    let store = SqliteStore::open(&path).unwrap();
    (dir, store)
}

fn aid(s: &str) -> ArticleId {
    ArticleId(s.to_string())
}

fn sid(s: &str) -> StoryId {
    StoryId(s.to_string())
}

/// A minimal article in story `story`.
fn stored(
    id: &str,
    title: Option<&str>,
    text: &str,
    published: Option<&str>,
    story: &str,
) -> StoredArticle {
    let id = aid(id);
    let mut analysis = Analysis::empty(id.clone());
    analysis.word_count = text.split_whitespace().count();
    StoredArticle {
        article: Article {
            id: id.clone(),
            input_id: None,
            url: None,
            title: title.map(str::to_string),
            text: text.to_string(),
            published: published.map(str::to_string),
            outlet: None,
            lang: None,
            authors: Vec::new(),
            origin: SourceRef {
                source: "test.jsonl".into(),
                position: 1,
            },
        },
        analysis,
        assignment: Assignment {
            article: id.clone(),
            story: sid(story),
            duplicate_of: None,
            new_story: false,
        },
    }
}

fn story(id: &str, articles: &[&str], last_published: Option<&str>) -> Story {
    Story {
        id: sid(id),
        title: format!("story {id}"),
        articles: articles.iter().map(|a| aid(a)).collect(),
        outlets: vec!["Wire".into()],
        first_published: last_published.map(str::to_string),
        last_published: last_published.map(str::to_string),
        key_points: KeyPoints::default(),
        disputes: Vec::new(),
    }
}

fn reject(source: &str, position: u64, reason: &str) -> Reject {
    Reject {
        origin: SourceRef {
            source: source.into(),
            position,
        },
        reason: reason.into(),
    }
}

fn ev(article: &ArticleId, sentence: usize, start: usize, end: usize) -> Evidence {
    Evidence {
        article: article.clone(),
        sentence,
        span: Span::new(start, end),
    }
}

/// An article with every field set and an analysis with one of everything.
fn full_article() -> StoredArticle {
    let text = "Abbas Araghchi denied that talks had stalled. The U.S. struck Fordow on June 22.";
    let id = ArticleId::from_url("https://example.com/iran-talks");
    let actor = Actor {
        id: "araghchi".into(),
        name: "Abbas Araghchi".into(),
        code: "IRNGOV".into(),
        country: Some("IRN".into()),
        role: Some("foreign minister".into()),
    };
    let analysis = Analysis {
        article: id.clone(),
        sentences: vec![Span::new(0, 45), Span::new(46, 80)],
        word_count: 14,
        key_points: KeyPoints {
            headline: "Araghchi denies stall".into(),
            headline_evidence: Some(ev(&id, 0, 0, 45)),
            points: vec![KeyPoint {
                text: "The U.S. struck Fordow on June 22.".into(),
                evidence: ev(&id, 1, 46, 80),
            }],
        },
        mentions: vec![Mention {
            text: "Abbas Araghchi".into(),
            span: Span::new(0, 14),
            kind: MentionKind::Person,
            actor: Some(actor.clone()),
            evidence: ev(&id, 0, 0, 14),
        }],
        claims: vec![Claim {
            speaker: Some(Speaker {
                text: "Abbas Araghchi".into(),
                start: 0,
                end: 14,
                actor: Some(actor),
            }),
            cue: TextSpan {
                text: "denied".into(),
                start: 15,
                end: 21,
            },
            content: TextSpan {
                text: "talks had stalled".into(),
                start: 27,
                end: 44,
            },
            direct: false,
            stance: Stance::Deny,
            evidence: ev(&id, 0, 0, 45),
        }],
        events: vec![Event {
            source: Some(EventActor {
                text: "The U.S.".into(),
                start: 46,
                end: 54,
                code: "USA".into(),
            }),
            target: None,
            code: CameoCode("195".into()),
            quad_class: 4,
            goldstein: -10.0,
            plover: Some("ASSAULT".into()),
            date: Some("2025-06-22".into()),
            date_precision: Some(DatePrecision::Day),
            evidence: ev(&id, 1, 46, 80),
        }],
        disputes: vec![Dispute {
            proposition: "talks stalled".into(),
            sides: vec![DisputeSide {
                stance: Stance::Deny,
                claims: vec![ClaimRef {
                    article: id.clone(),
                    claim: 0,
                }],
            }],
        }],
        actors: Vec::new(),
    };
    StoredArticle {
        article: Article {
            id: id.clone(),
            input_id: Some("in-7".into()),
            url: Some("https://example.com/iran-talks".into()),
            title: Some("Iran denies talks have stalled".into()),
            text: text.into(),
            published: Some("2025-06-24T10:00:00+02:00".into()),
            outlet: Some("Example News".into()),
            lang: Some("en".into()),
            authors: vec!["Mara Quill".into(), "Ode Lind".into()],
            origin: SourceRef {
                source: "feeds/example.jsonl".into(),
                position: 42,
            },
        },
        analysis,
        assignment: Assignment {
            article: id,
            story: sid("story-1"),
            duplicate_of: Some(aid("original-article")),
            new_story: true,
        },
    }
}

fn assert_same(a: &StoredArticle, b: &StoredArticle) {
    assert_eq!(a.article, b.article);
    assert_eq!(a.analysis, b.analysis);
    assert_eq!(a.assignment, b.assignment);
}

#[test]
fn round_trip_of_every_field() {
    let (_dir, mut store) = fresh();
    let full = full_article();
    let bare = stored("bare", None, "Just text.", None, "story-2");
    let mut s1 = story(
        "story-1",
        &[full.article.id.as_str()],
        Some("2025-06-24T10:00:00+02:00"),
    );
    s1.key_points = full.analysis.key_points.clone();
    s1.disputes = full.analysis.disputes.clone();
    let batch = Batch {
        articles: vec![full.clone(), bare.clone()],
        stories: vec![s1.clone(), story("story-2", &["bare"], None)],
        rejects: vec![reject("feeds/example.jsonl", 3, "no text")],
        index_state: Some("{\"index\":1}".into()),
    };
    let out = store.write_batch(&batch).unwrap();
    assert_eq!(
        out,
        BatchOutcome {
            inserted: 2,
            already_present: 0,
            rejects_new: 1
        }
    );

    assert_same(&store.article(&full.article.id).unwrap().unwrap(), &full);
    assert_same(&store.article(&aid("bare")).unwrap().unwrap(), &bare);
    assert!(store.article(&aid("missing")).unwrap().is_none());

    assert_eq!(store.story(&sid("story-1")).unwrap().unwrap(), s1);
    assert!(store.story(&sid("missing")).unwrap().is_none());

    let list = store.articles(Page::default()).unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(
        list[0],
        ArticleSummary {
            id: full.article.id.clone(),
            title: full.article.title.clone(),
            outlet: Some("Example News".into()),
            published: Some("2025-06-24T10:00:00+02:00".into()),
            url: Some("https://example.com/iran-talks".into()),
            story: Some(sid("story-1")),
            duplicate_of: Some(aid("original-article")),
            word_count: 14,
            authors: vec!["Mara Quill".into(), "Ode Lind".into()],
        }
    );
    assert_eq!(list[1].id, aid("bare"));
    assert_eq!(list[1].title, None);

    let rejects = store.rejects(Page::default()).unwrap();
    assert_eq!(rejects.len(), 1);
    assert_eq!(
        rejects[0].reject,
        reject("feeds/example.jsonl", 3, "no text")
    );
    let t = chrono::DateTime::parse_from_rfc3339(&rejects[0].time).unwrap();
    assert_eq!(t.offset().local_minus_utc(), 0);

    assert_eq!(
        store.index_state().unwrap().as_deref(),
        Some("{\"index\":1}")
    );
    assert_eq!(
        store.counts().unwrap(),
        Counts {
            articles: 2,
            duplicates: 1,
            stories: 2,
            rejects: 1
        }
    );
}

#[test]
fn writing_the_same_batch_twice_adds_nothing() {
    let (_dir, path) = temp_db();
    let mut store = SqliteStore::open(&path).unwrap();
    let batch = Batch {
        articles: vec![
            stored("a", Some("A"), "alpha text", None, "s"),
            stored("b", Some("B"), "beta text", None, "s"),
        ],
        stories: vec![story("s", &["a", "b"], None)],
        rejects: vec![reject("x.jsonl", 1, "empty"), reject("x.jsonl", 2, "empty")],
        index_state: Some("state-1".into()),
    };
    let first = store.write_batch(&batch).unwrap();
    assert_eq!(
        (first.inserted, first.already_present, first.rejects_new),
        (2, 0, 2)
    );
    let counts = store.counts().unwrap();
    let before = store.rejects(Page::default()).unwrap();

    std::thread::sleep(std::time::Duration::from_millis(5));
    let second = store.write_batch(&batch).unwrap();
    assert_eq!(
        (second.inserted, second.already_present, second.rejects_new),
        (0, 2, 0)
    );
    assert_eq!(store.counts().unwrap(), counts);
    let after = store.rejects(Page::default()).unwrap();
    assert_eq!(after.len(), 2, "rejects are refreshed, not duplicated");
    assert!(
        after.iter().all(|r| before.iter().all(|b| r.time > b.time)),
        "time refreshed"
    );
    // The FTS index did not get a second entry either.
    assert_eq!(store.search("alpha", Page::default()).unwrap().len(), 1);

    // An article repeated inside one batch is stored once.
    let dup = Batch {
        articles: vec![
            stored("c", None, "gamma", None, "s"),
            stored("c", None, "gamma", None, "s"),
        ],
        ..Batch::default()
    };
    let out = store.write_batch(&dup).unwrap();
    assert_eq!((out.inserted, out.already_present), (1, 1));

    // Another connection to the same file (another process, say) sees committed batches.
    let other = SqliteStore::open(&path).unwrap();
    assert_eq!(other.counts().unwrap().articles, 3);
    assert_eq!(other.index_state().unwrap().as_deref(), Some("state-1"));
}

#[test]
fn index_state_is_kept_when_a_batch_has_none() {
    let (_dir, mut store) = fresh();
    assert_eq!(store.index_state().unwrap(), None);
    store
        .write_batch(&Batch {
            index_state: Some("v1".into()),
            ..Batch::default()
        })
        .unwrap();
    store.write_batch(&Batch::default()).unwrap();
    assert_eq!(store.index_state().unwrap().as_deref(), Some("v1"));
    store
        .write_batch(&Batch {
            index_state: Some("v2".into()),
            ..Batch::default()
        })
        .unwrap();
    assert_eq!(store.index_state().unwrap().as_deref(), Some("v2"));
}

fn assert_empty(store: &SqliteStore) {
    assert_eq!(store.counts().unwrap(), Counts::default());
    assert!(store.existing(&[aid("ok"), aid("bad")]).unwrap().is_empty());
    assert!(store.article(&aid("ok")).unwrap().is_none());
    assert!(store.search("fine", Page::default()).unwrap().is_empty());
    assert!(store.story(&sid("s")).unwrap().is_none());
    assert_eq!(store.index_state().unwrap(), None);
}

#[test]
fn a_failed_batch_leaves_nothing() {
    let (_dir, mut store) = fresh();

    // The second article's analysis belongs to another article: the whole batch fails,
    // although the first article had already been inserted inside the transaction.
    let mut bad = stored("bad", None, "fine words", None, "s");
    bad.analysis.article = aid("someone-else");
    let batch = Batch {
        articles: vec![stored("ok", Some("Fine"), "fine words", None, "s"), bad],
        stories: vec![story("s", &["ok", "bad"], None)],
        rejects: vec![reject("r", 1, "x")],
        index_state: Some("state".into()),
    };
    assert!(matches!(
        store.write_batch(&batch),
        Err(StoreError::Other(_))
    ));
    assert_empty(&store);

    // A failure at the very end (a reject position SQLite cannot hold), after articles,
    // stories and the first reject were written.
    let batch = Batch {
        articles: vec![stored("ok", Some("Fine"), "fine words", None, "s")],
        stories: vec![story("s", &["ok"], None)],
        rejects: vec![reject("r", 1, "x"), reject("r", u64::MAX, "x")],
        index_state: Some("state".into()),
    };
    assert!(store.write_batch(&batch).is_err());
    assert_empty(&store);

    // The store is still usable afterwards.
    let batch = Batch {
        articles: vec![stored("ok", Some("Fine"), "fine words", None, "s")],
        ..Batch::default()
    };
    assert_eq!(store.write_batch(&batch).unwrap().inserted, 1);
}

#[test]
fn existing_handles_large_id_lists() {
    let (_dir, mut store) = fresh();
    let articles: Vec<_> = (0..50)
        .map(|i| stored(&format!("id{i:05}"), None, "t", None, "s"))
        .collect();
    store
        .write_batch(&Batch {
            articles,
            ..Batch::default()
        })
        .unwrap();
    // Far beyond SQLite's bound-variable limit (32766).
    let ids: Vec<ArticleId> = (0..100_000).map(|i| aid(&format!("id{i:05}"))).collect();
    let found = store.existing(&ids).unwrap();
    assert_eq!(found.len(), 50);
    assert!(found.contains(&aid("id00049")));
    assert!(!found.contains(&aid("id00050")));
    assert!(store.existing(&[]).unwrap().is_empty());
    // Ids with JSON-special characters survive the trip through json_each.
    assert!(store.existing(&[aid("a\"b\\c")]).unwrap().is_empty());
}

#[test]
fn article_listing_order_and_paging() {
    let (_dir, mut store) = fresh();
    let batch = Batch {
        articles: vec![
            stored("undated-1", None, "t", None, "s"),
            // 08:00 UTC: earlier than 09:00Z despite the larger local time.
            stored("offset", None, "t", Some("2025-06-26T10:00:00+02:00"), "s"),
            stored("utc", None, "t", Some("2025-06-26T09:00:00Z"), "s"),
            stored("old", None, "t", Some("2024-01-01"), "s"),
            stored("same-a", None, "t", Some("2025-06-25"), "s"),
            stored("same-b", None, "t", Some("2025-06-25"), "s"),
            stored("undated-2", None, "t", None, "s"),
        ],
        ..Batch::default()
    };
    store.write_batch(&batch).unwrap();
    let ids = |v: Vec<ArticleSummary>| v.into_iter().map(|a| a.id.0).collect::<Vec<_>>();
    let all = ids(store.articles(Page::default()).unwrap());
    assert_eq!(
        all,
        [
            "utc",
            "offset",
            "same-b",
            "same-a",
            "old",
            "undated-2",
            "undated-1"
        ]
    );
    let mut paged = Vec::new();
    for offset in (0..8).step_by(3) {
        paged.extend(ids(store.articles(Page { limit: 3, offset }).unwrap()));
    }
    assert_eq!(paged, all);
    assert!(
        store
            .articles(Page {
                limit: 3,
                offset: 100
            })
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .articles(Page {
                limit: 0,
                offset: 0
            })
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store
            .articles(Page {
                limit: usize::MAX,
                offset: usize::MAX
            })
            .unwrap(),
        vec![]
    );
}

#[test]
fn story_order_and_story_articles() {
    let (_dir, mut store) = fresh();
    let batch = Batch {
        articles: vec![
            stored("b2", None, "t", None, "big"),
            stored("b1", None, "t", Some("2025-06-20T12:00:00Z"), "big"),
            stored("b0", None, "t", Some("2025-06-19"), "big"),
            stored("b3", None, "t", Some("2025-06-21T00:00:00+05:00"), "big"),
            stored("x", None, "t", Some("2025-06-01"), "other"),
        ],
        stories: vec![
            story("small-old", &["1"], Some("2025-01-01")),
            story("big", &["b0", "b1", "b2", "b3"], Some("2025-06-20")),
            story("small-undated", &["2"], None),
            story("small-new", &["3"], Some("2025-06-01T00:00:00Z")),
        ],
        ..Batch::default()
    };
    store.write_batch(&batch).unwrap();
    let order: Vec<_> = store
        .stories(Page::default())
        .unwrap()
        .into_iter()
        .map(|s| s.id.0)
        .collect();
    assert_eq!(order, ["big", "small-new", "small-old", "small-undated"]);
    let second: Vec<_> = store
        .stories(Page {
            limit: 2,
            offset: 1,
        })
        .unwrap()
        .into_iter()
        .map(|s| s.id.0)
        .collect();
    assert_eq!(second, ["small-new", "small-old"]);

    // Upserting a story replaces it and re-ranks it.
    let mut grown = story("small-undated", &["2", "4", "5", "6", "7"], None);
    grown.title = "grown".into();
    store
        .write_batch(&Batch {
            stories: vec![grown.clone()],
            ..Batch::default()
        })
        .unwrap();
    assert_eq!(store.stories(Page::default()).unwrap()[0], grown);
    assert_eq!(store.counts().unwrap().stories, 4);

    let arts: Vec<_> = store
        .story_articles(&sid("big"))
        .unwrap()
        .into_iter()
        .map(|a| a.id.0)
        .collect();
    // b3 is 2025-06-20T19:00Z, after b1 (12:00Z); the undated one last.
    assert_eq!(arts, ["b0", "b1", "b3", "b2"]);
    assert!(store.story_articles(&sid("none")).unwrap().is_empty());
}

#[test]
fn rejects_most_recent_first() {
    let (_dir, mut store) = fresh();
    store
        .write_batch(&Batch {
            rejects: vec![reject("a", 1, "r"), reject("a", 2, "r")],
            ..Batch::default()
        })
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    let out = store
        .write_batch(&Batch {
            rejects: vec![reject("b", 0, "r"), reject("a", 1, "r")],
            ..Batch::default()
        })
        .unwrap();
    assert_eq!(out.rejects_new, 1);
    let order: Vec<_> = store
        .rejects(Page::default())
        .unwrap()
        .into_iter()
        .map(|r| r.reject.origin.to_string())
        .collect();
    // Same time within the second batch: the later-recorded ("b") first, then the
    // refreshed "a:1" (older id); "a:2" keeps its old time.
    assert_eq!(order, ["b", "a:1", "a:2"]);
    let page: Vec<_> = store
        .rejects(Page {
            limit: 1,
            offset: 2,
        })
        .unwrap()
        .into_iter()
        .map(|r| r.reject.origin.to_string())
        .collect();
    assert_eq!(page, ["a:2"]);
    // A different reason for the same item is a different reject.
    let out = store
        .write_batch(&Batch {
            rejects: vec![reject("a", 1, "other reason")],
            ..Batch::default()
        })
        .unwrap();
    assert_eq!(out.rejects_new, 1);
    assert_eq!(store.counts().unwrap().rejects, 4);
}

fn search_corpus() -> Batch {
    Batch {
        articles: vec![
            stored(
                "text-only",
                Some("Weather report"),
                "Rain is expected on Monday. Diplomats said the nuclear negotiations in Geneva \
                 would resume after a pause of several weeks, officials confirmed late on Sunday.",
                None,
                "s1",
            ),
            stored(
                "in-title",
                Some("Nuclear negotiations resume in Geneva"),
                "Officials met on Sunday. The talks follow weeks of tension between the parties.",
                None,
                "s2",
            ),
            stored(
                "accents",
                Some("Visite à Téhéran"),
                "Le ministre est arrivé à Téhéran pour une réunion.",
                None,
                "s3",
            ),
            stored(
                "unrelated",
                Some("Football"),
                "The match ended in a draw after extra time.",
                None,
                "s4",
            ),
        ],
        ..Batch::default()
    }
}

#[test]
fn search_ranks_titles_higher_and_snippets_mark_matches() {
    let (_dir, mut store) = fresh();
    store.write_batch(&search_corpus()).unwrap();

    let hits = store
        .search("nuclear negotiations", Page::default())
        .unwrap();
    let ids: Vec<_> = hits.iter().map(|h| h.article.id.as_str()).collect();
    assert_eq!(ids, ["in-title", "text-only"]);
    assert!(hits[0].score <= hits[1].score, "bm25: lower is better");
    let snip = &hits[1].snippet;
    assert!(
        snip.contains("[nuclear]") && snip.contains("[negotiations]"),
        "{snip}"
    );
    assert!(snip.contains('…'), "a cut passage is marked: {snip}");
    assert!(
        snip.split_whitespace().count() <= 14,
        "about 12 tokens: {snip}"
    );
    assert_eq!(
        hits[0].article.title.as_deref(),
        Some("Nuclear negotiations resume in Geneva")
    );

    // All words are required.
    assert!(
        store
            .search("nuclear football", Page::default())
            .unwrap()
            .is_empty()
    );
    // Porter stemming: "negotiate" finds "negotiations"; case is folded.
    assert_eq!(store.search("NEGOTIATE", Page::default()).unwrap().len(), 2);
    // Diacritics are folded both ways.
    assert_eq!(ids_of(&store, "teheran"), ["accents"]);
    assert_eq!(ids_of(&store, "Téhéran"), ["accents"]);
    assert_eq!(ids_of(&store, "Te\u{301}he\u{301}ran"), ["accents"]);

    // Paging.
    let p2 = store
        .search(
            "officials",
            Page {
                limit: 1,
                offset: 1,
            },
        )
        .unwrap();
    assert_eq!(p2.len(), 1);
    let all = store.search("officials", Page::default()).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(p2[0], all[1]);
}

fn ids_of(store: &SqliteStore, q: &str) -> Vec<String> {
    store
        .search(q, Page::default())
        .unwrap()
        .into_iter()
        .map(|h| h.article.id.0)
        .collect()
}

#[test]
fn hostile_queries_do_not_error() {
    let (_dir, mut store) = fresh();
    store.write_batch(&search_corpus()).unwrap();
    for q in [
        "\"foo",
        "AND OR (",
        "-x*",
        "NOT",
        "NEAR(a b, 3)",
        "title:nuclear",
        "{title text}: nuclear",
        "^nuclear",
        "nuclear*",
        "\"\"",
        "''",
        "*",
        ")(",
        "a\u{0}b",
        "🙂 🙂",
        "\u{301}",
        "ⅻ ²",
        "   ",
        "",
        "; DROP TABLE articles; --",
    ] {
        let r = store.search(q, Page::default());
        assert!(r.is_ok(), "query {q:?} failed: {r:?}");
    }
    // Operators are searched as words, and punctuation is ignored.
    assert_eq!(ids_of(&store, "title:nuclear"), Vec::<String>::new());
    assert_eq!(ids_of(&store, "(nuclear)"), ["in-title", "text-only"]);
    assert!(store.search("", Page::default()).unwrap().is_empty());
    assert!(store.search("\"( )*", Page::default()).unwrap().is_empty());
    assert_eq!(store.counts().unwrap().articles, 4);
}

#[test]
fn migrations_fresh_reopen_and_too_new() {
    let (_dir, path) = temp_db();
    {
        let mut store = SqliteStore::open(&path).unwrap();
        store
            .write_batch(&Batch {
                articles: vec![stored("a", None, "kept", None, "s")],
                ..Batch::default()
            })
            .unwrap();
    }
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");

    // Re-opening an up-to-date file changes nothing and keeps the data.
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.counts().unwrap().articles, 1);
    assert_eq!(ids_of(&store, "kept"), ["a"]);
    drop(store);
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);

    // A file from a newer newsdesk is refused.
    conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    match SqliteStore::open(&path) {
        Err(StoreError::TooNew { found, supported }) => {
            assert_eq!((found, supported), (SCHEMA_VERSION + 1, SCHEMA_VERSION));
        }
        Err(e) => panic!("expected TooNew, got {e}"),
        Ok(_) => panic!("expected TooNew, got a store"),
    }
}

#[test]
fn open_errors_name_the_path() {
    let (dir, _) = temp_db();
    let missing = dir.path().join("no/such/dir/x.db");
    match SqliteStore::open(&missing) {
        Err(e @ StoreError::Open { .. }) => {
            assert!(e.to_string().contains("no/such/dir/x.db"), "{e}");
        }
        Err(e) => panic!("expected Open, got {e}"),
        Ok(_) => panic!("opened a path in a missing directory"),
    }
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, vec![b'x'; 4096]).unwrap();
    assert!(matches!(
        SqliteStore::open(&junk),
        Err(StoreError::Open { .. })
    ));
}

#[test]
fn open_parses_urls() {
    let (dir, _) = temp_db();
    let p = |name: &str| dir.path().join(name).display().to_string();

    let mut s = open(&format!("sqlite:{}", p("a.db"))).unwrap();
    s.write_batch(&Batch {
        articles: vec![stored("x", None, "t", None, "s")],
        ..Batch::default()
    })
    .unwrap();
    drop(s);
    assert!(dir.path().join("a.db").exists());
    // The three spellings of one file see the same store.
    for url in [
        format!("sqlite:{}", p("a.db")),
        format!("sqlite://{}", p("a.db")),
        p("a.db"),
    ] {
        assert_eq!(open(&url).unwrap().counts().unwrap().articles, 1, "{url}");
    }
    for bad in [
        "postgres://user@localhost/newsdesk",
        "postgresql://localhost/db",
        "sqlite:postgres://x",
        "mysql://localhost/db",
        "sqlite:",
        "sqlite://",
        "",
    ] {
        assert!(matches!(open(bad), Err(StoreError::BadUrl(_))), "{bad:?}");
    }
}

#[test]
fn a_thousand_articles_in_well_under_a_second() {
    let (_dir, mut store) = fresh();
    let body = "Officials said the talks would continue next week in Geneva, while diplomats \
                warned that progress remained slow. "
        .repeat(20);
    let articles: Vec<_> = (0..1000)
        .map(|i| {
            let mut a = stored(
                &format!("perf{i}"),
                Some(&format!("Title {i}")),
                &body,
                None,
                "s",
            );
            a.analysis.sentences = (0..20).map(|k| Span::new(k * 100, k * 100 + 99)).collect();
            a
        })
        .collect();
    let batch = Batch {
        articles,
        stories: vec![story("s", &["perf0"], None)],
        index_state: Some("x".repeat(100_000)),
        ..Batch::default()
    };
    let t = Instant::now();
    let out = store.write_batch(&batch).unwrap();
    let elapsed = t.elapsed();
    assert_eq!(out.inserted, 1000);
    eprintln!("1000 articles written in {elapsed:?}");
    // Generous bound so a busy CI machine does not flake; typically far below.
    assert!(elapsed.as_secs_f64() < 1.0, "took {elapsed:?}");
    assert_eq!(
        store
            .search(
                "geneva",
                Page {
                    limit: 5,
                    offset: 0
                }
            )
            .unwrap()
            .len(),
        5
    );
}

#[test]
fn check_finds_broken_invariants() {
    let (_dir, path) = temp_db();
    let mut store = SqliteStore::open(&path).unwrap();
    assert!(
        store.check().unwrap().is_empty(),
        "an empty store is consistent"
    );
    let batch = Batch {
        articles: vec![
            stored("a", Some("A"), "alpha text", None, "s"),
            stored("b", Some("B"), "beta text", None, "s"),
        ],
        stories: vec![story("s", &["a", "b"], None)],
        rejects: vec![],
        index_state: Some("state".into()),
    };
    store.write_batch(&batch).unwrap();
    assert_eq!(store.check().unwrap(), Vec::<String>::new());

    // Break the store behind its back, as a bug or a bad tool could.
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute("DELETE FROM analyses WHERE article_id = 'a'", [])
        .unwrap();
    raw.execute("DELETE FROM stories", []).unwrap();
    raw.execute("DELETE FROM state", []).unwrap();
    let problems = store.check().unwrap();
    let joined = problems.join("\n");
    assert!(
        joined.contains("1 articles without an analysis"),
        "{joined}"
    );
    assert!(
        joined.contains("2 articles whose story is not stored"),
        "{joined}"
    );
    assert!(joined.contains("story index state is missing"), "{joined}");
}

fn seen(feed: &str, guid: &str, url: &str, outcome: &str) -> SeenItem {
    SeenItem {
        feed_url: feed.to_string(),
        guid: guid.to_string(),
        url: Some(url.to_string()),
        canonical_url: Some(canonical_url(url)),
        article_id: (outcome == "ingested").then(|| ArticleId::from_url(url)),
        outcome: outcome.to_string(),
    }
}

#[test]
fn feed_state_and_seen_items_round_trip() {
    let (_dir, mut store) = fresh();
    let feed = "https://a.example/feed.xml";
    assert_eq!(store.feed(feed).unwrap(), None);
    assert!(store.feeds().unwrap().is_empty());

    let mut st = FeedState {
        url: feed.to_string(),
        title: Some("A".into()),
        etag: Some("\"v1\"".into()),
        last_modified: Some("Tue, 24 Jun 2025 07:30:00 GMT".into()),
        last_success: Some("2025-06-24T07:30:00.000Z".into()),
        // Counts are derived, not saved.
        items_seen: 99,
        ..FeedState::default()
    };
    store.save_feed(&st).unwrap();
    let back = store.feed(feed).unwrap().unwrap();
    assert_eq!(back.etag.as_deref(), Some("\"v1\""));
    assert_eq!(back.items_seen, 0);

    let items = [
        seen(feed, "g1", "https://a.example/1", "ingested"),
        seen(feed, "g2", "https://a.example/2", "rejected"),
    ];
    assert_eq!(store.record_items(&items).unwrap(), 2);
    // Recording again adds nothing.
    assert_eq!(store.record_items(&items).unwrap(), 0);
    let back = store.feed(feed).unwrap().unwrap();
    assert_eq!((back.items_seen, back.items_ingested), (2, 1));

    // Seen by GUID in its feed, and by canonical URL from any feed.
    assert!(store.item_seen(feed, "g1", None).unwrap());
    assert!(
        !store
            .item_seen("https://b.example/rss", "g1", None)
            .unwrap()
    );
    let variant = canonical_url("http://www.A.example/1/?utm_source=x");
    assert!(
        store
            .item_seen("https://b.example/rss", "other", Some(&variant))
            .unwrap()
    );
    assert!(
        !store
            .item_seen(feed, "g3", Some(&canonical_url("https://a.example/3")))
            .unwrap()
    );

    // Errors and backoff replace the state; the added time and items stay.
    st.consecutive_errors = 3;
    st.last_error = Some("HTTP 500 Internal Server Error".into());
    st.next_poll = Some("2025-06-24T09:30:00.000Z".into());
    store.save_feed(&st).unwrap();
    let all = store.feeds().unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].consecutive_errors, 3);
    assert_eq!(all[0].items_seen, 2);
    assert_eq!(
        all[0].next_poll.as_deref(),
        Some("2025-06-24T09:30:00.000Z")
    );
}
