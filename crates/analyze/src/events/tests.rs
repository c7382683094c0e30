//! Tests of the event coder: the loaders (strict), hard cases on a mini dictionary of our
//! own, the embedded dictionaries on the demo corpus, and a no-panic sweep.

use super::*;
use crate::{Config, Pipeline};
use newsdesk_core::{Article, ArticleId, SourceRef};

const MINI_CAMEO: &str = "# test table\n#columns:\tcode\tname\tgoldstein\tquad_class\tplover\troot\n\
010\tMake statement\t0.0\t1\t\t01\n\
036\tExpress intent to meet\t4.0\t1\tCONSULT\t03\n\
042\tMake a visit\t1.9\t1\tCONSULT\t04\n\
043\tHost a visit\t2.8\t1\tCONSULT\t04\n\
046\tEngage in negotiation\t7.0\t1\tCONSULT\t04\n\
0256\tAppeal for de-escalation\t3.0\t1\t\t02\n\
112\tAccuse\t-2.0\t3\tACCUSE\t11\n\
138\tThreaten with military force\t-7.0\t3\tTHREATEN\t13\n\
163\tImpose embargo\t-8.0\t4\tCOERCE\t16\n\
166\tReduce or stop cooperation\t-4.0\t4\tREJECT\t16\n\
190\tUse conventional military force\t-10.0\t4\tASSAULT\t19\n\
195\tEmploy aerial weapons\t-10.0\t4\tASSAULT\t19\n";

const MINI_VERBS: &str = "#columns:\tcode\tkind\thead\tpattern\tnote\n\
010\tverb\tsay|says|said\t\t\n\
046\tverb\tmeet|meets|met\tT\t\n\
046\tnoun\ttalks\twith T\t\n\
046\tverb\tresume|resumed\ttalks\t\n\
046\tverb\thold|held\ttalks with T\t\n\
112\tverb\taccuse|accused\tT\t\n\
043\tverb\thost|hosted\tT\t\n\
138\tverb\tthreaten|threatened\tto strike T\t\n\
138\tverb\tthreaten|threatened\tT\t\n\
166\tverb\tsuspend|suspended\tcooperation with T\t\n\
195\tverb\tstrike|struck|bomb|bombed\t\t\n\
195\tnoun\tstrikes|air strikes\ton T\t\n\
190\tverb\tattack|attacked\t\t\n";

fn mini() -> Arc<EventCoder> {
    let cameo = CameoTable::parse("mini-cameo.tsv", MINI_CAMEO).expect("mini cameo");
    let verbs = VerbDict::parse("mini-verbs.tsv", MINI_VERBS, Some(&cameo)).expect("mini verbs");
    Arc::new(EventCoder::new(cameo, verbs))
}

fn article(text: &str, published: &str) -> Article {
    Article {
        id: ArticleId::from_content(None, text),
        input_id: None,
        url: None,
        title: None,
        text: text.to_string(),
        published: Some(published.to_string()),
        outlet: None,
        lang: None,
        authors: Vec::new(),
        origin: SourceRef::default(),
    }
}

/// (source code, target code, event code) of `text` coded with `coder`.
fn code_with(coder: &EventCoder, text: &str) -> Vec<(String, String, String)> {
    let a = article(text, "2025-06-26");
    let mut an = Pipeline::new(Config::default()).analyze(&a);
    coder.code(&a.text, a.published_date(), &mut an);
    an.events
        .iter()
        .map(|e| {
            (
                e.source.as_ref().map_or("-".into(), |s| s.code.clone()),
                e.target.as_ref().map_or("-".into(), |s| s.code.clone()),
                e.code.0.clone(),
            )
        })
        .collect()
}

fn triple(s: &str, t: &str, c: &str) -> (String, String, String) {
    (s.into(), t.into(), c.into())
}

fn country(code: &str) -> &str {
    code.get(..3).unwrap_or(code)
}

