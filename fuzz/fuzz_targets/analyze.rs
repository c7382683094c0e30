//! Any UTF-8 text through the whole analysis and the story index: no panic, and every
//! span the analysis returns lies on character boundaries inside the text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsdesk_analyze::Pipeline;
use newsdesk_core::{Article, ArticleId, SourceRef};
use newsdesk_stories::StoryIndex;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (title, body) = text.split_once('\u{0}').unwrap_or(("", text));
    let article = Article {
        id: ArticleId::from_content(Some(title), body),
        input_id: None,
        url: None,
        title: (!title.is_empty()).then(|| title.to_string()),
        text: body.to_string(),
        published: Some("2025-06-25".into()),
        outlet: None,
        lang: None,
        authors: Vec::new(),
        origin: SourceRef::default(),
    };
    let analysis = Pipeline::default().analyze(&article);
    for s in &analysis.sentences {
        assert!(body.get(s.start..s.end).is_some(), "bad sentence span {s:?}");
    }
    for p in &analysis.key_points.points {
        let sp = p.evidence.span;
        assert!(body.get(sp.start..sp.end).is_some(), "bad key point span {sp:?}");
    }
    for m in &analysis.mentions {
        assert!(body.get(m.span.start..m.span.end).is_some(), "bad mention span");
    }
    let mut ix = StoryIndex::default();
    ix.add(&article, &analysis);
    ix.add(&article, &analysis);
});
