//! Fuzz the user dictionaries of the event coder: any text as a verbs file (PETRARCH's
//! format or our TSV) and as a discard list must load or give an error, never a panic; a
//! coder that loads must code any sentence without a panic, with every event's evidence on
//! character boundaries. Input: verbs file, NUL, discard list, NUL, article text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsdesk_analyze::Pipeline;
use newsdesk_analyze::events::{CameoTable, Discards, EventCoder, VerbDict, petrarch};
use newsdesk_core::{Article, ArticleId, SourceRef};
use std::sync::{Arc, OnceLock};

/// The CAMEO table, loaded once (the verbs under test are the fuzzer's).
fn cameo() -> Option<&'static CameoTable> {
    static CAMEO: OnceLock<Option<CameoTable>> = OnceLock::new();
    CAMEO
        .get_or_init(|| EventCoder::load_builtin().ok().map(|(c, _)| c))
        .as_ref()
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut parts = text.splitn(3, '\u{0}');
    let verbs = parts.next().unwrap_or("");
    let discards = parts.next().unwrap_or("");
    let body = parts.next().unwrap_or("");
    let Some(cameo) = cameo() else { return };
    // Both readers: PETRARCH's format and our TSV (checked against the CAMEO table).
    let Ok((dict, _warnings)) = petrarch::parse("fuzz.verbs.txt", verbs) else {
        let _ = VerbDict::parse("fuzz.verbs.tsv", verbs, Some(cameo));
        return;
    };
    let coder = EventCoder::new(cameo.clone(), dict);
    let coder = match Discards::parse("fuzz.discards.txt", discards) {
        Ok(d) => coder.with_discards(d),
        Err(_) => coder,
    };
    let article = Article {
        id: ArticleId::from_content(None, body),
        input_id: None,
        url: None,
        title: None,
        text: body.to_string(),
        published: Some("2025-06-25".into()),
        outlet: None,
        lang: None,
        authors: Vec::new(),
        origin: SourceRef::default(),
    };
    let analysis = Pipeline::default()
        .with_events(Arc::new(coder))
        .analyze(&article);
    for e in &analysis.events {
        let sp = e.evidence.span;
        assert!(body.get(sp.start..sp.end).is_some(), "bad event span {sp:?}");
    }
});