#[test]
fn loaders_are_strict() {
    let bad = "#columns:\tcode\tname\tgoldstein\tquad_class\tplover\troot\n01\tX\tnope\t1\t\t01\n";
    let e = CameoTable::parse("c.tsv", bad).unwrap_err();
    assert_eq!(e.to_string(), "c.tsv:2: goldstein \"nope\" is not a number");
    let e = CameoTable::parse("c.tsv", "01\tX\t0\t1\t\t01\n").unwrap_err();
    assert!(e.to_string().starts_with("c.tsv:1:"), "{e}");
    let e = CameoTable::parse("c.tsv", "# nothing\n").unwrap_err();
    assert!(e.to_string().contains("no #columns:"), "{e}");
    let cameo = CameoTable::parse("c.tsv", MINI_CAMEO).unwrap();
    let verbs = "#columns:\tcode\tkind\thead\tpattern\tnote\n\n999\tverb\tx\t\t\n";
    let e = VerbDict::parse("v.tsv", verbs, Some(&cameo)).unwrap_err();
    assert_eq!(e.to_string(), "v.tsv:3: code 999 is not in cameo.tsv");
    let verbs = "#columns:\tcode\tkind\thead\tpattern\tnote\n195\tadverb\tx\t\t\n";
    assert!(VerbDict::parse("v.tsv", verbs, Some(&cameo)).is_err());
    let verbs = "#columns:\tcode\tkind\thead\tpattern\tnote\n195\tverb\tx\tT T\t\n";
    assert!(VerbDict::parse("v.tsv", verbs, Some(&cameo)).is_err());
    let verbs = "#columns:\tcode\tkind\thead\tpattern\tnote\n195\tverb\tx\n";
    assert!(VerbDict::parse("v.tsv", verbs, Some(&cameo)).is_err());
}

#[test]
fn embedded_dictionaries_load() {
    if let Some(e) = EventCoder::builtin_error() {
        panic!("the embedded event dictionaries do not load: {e}");
    }
    let c = EventCoder::builtin();
    assert!(c.cameo().len() >= 20);
    assert!(!c.verbs().rows.is_empty());
}

#[test]
fn simple_act_with_actors_and_codes() {
    let c = mini();
    let ev = code_with(&c, "Israel struck Iran on Friday.");
    assert_eq!(ev, vec![triple("ISR", "IRN", "195")]);
}

#[test]
fn passive_voice_swaps_source_and_target() {
    let c = mini();
    let ev = code_with(
        &c,
        "Iran's nuclear sites were struck by the United States on Sunday.",
    );
    assert_eq!(ev.len(), 1, "{ev:?}");
    assert_eq!(country(&ev[0].0), "USA");
    assert_eq!(country(&ev[0].1), "IRN");
    assert_eq!(ev[0].2, "195");
}

#[test]
fn compound_actors_give_one_event_each() {
    let c = mini();
    let ev = code_with(&c, "The United States and Israel struck Iran.");
    let mut srcs: Vec<&str> = ev.iter().map(|e| country(&e.0)).collect();
    srcs.sort();
    assert_eq!(srcs, vec!["ISR", "USA"], "{ev:?}");
    assert!(ev.iter().all(|e| country(&e.1) == "IRN" && e.2 == "195"));
}

#[test]
fn threats_are_not_acts() {
    let c = mini();
    let ev = code_with(&c, "Israel threatened to strike Iran.");
    assert_eq!(ev, vec![triple("ISR", "IRN", "138")]);
}

#[test]
fn negation_and_modality_code_nothing() {
    let c = mini();
    for s in [
        "Iran did not meet the United States.",
        "Iran denied plans to resume talks with the United States.",
        "Israel could strike Iran.",
        "Israel might attack Iran.",
        "Iran never met the United States.",
    ] {
        let ev = code_with(&c, s);
        assert!(
            ev.iter()
                .all(|e| e.2 != "046" && e.2 != "195" && e.2 != "190"),
            "{s}: {ev:?}"
        );
    }
}

#[test]
fn metonyms_are_governments() {
    let c = mini();
    let ev = code_with(&c, "Tehran accused Washington of sabotage.");
    assert_eq!(ev, vec![triple("IRNGOV", "USAGOV", "112")]);
}

#[test]
fn reported_events_belong_to_the_reported_actors() {
    let c = mini();
    let ev = code_with(&c, "Iran said that Israel attacked its embassy.");
    assert_eq!(ev.len(), 1, "{ev:?}");
    assert_eq!(country(&ev[0].0), "ISR");
    assert_eq!(ev[0].2, "190");
}

#[test]
fn dates_come_from_the_clause_else_publication() {
    let c = mini();
    let a = article(
        "Israel struck Iran on Tuesday. Iran attacked Israel.",
        "2025-06-26",
    );
    let mut an = Pipeline::new(Config::default()).analyze(&a);
    c.code(&a.text, a.published_date(), &mut an);
    assert_eq!(an.events.len(), 2, "{:?}", an.events);
    assert_eq!(an.events[0].date.as_deref(), Some("2025-06-24"));
    assert_eq!(an.events[0].date_precision, Some(DatePrecision::Day));
    assert_eq!(an.events[1].date.as_deref(), Some("2025-06-26"));
    let e = &an.events[0];
    assert_eq!(e.quad_class, 4);
    assert_eq!(e.goldstein, -10.0);
    assert_eq!(e.plover.as_deref(), Some("ASSAULT"));
    assert_eq!(e.evidence.sentence, 0);
    assert!(e.evidence.span.slice(&a.text).contains("struck"));
}

#[test]
fn coder_never_panics_and_is_deterministic() {
    let c = mini();
    let nasty = [
        "",
        " ",
        "struck",
        "and and and , , ; : ( )",
        "Iran’s strikes on on on T * by by by",
        "Ünïcödé struck 東京 and Israel attacked 😀 Iran's",
        "were struck by",
        "Iran, Iraq, and struck by , Israel and and the",
    ];
    for s in nasty {
        let a = code_with(&c, s);
        let b = code_with(&c, s);
        assert_eq!(a, b);
        let _ = code_with(&EventCoder::builtin(), s);
    }
    // every prefix of a real sentence (cuts inside words and multibyte characters)
    let s = "Iran’s parliament voted to suspend cooperation with the IAEA — after US strikes.";
    for (i, _) in s.char_indices() {
        let _ = code_with(&EventCoder::builtin(), &s[..i]);
    }
}

/// The demo corpus, coded with the embedded dictionaries: (article id, events).
fn demo_events() -> Vec<(String, Vec<Event>)> {
    let demo = include_str!("../../../../demo/articles.jsonl");
    let pipeline = Pipeline::default();
    let mut out = Vec::new();
    for line in demo.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("demo line is JSON");
        let id = v["id"].as_str().unwrap_or("").to_string();
        let text = v["text"].as_str().unwrap_or("");
        let published = v["published"].as_str().unwrap_or("");
        let mut a = article(text, published);
        a.published = newsdesk_core::date::normalise_published(published).or(a.published);
        let an = pipeline.analyze(&a);
        out.push((id, an.events));
    }
    out
}

fn code_of(a: &Option<EventActor>) -> &str {
    a.as_ref().map_or("", |a| a.code.as_str())
}

#[test]
fn demo_us_strikes_on_iran_nuclear_sites() {
    let all = demo_events();
    let sites = ["Fordow", "Natanz", "Isfahan", "Iran"];
    let found: Vec<&Event> = all
        .iter()
        .filter(|(id, _)| id == "demo-010" || id == "demo-011")
        .flat_map(|(_, e)| e.iter())
        .filter(|e| matches!(e.code.root(), "18" | "19"))
        .filter(|e| code_of(&e.source).starts_with("USA"))
        .filter(|e| {
            e.target.as_ref().is_some_and(|t| {
                t.code.starts_with("IRN") || sites.iter().any(|s| t.text.contains(s))
            })
        })
        .collect();
    assert!(!found.is_empty(), "no US strike on Iran's sites in {all:?}");
    for e in &found {
        assert_eq!(e.date.as_deref(), Some("2025-06-22"), "{e:?}");
        assert_eq!(e.quad_class, 4);
        assert!(e.goldstein <= -9.0, "{e:?}");
    }
}

#[test]
fn demo_parliament_suspends_iaea_cooperation() {
    let all = demo_events();
    for id in ["demo-016", "demo-020"] {
        let ok = all
            .iter()
            .filter(|(i, _)| i == id)
            .flat_map(|(_, e)| e.iter())
            .any(|e| {
                e.code.root() == "16"
                    && code_of(&e.source).starts_with("IRN")
                    && code_of(&e.target) == "IGOUNOIAE"
                    && e.date.as_deref() == Some("2025-06-25")
            });
        assert!(ok, "{id}: {:?}", all.iter().find(|(i, _)| i == id));
    }
}

#[test]
fn demo_denied_talks_are_no_meeting() {
    let all = demo_events();
    let (_, events) = all
        .iter()
        .find(|(id, _)| id == "demo-030")
        .expect("the denial article");
    let first: Vec<&Event> = events.iter().filter(|e| e.evidence.sentence == 0).collect();
    assert!(
        first.iter().all(|e| !matches!(e.code.root(), "03" | "04")),
        "{first:?}"
    );
    // what the sentence does say: Iran rejected the US claim, on Thursday 26 June
    assert!(
        first.iter().any(|e| e.code.root() == "12"
            && code_of(&e.source).starts_with("IRN")
            && code_of(&e.target).starts_with("USA")
            && e.date.as_deref() == Some("2025-06-26")),
        "{first:?}"
    );
}

#[test]
fn run_on_sentences_stay_fast() {
    // 20,000 words without a full stop: bounded work, no panic
    let mut text = String::new();
    for i in 0..5_000 {
        text.push_str(if i % 2 == 0 {
            "Israel struck Iran and "
        } else {
            "Iran attacked Israel, "
        });
    }
    let t0 = std::time::Instant::now();
    let ev = code_with(&EventCoder::builtin(), &text);
    assert!(!ev.is_empty());
    assert!(t0.elapsed().as_secs() < 20, "{:?}", t0.elapsed());
}

#[test]
fn announced_acts_are_intents_or_threats() {
    let c = mini();
    assert_eq!(
        code_with(&c, "Israel vowed to strike Iran."),
        vec![triple("ISR", "IRN", "138")]
    );
    // a meeting is had by both sides, announced or not
    assert_eq!(
        code_with(&c, "Iran will meet the United States."),
        vec![triple("IRN", "USA", "036"), triple("USA", "IRN", "036")]
    );
}

#[test]
fn meetings_are_reciprocal_and_hosts_are_visited() {
    let c = mini();
    assert_eq!(
        code_with(&c, "Iran met the United States on Monday."),
        vec![triple("IRN", "USA", "046"), triple("USA", "IRN", "046")]
    );
    assert_eq!(
        code_with(&c, "Israel hosted Iran."),
        vec![triple("ISR", "IRN", "043"), triple("IRN", "ISR", "042")]
    );
    // one-sided acts have no reverse
    assert_eq!(
        code_with(&c, "Tehran accused Washington."),
        vec![triple("IRNGOV", "USAGOV", "112")]
    );
}

#[test]
fn reported_clauses_take_the_reporter_for_pronouns_and_missing_subjects() {
    let c = mini();
    // "it" is the reporter, not a phrase without an actor
    let ev = code_with(&c, "Israel said it struck Iran.");
    assert_eq!(ev, vec![triple("ISR", "IRN", "195")]);
    // the reported clause names its own subject: it keeps it
    let ev = code_with(&c, "Iran said Israel struck the United States.");
    assert_eq!(ev, vec![triple("ISR", "USA", "195")]);
    // the reporting verb's object has no subject of its own: the reporter's
    let ev = code_with(&c, "Israel announced air strikes on Iran.");
    assert_eq!(ev, vec![triple("ISR", "IRN", "195")]);
}

#[test]
fn a_place_inside_the_subject_phrase_is_not_the_subject() {
    let c = mini();
    let a = article("A car bomb in Kabul attacked Iran.", "2025-06-26");
    let mut an = Pipeline::new(Config::default()).analyze(&a);
    c.code(&a.text, a.published_date(), &mut an);
    assert_eq!(an.events.len(), 1, "{:?}", an.events);
    let src = an.events[0].source.as_ref().expect("a source");
    assert_eq!(src.text, "car bomb");
    assert_eq!(src.code, "---");
}

#[test]
fn user_verbs_extend_and_override_ours() {
    // our TSV layout: a code of the table, a head we do not have
    let tsv = "#columns:\tcode\tkind\thead\tpattern\tnote\n\
               195\tverb\tzapped\tT\t\n";
    let (c, warnings) = EventCoder::with_user_verbs("mine.tsv", tsv).expect("loads");
    assert!(warnings.is_empty());
    assert_eq!(
        code_with(&c, "Israel zapped Iran."),
        vec![triple("ISR", "IRN", "195")]
    );
    // a code outside cameo.tsv is refused in our layout, naming the line
    let bad = "#columns:\tcode\tkind\thead\tpattern\tnote\n999\tverb\tzapped\t\t\n";
    let e = EventCoder::with_user_verbs("mine.tsv", bad).unwrap_err();
    assert!(e.to_string().starts_with("mine.tsv:2:"), "{e}");
    // PETRARCH's layout: the user's code wins a tie with ours ("struck T" is 195 in ours)
    let petr = "--- STRIKE [190] ---\nSTRIKE {STRUCK}\n- * + [190]\n- * WITH_ZEAL + [180]\n";
    let (c, _) = EventCoder::with_user_verbs("mine.verbs.txt", petr).expect("loads");
    assert_eq!(
        code_with(&c, "Israel struck Iran."),
        vec![triple("ISR", "IRN", "190")]
    );
    assert_eq!(
        code_with(&c, "Israel struck with zeal Iran."),
        vec![triple("ISR", "IRN", "180")]
    );
}

#[test]
fn refused_cooperation_is_a_rejection() {
    let c = mini();
    for s in [
        "Iran refused to meet the United States.",
        "Iran will not meet the United States.",
        "Iran failed to meet the United States.",
    ] {
        let ev = code_with(&c, s);
        assert!(
            ev.iter().any(|e| e == &triple("IRN", "USA", "125")),
            "{s}: {ev:?}"
        );
        assert!(ev.iter().all(|e| e.2 != "046"), "{s}: {ev:?}");
    }
    // a hypothetical refusal is nothing, and a refused attack stays uncoded
    assert!(code_with(&c, "Iran might not meet the United States.").is_empty());
    assert!(code_with(&c, "Israel did not attack Iran.").is_empty());
    assert_eq!(refusal_code("057"), "127");
    assert_eq!(refusal_code("081"), "124");
}

#[test]
fn places_hit_and_sectors_from_a_country_take_its_code() {
    let c = mini();
    // the place struck is the target, coded as its country
    let ev = code_with(&c, "Israel struck a nuclear site in Iran.");
    assert_eq!(ev, vec![triple("ISR", "IRN", "195")]);
    // "soldiers from Iran": the sector takes the country
    let ev = code_with(&c, "Soldiers from Iran attacked Israel.");
    assert_eq!(ev.len(), 1, "{ev:?}");
    assert_eq!(country(&ev[0].0), "IRN", "{ev:?}");
    assert_eq!(country(&ev[0].1), "ISR", "{ev:?}");
}

#[test]
fn a_place_or_time_between_head_and_pattern_is_skipped() {
    let c = mini();
    let ev = code_with(&c, "Iran held talks in Oslo with Israel.");
    assert!(ev.contains(&triple("IRN", "ISR", "046")), "{ev:?}");
}

#[test]
fn an_adjective_after_be_is_no_passive() {
    // a statement about someone: the speaker is the source, not the target
    let ev = code_with(
        &EventCoder::builtin(),
        "Iran said it is skeptical about the United States.",
    );
    assert!(
        ev.iter()
            .any(|e| country(&e.0) == "IRN" && country(&e.1) == "USA" && e.2 == "012"),
        "{ev:?}"
    );
}

#[test]
fn an_act_after_a_participle_is_background() {
    let c = mini();
    let ev = code_with(&c, "Israel attacked Iran after striking Iraq.");
    assert_eq!(ev, vec![triple("ISR", "IRN", "190")]);
}

#[test]
fn subjects_joined_after_the_first_give_one_event_each() {
    let c = mini();
    let ev = code_with(&c, "Russia and China accused the United States.");
    let mut srcs: Vec<&str> = ev.iter().map(|e| country(&e.0)).collect();
    srcs.sort();
    assert_eq!(srcs, vec!["CHN", "RUS"], "{ev:?}");
}

#[test]
fn a_reporting_word_inside_a_name_opens_no_clause() {
    let c = mini();
    // "States" is a reporting verb elsewhere ("he states that…")
    let ev = code_with(&c, "The United States has once again attacked Iran.");
    assert_eq!(ev, vec![triple("USA", "IRN", "190")]);
}

#[test]
fn claiming_responsibility_is_no_reported_clause() {
    // "claimed" is a reporting verb, but "responsibility" is its object, not a subject
    let ev = code_with(
        &EventCoder::builtin(),
        "Hamas claimed responsibility for the attack.",
    );
    assert!(ev.iter().any(|e| e.2 == "015"), "{ev:?}");
}

#[test]
fn agreeing_to_an_act_without_a_row_is_an_intent() {
    let c = EventCoder::builtin();
    let ev = code_with(&c, "Russia and China have agreed to postpone the summit.");
    assert!(ev.iter().any(|e| e.2.starts_with("03")), "{ev:?}");
    // a more specific row still wins: agreeing to meet is an intent to meet (036)
    let ev = code_with(&c, "Russia agreed to meet China.");
    assert!(ev.iter().any(|e| e.2 == "036"), "{ev:?}");
    assert!(!ev.iter().any(|e| e.2 == "030"), "{ev:?}");
}

#[test]
fn new_cooperation_rows_code_their_act() {
    let c = EventCoder::builtin();
    let ev = code_with(&c, "Germany opened its borders to Syrian refugees.");
    assert!(ev.iter().any(|e| e.0 == "DEU" && e.2 == "075"), "{ev:?}");
    let ev = code_with(&c, "Switzerland shared evidence with the United States.");
    assert!(
        ev.iter()
            .any(|e| e.0 == "CHE" && country(&e.1) == "USA" && e.2 == "064"),
        "{ev:?}"
    );
    let ev = code_with(&c, "Russia launched cyber warfare against Estonia.");
    assert!(
        ev.iter()
            .any(|e| e.0 == "RUS" && e.1 == "EST" && e.2.starts_with("17")),
        "{ev:?}"
    );
}

#[test]
fn a_bare_sector_after_the_head_is_the_source_means() {
    let c = EventCoder::builtin();
    // "military" modifies "aid": the recipient after it is the target
    let ev = code_with(&c, "The United States reduced military aid to Argentina.");
    assert!(
        ev.iter().any(|e| country(&e.0) == "USA" && e.1 == "ARG"),
        "{ev:?}"
    );
    assert!(!ev.iter().any(|e| e.1 == "MIL"), "{ev:?}");
    // its own forces, with no recipient: no target
    let ev = code_with(&c, "Russia has strengthened its forces.");
    assert!(!ev.is_empty(), "{ev:?}");
    assert!(ev.iter().all(|e| e.1 == "-"), "{ev:?}");
    // force used on soldiers hits the soldiers, not the place they are in
    let ev = code_with(&c, "The Taliban attacked soldiers in Kandahar.");
    assert!(ev.iter().any(|e| e.1.ends_with("MIL")), "{ev:?}");
}

#[test]
fn movement_is_a_visit_only_to_an_actor() {
    let c = EventCoder::builtin();
    let ev = code_with(&c, "The French president flew to Japan on Monday.");
    assert!(
        ev.iter()
            .any(|e| country(&e.0) == "FRA" && e.1 == "JPN" && e.2 == "042"),
        "{ev:?}"
    );
    let ev = code_with(&c, "Thousands of Afghan girls went to school this week.");
    assert!(
        !ev.iter().any(|e| e.2 == "042"),
        "school is no host: {ev:?}"
    );
}

#[test]
fn one_assault_told_with_several_phrases_is_one_event() {
    let c = EventCoder::builtin();
    let ev = code_with(
        &c,
        "Russian forces launched a missile attack on Ukrainian positions in Donetsk, killing five soldiers.",
    );
    let force: Vec<_> = ev
        .iter()
        .filter(|e| matches!(e.2.get(..2), Some("18" | "19" | "20")))
        .collect();
    assert_eq!(force.len(), 1, "{ev:?}");
    assert_eq!(country(&force[0].0), "RUS");
    // two sources: two acts
    let ev = code_with(&c, "Israel struck Gaza; Hamas attacked Israel.");
    let n = ev
        .iter()
        .filter(|e| matches!(e.2.get(..2), Some("18" | "19")))
        .count();
    assert_eq!(n, 2, "{ev:?}");
}

#[test]
fn a_joint_act_of_a_compound_subject_with_no_other_party_is_one_event() {
    let c = EventCoder::builtin();
    let ev = code_with(&c, "Canada and Mexico have agreed to a new trade deal.");
    let intents: Vec<_> = ev.iter().filter(|e| e.2.starts_with("03")).collect();
    assert_eq!(intents.len(), 1, "{ev:?}");
    assert_eq!(country(&intents[0].0), "CAN");
    // with a target, each conjunct keeps its own event
    let c = mini();
    let ev = code_with(&c, "The United States and Israel struck Iran.");
    assert_eq!(ev.len(), 2, "{ev:?}");
}

/// A coder of a PETRARCH verbs snippet of ours alone (no rows of `verbs.tsv`).
fn petr(snippet: &str) -> EventCoder {
    EventCoder::from_verb_files(&[("ours.verbs.txt", snippet)], false)
        .expect("the snippet loads")
        .0
}

fn sorted(mut v: Vec<(String, String, String)>) -> Vec<(String, String, String)> {
    v.sort();
    v
}

#[test]
fn petrarch_words_before_the_verb_decide_the_code() {
    let c = petr(
        "--- SPURN [120] ---\nSPURN\n- NOT_EVEN * [121]\n- SAID WOULD * [122]\n\
         --- SAY [010] ---\nSAY {SAID}\n",
    );
    assert_eq!(
        code_with(&c, "Iran spurned Iraq."),
        vec![triple("IRN", "IRQ", "120")]
    );
    // the negation is the pattern's own: coded, not dropped
    assert_eq!(
        code_with(&c, "Iran did not even spurn Iraq."),
        vec![triple("IRN", "IRQ", "121")]
    );
    // "said" is inside the pattern: no statement of its own
    let ev = code_with(&c, "Iran said it would spurn Iraq.");
    assert!(ev.iter().any(|e| e.2 == "122"), "{ev:?}");
    assert!(!ev.iter().any(|e| e.2 == "010" || e.2 == "120"), "{ev:?}");
}

#[test]
fn petrarch_paired_codes_give_the_reverse_event() {
    let c = petr("--- TOUR [042:043] ---\nTOUR\n--- STROLL [042] ---\nSTROLL\n");
    assert_eq!(
        sorted(code_with(&c, "France toured Germany.")),
        vec![triple("DEU", "FRA", "043"), triple("FRA", "DEU", "042")]
    );
    // with a second party, a place after "in" is that party; without, only a place
    assert_eq!(
        sorted(code_with(&c, "The French president toured in Germany.")),
        vec![
            triple("DEU", "FRAGOV", "043"),
            triple("FRAGOV", "DEU", "042")
        ]
    );
    assert_eq!(
        code_with(&c, "The French president strolled in Germany."),
        vec![triple("FRAGOV", "-", "042")]
    );
}

#[test]
fn petrarch_compound_rows_code_the_members_on_one_another() {
    let c = petr("--- CONCUR [---] ---\nCONCUR\n- % * [031:031]\n");
    assert_eq!(
        sorted(code_with(&c, "France and Germany concur.")),
        vec![triple("DEU", "FRA", "031"), triple("FRA", "DEU", "031")]
    );
    // no compound subject: the row does not apply, and the verb alone has no code
    assert!(code_with(&c, "France concurs.").is_empty());
}

#[test]
fn petrarch_rows_are_coded_as_written() {
    // ours would make "will donate" an intent (033); a PETRARCH row is taken literally
    let c = petr("--- DONATE [070] ---\nDONATE\n");
    assert_eq!(
        code_with(&c, "France will donate to Mali."),
        vec![triple("FRA", "MLI", "070")]
    );
}

#[test]
fn discards_skip_sentences_and_stories() {
    let d = Discards::parse("ours.discards.txt", "CUP FINAL\n+HURRICANE_\n").expect("loads");
    let c = petr("--- ATTACK [190] ---\nATTACK\n").with_discards(d);
    assert_eq!(
        code_with(
            &c,
            "Israel attacked Iran. Brazil attacked Spain in the Cup Final."
        ),
        vec![triple("ISR", "IRN", "190")]
    );
    assert!(code_with(&c, "Israel attacked Iran. A hurricane hit Cuba.").is_empty());
    // a whole-word phrase: "hurricanes" is not "hurricane_"
    assert_eq!(
        code_with(&c, "Israel attacked Iran in hurricanes.").len(),
        1
    );
}

#[test]
fn a_verb_form_inside_a_prepositional_noun_phrase_is_a_noun() {
    let c = petr("--- VISIT [042] ---\nVISIT\n--- ACCUSE [112] ---\nACCUSE\n");
    assert_eq!(
        code_with(
            &c,
            "Iran accused Iraq during a brief official visit to Syria."
        ),
        vec![triple("IRN", "IRQ", "112")]
    );
    assert_eq!(
        code_with(&c, "Iran will visit Syria."),
        vec![triple("IRN", "SYR", "042")]
    );
}

#[test]
fn a_name_made_an_adjective_makes_a_noun() {
    let c = petr("--- RALLY [141] ---\nRALLY\n");
    assert!(code_with(&c, "Iran banned an anti-American rally.").is_empty());
    assert!(code_with(&c, "Iran banned an anti- American rally.").is_empty());
    assert!(!code_with(&c, "Iranians rally against the United States.").is_empty());
}

#[test]
fn a_subject_and_verb_after_after_open_a_background_clause() {
    let c = mini();
    assert_eq!(
        code_with(
            &c,
            "Iran accused Israel two years after crowds attacked its embassy."
        ),
        vec![triple("IRN", "ISR", "112")]
    );
}

#[test]
fn a_reporting_verb_finds_its_target_in_what_it_reports() {
    let c = petr(
        "--- WARN [160] ---\nWARN\n- * THEIR ^ ABOUT + [162]\n\
         --- BELIEVE [023] ---\nBELIEVE\n",
    );
    assert_eq!(
        sorted(code_with(
            &c,
            "Russia and China warned their citizens about Japan."
        )),
        vec![triple("CHN", "JPN", "162"), triple("RUS", "JPN", "162")]
    );
    assert_eq!(
        sorted(code_with(&c, "Russia believes Iran and Iraq can cope.")),
        vec![triple("RUS", "IRN", "023"), triple("RUS", "IRQ", "023")]
    );
}

#[test]
fn compounds_take_modifiers_and_names_inside_a_phrase() {
    let c = mini();
    let ev = code_with(&c, "France and the embattled Germany accused Russia.");
    let mut srcs: Vec<String> = ev.iter().map(|e| country(&e.0).to_string()).collect();
    srcs.sort();
    assert_eq!(srcs, vec!["DEU", "FRA"], "{ev:?}");
    let ev = code_with(
        &c,
        "The envoys of France, Germany and Italy accused Russia.",
    );
    let mut srcs: Vec<String> = ev.iter().map(|e| country(&e.0).to_string()).collect();
    srcs.sort();
    assert_eq!(srcs, vec!["DEU", "FRA", "ITA"], "{ev:?}");
    // "neither … nor" joins a compound too (what is done to it is the dictionary's
    // business: here a PETRARCH row that codes the pattern)
    let c = petr("--- SNUB [081] ---\nSNUB {SNUBBED}\n- NEITHER * [081]\n");
    let ev = code_with(&c, "Neither France nor Germany snubbed Russia.");
    let mut srcs: Vec<String> = ev.iter().map(|e| country(&e.0).to_string()).collect();
    srcs.sort();
    assert_eq!(srcs, vec!["DEU", "FRA"], "{ev:?}");
}

#[test]
fn modals_before_be_and_passive_infinitives_are_no_events() {
    let c = petr(
        "--- SHOULD [101] ---\nSHOULD\n--- URGE [090] ---\nURGE\n--- ALLOW [066] ---\nALLOW\n",
    );
    assert!(code_with(&c, "Iran and Iraq say disputes should be settled.").is_empty());
    assert_eq!(
        code_with(&c, "Iran urged Iraq to be allowed to leave."),
        vec![triple("IRN", "IRQ", "090")]
    );
}

#[test]
fn a_trailing_attribution_is_said_by_its_own_phrase() {
    let c = petr("--- SAY [023] ---\nSAY {SAID}\n--- LEAVE [---] ---\nLEAVE {LEFT}\n");
    // nothing happened but the saying, and the sayer is no actor: no event, and above
    // all not one told by Ethiopia
    assert!(
        code_with(
            &c,
            "Ethiopia left Libya, a senior official said on Saturday."
        )
        .is_empty()
    );
    // an apposition is no trailing attribution: Ethiopia's leader is the sayer
    let ev = code_with(&c, "Ethiopia, the neighbour of Sudan, said it was ready.");
    assert!(ev.iter().all(|e| e.0 == "ETH"), "{ev:?}");
    assert!(!ev.is_empty());
}

#[test]
fn a_group_code_gives_one_event_per_member() {
    // Our own PETRARCH-format snippet: one name standing for three parties, one for two.
    let actors = "THE_LEAGUE [AAA/BBB/CCC]\nWESTMARCH [WWW]\nTWIN_CITIES [TTA/TTB]\n";
    let mut dict = crate::actors::Recogniser::builtin().dictionary().clone();
    let warnings = crate::actors::add_user_dictionary(&mut dict, "group.actors.txt", actors)
        .expect("group codes load");
    assert!(warnings.is_empty(), "{warnings:?}");
    let rec = Arc::new(crate::actors::Recogniser::new(dict));
    let coder = mini();
    let code = |text: &str| {
        let a = article(text, "2025-06-26");
        let mut an = Pipeline::with_actors(Config::default(), Arc::clone(&rec)).analyze(&a);
        coder.code(&a.text, a.published_date(), &mut an);
        let mut got: Vec<_> = an
            .events
            .iter()
            .map(|e| {
                (
                    code_of(&e.source).to_string(),
                    code_of(&e.target).to_string(),
                    e.code.0.clone(),
                )
            })
            .collect();
        got.sort();
        got
    };
    assert_eq!(
        code("The League accused Westmarch of smuggling."),
        vec![
            triple("AAA", "WWW", "112"),
            triple("BBB", "WWW", "112"),
            triple("CCC", "WWW", "112"),
        ]
    );
    // A group on both sides: every member of one with every member of the other.
    let both = code("The League accused the Twin Cities of smuggling.");
    assert_eq!(both.len(), 6, "{both:?}");
    assert!(both.contains(&triple("CCC", "TTB", "112")));
    // A plain actor is untouched.
    assert_eq!(
        code("Westmarch accused the Twin Cities of smuggling."),
        vec![triple("WWW", "TTA", "112"), triple("WWW", "TTB", "112")]
    );
}
