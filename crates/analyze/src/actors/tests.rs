//! Tests of the actors stage: hard cases written by us, the demo corpus's US–Iran
//! articles, user dictionaries, and a pseudo-random no-panic test.

use super::*;
use newsdesk_core::{Article, ArticleId, SourceRef};

fn article(title: Option<&str>, text: &str, published: Option<&str>) -> Article {
    Article {
        id: ArticleId::from_content(title, text),
        input_id: None,
        url: None,
        title: title.map(str::to_string),
        text: text.to_string(),
        published: published.map(str::to_string),
        outlet: None,
        lang: None,
        authors: Vec::new(),
        origin: SourceRef::default(),
    }
}

fn analyse(text: &str, published: Option<&str>) -> Analysis {
    crate::Pipeline::default().analyze(&article(None, text, published))
}

/// (text, kind, code) of every mention.
fn mentions(an: &Analysis) -> Vec<(String, MentionKind, String)> {
    an.mentions
        .iter()
        .map(|m| {
            (
                m.text.clone(),
                m.kind,
                m.actor.as_ref().map_or(String::new(), |a| a.code.clone()),
            )
        })
        .collect()
}

/// The mention with this exact text (the first one), or a panic listing them all.
fn find<'a>(an: &'a Analysis, text: &str) -> &'a Mention {
    an.mentions
        .iter()
        .find(|m| m.text == text)
        .unwrap_or_else(|| panic!("no mention {text:?} in {:?}", mentions(an)))
}

fn code(m: &Mention) -> &str {
    m.actor.as_ref().map_or("", |a| a.code.as_str())
}

fn has(an: &Analysis, text: &str) -> bool {
    an.mentions.iter().any(|m| m.text == text)
}

#[test]
fn metonyms_capitals_and_seats() {
    let an = analyse(
        "Tehran rejected the offer on Monday. Protests spread in Tehran overnight. \
         The Kremlin said it was watching, the Pentagon sent ships and the White House \
         declined to comment. Officials in Washington were divided.",
        Some("2025-06-20"),
    );
    let tehran: Vec<&Mention> = an.mentions.iter().filter(|m| m.text == "Tehran").collect();
    assert_eq!(tehran.len(), 2);
    assert_eq!(
        (tehran[0].kind, code(tehran[0])),
        (MentionKind::Government, "IRNGOV")
    );
    assert_eq!(
        (tehran[1].kind, code(tehran[1])),
        (MentionKind::Place, "IRN")
    );
    assert_eq!(code(find(&an, "Kremlin")), "RUSGOV");
    assert_eq!(code(find(&an, "Pentagon")), "USAMIL");
    assert_eq!(code(find(&an, "White House")), "USAGOV");
    assert_eq!(find(&an, "Washington").kind, MentionKind::Place);
}

#[test]
fn possessives_titles_and_appositions() {
    let an = analyse(
        "Iran's foreign minister, Abbas Araghchi, said talks were over. Iran's military \
         went on alert. US President Donald Trump spoke later, and Benjamin Netanyahu, \
         Israel's prime minister, agreed.",
        Some("2025-06-20"),
    );
    let a = find(&an, "Abbas Araghchi");
    let actor = a.actor.as_ref().unwrap();
    assert_eq!(a.kind, MentionKind::Person);
    assert_eq!(actor.code, "IRNGOV");
    assert_eq!(actor.role.as_deref(), Some("foreign minister"));
    assert_eq!(code(find(&an, "Iran's military")), "IRNMIL");
    let t = find(&an, "Donald Trump");
    assert_eq!(code(t), "USAGOV");
    assert!(
        !has(&an, "US"),
        "the country before a title is part of the person"
    );
    assert_eq!(code(find(&an, "Benjamin Netanyahu")), "ISRGOV");
}

#[test]
fn unknown_people_get_their_role_from_the_context() {
    let an = analyse(
        "Iran's deputy foreign minister, Dariush Vantorani, spoke first. Then Foreign \
         Minister Jane Roe of Ruritania replied.",
        Some("2025-06-20"),
    );
    let a = find(&an, "Dariush Vantorani").actor.clone().unwrap();
    assert_eq!(a.code, "IRNGOV");
    assert_eq!(a.role.as_deref(), Some("deputy foreign minister"));
    let r = find(&an, "Jane Roe").actor.clone().unwrap();
    assert_eq!(r.code, "---GOV", "no country is known for her");
    assert_eq!(r.role.as_deref(), Some("foreign minister"));
}

#[test]
fn adjective_and_sector() {
    let an = analyse(
        "Iranian lawmakers voted. Israeli troops advanced while U.S. forces waited. \
         Iranian state media showed the strikes. Iranian and Israeli troops clashed.",
        Some("2025-06-20"),
    );
    assert_eq!(code(find(&an, "Iranian lawmakers")), "IRNLEG");
    assert_eq!(code(find(&an, "Israeli troops")), "ISRMIL");
    assert_eq!(code(find(&an, "U.S. forces")), "USAMIL");
    assert_eq!(code(find(&an, "Iranian state media")), "IRNMED");
    // the coordinated adjective shares the sector term
    let clash: Vec<&str> = an
        .mentions
        .iter()
        .filter(|m| m.evidence.sentence == 3)
        .map(code)
        .collect();
    assert_eq!(clash, vec!["IRNMIL", "ISRMIL"]);
}

#[test]
fn us_the_country_is_not_us_the_pronoun() {
    let an = analyse(
        "Let us be clear, he told us: the US and Israel will act. The U.S. agreed.",
        Some("2025-06-20"),
    );
    let codes: Vec<String> = mentions(&an).into_iter().map(|(_, _, c)| c).collect();
    assert_eq!(codes, vec!["USA", "ISR", "USA"], "{:?}", mentions(&an));
}

#[test]
fn a_leader_who_left_office_is_not_the_government() {
    let text = "Joe Biden spoke in Delaware.";
    let in_office = analyse(text, Some("2022-03-01"));
    let b = find(&in_office, "Joe Biden").actor.clone().unwrap();
    assert_eq!(b.code, "USAGOV");
    assert_eq!(b.role.as_deref(), Some("president"));
    let after = analyse(text, Some("2025-06-01"));
    let b = find(&after, "Joe Biden").actor.clone().unwrap();
    assert_eq!(b.code, "USAELI");
    assert_eq!(b.role.as_deref(), Some("former president"));
    // and a person named with "former" in the text is an elite too
    let an = analyse("Former Foreign Minister John Doe of Iran spoke.", None);
    let d = find(&an, "John Doe").actor.clone().unwrap();
    assert!(d.code.ends_with("ELI"), "{d:?}");
}

#[test]
fn the_role_holder_on_the_day() {
    let an = analyse(
        "The Iranian foreign minister flew to Oslo.",
        Some("2025-06-20"),
    );
    let m = find(&an, "Iranian foreign minister");
    let a = m.actor.as_ref().unwrap();
    assert_eq!((m.kind, a.code.as_str()), (MentionKind::Person, "IRNGOV"));
    assert_eq!(a.name, "Abbas Araghchi");
}

#[test]
fn pronoun_chains_and_their_window() {
    let an = analyse(
        "Foreign Minister Abbas Araghchi arrived in Oslo. He met Mrs. Jane Smith there. \
         She thanked him. He left. The minister said nothing more. It rained. It was late. \
         It was dark. He was gone.",
        Some("2025-06-20"),
    );
    let ids: Vec<(String, String)> = an
        .mentions
        .iter()
        .map(|m| (m.text.clone(), m.actor.as_ref().unwrap().id.clone()))
        .collect();
    let araghchi = "person:abbas-araghchi".to_string();
    let he: Vec<&String> = ids
        .iter()
        .filter(|(t, _)| t == "He")
        .map(|(_, i)| i)
        .collect();
    assert_eq!(
        he,
        vec![&araghchi, &araghchi],
        "the last He is too far: {ids:?}"
    );
    let she = ids.iter().find(|(t, _)| t == "She").unwrap();
    assert_eq!(she.1, "person:jane-smith");
    let him = ids.iter().find(|(t, _)| t == "him").unwrap();
    assert_eq!(him.1, araghchi, "him: the most recent male person");
    let minister = ids.iter().find(|(t, _)| t == "minister").unwrap();
    assert_eq!(minister.1, araghchi);
}

#[test]
fn surnames_point_back_to_the_full_name() {
    let an = analyse(
        "Central bank governor Erika Mustermann raised rates. Mustermann said inflation \
         was too high.",
        Some("2025-06-20"),
    );
    let ids: Vec<&str> = an
        .mentions
        .iter()
        .filter(|m| m.text.contains("Mustermann"))
        .map(|m| m.actor.as_ref().unwrap().id.as_str())
        .collect();
    assert_eq!(ids, vec!["person:erika-mustermann"; 2]);
    assert_eq!(find(&an, "Mustermann").kind, MentionKind::Person);
}

#[test]
fn all_caps_headlines() {
    let an = analyse(
        "IRAN REJECTS US OFFER AS TRUMP WARNS TEHRAN\nIran rejected the offer on Monday.",
        Some("2025-06-20"),
    );
    let first: Vec<String> = an
        .mentions
        .iter()
        .filter(|m| m.evidence.sentence == 0)
        .map(|m| format!("{}={}", m.text, code(m)))
        .collect();
    assert_eq!(
        first,
        vec!["IRAN=IRN", "US=USA", "TRUMP=USAGOV", "TEHRAN=IRNGOV"]
    );
    // a sentence in ordinary case does not take capitals for names
    let an = analyse("Shares in IRAN fell. REJECTS.", Some("2025-06-20"));
    assert!(
        an.mentions.iter().all(|m| code(m) != "IRN"),
        "{:?}",
        mentions(&an)
    );
}

#[test]
fn compounds_are_separate_mentions() {
    let an = analyse(
        "The US and Israel struck, and Britain, France and Germany objected.",
        Some("2025-06-20"),
    );
    let codes: Vec<String> = mentions(&an).into_iter().map(|(_, _, c)| c).collect();
    assert_eq!(codes, vec!["USA", "ISR", "GBR", "FRA", "DEU"]);
}

#[test]
fn unknown_names_by_context() {
    let an = analyse(
        "Mr. John Smith, 54, joined Acme Holdings Inc. last year. He moved to the \
         University of Ruritania from Springfield. Smith said the Ministry of Ports \
         agreed. Zorblax Vantor, who chairs the board, was in Qarth.",
        Some("2025-06-20"),
    );
    let kinds: HashMap<String, MentionKind> = an
        .mentions
        .iter()
        .map(|m| (m.text.clone(), m.kind))
        .collect();
    assert_eq!(kinds["John Smith"], MentionKind::Person);
    assert_eq!(kinds["Smith"], MentionKind::Person);
    assert_eq!(kinds["Acme Holdings Inc."], MentionKind::Organization);
    assert_eq!(kinds["University of Ruritania"], MentionKind::Organization);
    assert_eq!(kinds["Ministry of Ports"], MentionKind::Organization);
    assert_eq!(kinds["Zorblax Vantor"], MentionKind::Person);
    assert_eq!(kinds["Qarth"], MentionKind::Place);
    assert_eq!(kinds["Springfield"], MentionKind::Place);
}

#[test]
fn sentence_openers_are_not_names() {
    let an = analyse(
        "Meanwhile the talks resumed. Sitting in Geneva, diplomats waited.",
        Some("2025-06-20"),
    );
    assert!(!has(&an, "Meanwhile"), "{:?}", mentions(&an));
    assert!(!has(&an, "Sitting"), "{:?}", mentions(&an));
    assert!(has(&an, "Geneva"));
}

#[test]
fn actors_ranked_by_salience() {
    let a = article(
        Some("Iran warns Israel"),
        "Israel struck again. Iran said it would respond. Iran's foreign minister \
         spoke. Iran closed its airspace. Tehran residents fled.",
        Some("2025-06-20"),
    );
    let an = crate::Pipeline::default().analyze(&a);
    let top: Vec<(&str, usize, bool)> = an
        .actors
        .iter()
        .map(|x| (x.actor.id.as_str(), x.mentions, x.in_headline))
        .collect();
    // "Iran's foreign minister" is the minister, not a mention of Iran
    assert_eq!(top[0], ("country:IRN", 2, true), "{top:?}");
    assert!(
        top.iter().any(|t| t.0 == "person:abbas-araghchi"),
        "{top:?}"
    );
    assert!(top.contains(&("country:ISR", 1, true)), "{top:?}");
    assert!(an.actors.windows(2).all(|w| w[0].salience >= w[1].salience));
}

#[test]
fn evidence_points_at_the_sentence() {
    let an = analyse(
        "Talks began. Iran's foreign minister, Abbas Araghchi, spoke.",
        None,
    );
    for m in &an.mentions {
        let s = an.sentences[m.evidence.sentence];
        assert!(s.contains(m.span), "{m:?}");
        assert_eq!(m.evidence.span, m.span);
    }
}

// ---- the demo corpus ------------------------------------------------------------------

const DEMO: &str = include_str!("../../../../demo/articles.jsonl");

fn demo(id: &str) -> Analysis {
    for line in DEMO.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        if v["id"] == id {
            let a = article(
                v["title"].as_str(),
                v["text"].as_str().unwrap(),
                v["published"].as_str(),
            );
            let a = Article {
                published: a
                    .published
                    .as_deref()
                    .and_then(newsdesk_core::date::normalise_published),
                ..a
            };
            return crate::Pipeline::default().analyze(&a);
        }
    }
    panic!("no demo article {id}");
}

#[test]
fn demo_us_iran_articles() {
    let an = demo("demo-011");
    let araghchi: Vec<&Mention> = an
        .mentions
        .iter()
        .filter(|m| m.actor.as_ref().unwrap().id == "person:abbas-araghchi")
        .collect();
    assert!(!araghchi.is_empty());
    for m in &araghchi {
        let a = m.actor.as_ref().unwrap();
        assert_eq!(a.code, "IRNGOV");
        assert_eq!(a.role.as_deref(), Some("foreign minister"));
    }
    assert_eq!(code(find(&an, "Iranian lawmakers")), "IRNLEG");

    let an = demo("demo-010");
    assert_eq!(code(find(&an, "White House")), "USAGOV");
    assert_eq!(code(find(&an, "U.S. forces")), "USAMIL");

    let an = demo("demo-016");
    let iaea = find(&an, "IAEA");
    assert_eq!(iaea.kind, MentionKind::Organization);
    assert_eq!(code(iaea), "IGOUNOIAE");

    let an = demo("demo-012");
    assert_eq!(code(find(&an, "Pentagon")), "USAMIL");
}

#[test]
fn demo_corpus_salience_puts_the_story_first() {
    // the first article is about Israel striking Iran
    let an = demo("demo-001");
    let top: Vec<&str> = an
        .actors
        .iter()
        .take(2)
        .map(|a| a.actor.code.as_str())
        .collect();
    assert!(top.contains(&"IRN") && top.contains(&"ISR"), "{top:?}");
}

// ---- user dictionaries ----------------------------------------------------------------

#[test]
fn user_tsv_and_phoenix_dictionaries() {
    let mut d = Recogniser::builtin().dictionary().clone();
    add_user_dictionary(
        &mut d,
        "mine.tsv",
        "#columns:\tname\taliases\tcountry\tsector\trole\tstart\tend\tkind\n\
         Zorblax Vantor\tVantor\tIRN\tMIL\tnavy commander\t2024-01-01\t\tperson\n",
    )
    .unwrap();
    add_user_dictionary(
        &mut d,
        "x.actors.txt",
        "GOLLUM_  # a test\n+SMEAGOL_\n\t[IRN < 950601]\n\t[IRNGOV 19950601 - 19990815]\n",
    )
    .unwrap();
    let rec = Arc::new(Recogniser::new(d));
    let p = crate::Pipeline::with_actors(crate::Config::default(), rec);
    let an = p.analyze(&article(None, "Vantor met Gollum.", Some("1997-01-01")));
    let codes: Vec<String> = mentions(&an).into_iter().map(|(_, _, c)| c).collect();
    // Vantor's role starts in 2024: before it he is only Iranian
    assert_eq!(codes, vec!["IRN", "IRNGOV"], "{:?}", mentions(&an));
    // in 2025 Vantor is in his role, and Gollum's ended in 1999: a former official
    let an = p.analyze(&article(None, "Vantor met Smeagol.", Some("2025-01-01")));
    let codes: Vec<String> = mentions(&an).into_iter().map(|(_, _, c)| c).collect();
    assert_eq!(codes, vec!["IRNMIL", "IRNELI"], "{:?}", mentions(&an));
    // a broken TSV line is an error naming file and line
    let mut d = Dictionary::default();
    let e = add_user_dictionary(
        &mut d,
        "bad.tsv",
        "#columns:\tcode\tlabel\tterms\tkind\nX\n",
    )
    .unwrap_err();
    assert!(e.to_string().starts_with("bad.tsv:2: "), "{e}");
}

#[test]
fn the_builtin_dictionaries_compile() {
    assert!(
        Recogniser::builtin_error().is_none(),
        "{:?}",
        Recogniser::builtin_error()
    );
    let rec = Recogniser::builtin();
    assert!(rec.dictionary().countries.len() >= 193);
    assert!(rec.dictionary().people.len() >= 400);
}

// ---- robustness -----------------------------------------------------------------------

/// A small deterministic generator (xorshift), so the test needs no dependency and every
/// run sees the same inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

#[test]
fn no_panic_on_pseudo_random_text() {
    const PIECES: &[&str] = &[
        "Iran",
        "'s",
        "’s",
        " ",
        " ",
        " ",
        "\n",
        ".",
        ",",
        "\"",
        "“",
        "(",
        ")",
        "-",
        "—",
        "Mr.",
        "Foreign Minister",
        "the",
        "he",
        "she",
        "him",
        "US",
        "us",
        "U.S.",
        "IRAN",
        "Tehran",
        "Iranian",
        "lawmakers",
        "troops",
        "President",
        "Donald Trump",
        "Araghchi",
        "of",
        "Bank",
        "Inc.",
        "é",
        "Zürich",
        "ﬁ",
        "🙂",
        "日本",
        "J.",
        "al-",
        "Abu",
        "&",
        "'",
        "’",
        "1996-08-30",
        "42",
        "A",
        "Z",
        "the minister",
        "former",
        "and",
        "in",
        "X",
        "Ⅻ",
        "ǅ",
        "İ",
        "ß",
        "\u{301}",
        "\t",
        "...",
        "…",
        "?",
        "!",
        ":",
        "bin",
        "Gen.",
        "Lt.",
        "Speaker",
        "UN",
        "IAEA",
        "White House",
        "Kremlin",
    ];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let p = crate::Pipeline::default();
    for round in 0..400 {
        let n = 1 + (rng.next() % 60) as usize;
        let mut text = String::new();
        for _ in 0..n {
            text.push_str(rng.pick(PIECES));
        }
        let title = (round % 3 == 0).then(|| text.chars().rev().collect::<String>());
        let a = article(title.as_deref(), &text, Some("2025-06-20"));
        let an = p.analyze(&a);
        for m in &an.mentions {
            assert!(
                m.span.end <= text.len() && m.span.start < m.span.end,
                "{m:?} in {text:?}"
            );
            assert_eq!(text.get(m.span.start..m.span.end), Some(m.text.as_str()));
            assert!(m.evidence.sentence < an.sentences.len().max(1));
            assert!(m.actor.is_some());
        }
        // deterministic
        assert_eq!(p.analyze(&a), an);
    }
}

#[test]
fn speed_is_linear_and_fast_enough_in_tests() {
    // a long article of repeated news text: must finish quickly even in a debug build
    let para = "Iran's foreign minister, Abbas Araghchi, said on Tuesday that Tehran \
                rejected the offer. He told Iranian lawmakers that U.S. forces and the \
                Pentagon were watching. Mr. John Smith of Acme Corp. disagreed. ";
    let text = para.repeat(400);
    let t0 = std::time::Instant::now();
    let an = analyse(&text, Some("2025-06-20"));
    assert!(an.mentions.len() >= 400 * 7, "{}", an.mentions.len());
    assert!(t0.elapsed().as_secs() < 20);
}

/// `ACTORS_TEXT="..." cargo test -p newsdesk-analyze debug_print -- --ignored --nocapture`
/// prints what the stage finds in a text: a tool for looking at errors.
#[test]
#[ignore]
fn debug_print() {
    let text = std::env::var("ACTORS_TEXT").unwrap_or_default();
    let an = analyse(&text, Some("2025-06-20"));
    for m in &an.mentions {
        let a = m.actor.as_ref().unwrap();
        println!("{:?} {:?} {} {} {:?}", m.text, m.kind, a.code, a.id, a.role);
    }
    for a in &an.actors {
        println!(
            "{} {} {} {}",
            a.actor.id, a.mentions, a.in_headline, a.salience
        );
    }
}

/// Throughput of recognition + coreference on real news text (CNN stories from
/// `../shared/eval/summ/cnn_dev.jsonl`), one thread:
/// `cargo test --release -p newsdesk-analyze speed_on_cnn -- --ignored --nocapture`.
#[test]
#[ignore]
fn speed_on_cnn() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/eval/summ/cnn_dev.jsonl");
    let Ok(data) = std::fs::read_to_string(path) else {
        return;
    };
    let texts: Vec<String> = data
        .lines()
        .take(3000)
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["article"].as_str().map(str::to_string))
        .collect();
    let splits: Vec<Vec<Span>> = texts.iter().map(|t| split_sentences(t)).collect();
    let tokens: usize = texts
        .iter()
        .map(|t| newsdesk_core::text::word_count(t))
        .sum();
    let rec = Recogniser::builtin();
    let t0 = std::time::Instant::now();
    let mut n = 0;
    for (t, s) in texts.iter().zip(&splits) {
        n += rec.find(t, s, None).len();
    }
    let secs = t0.elapsed().as_secs_f64();
    println!(
        "{} articles, {tokens} tokens, {n} mentions, {secs:.2} s: {:.0} tokens/s",
        texts.len(),
        tokens as f64 / secs
    );
}

#[test]
fn longer_places_hide_the_country_inside_them() {
    let an = analyse(
        "Storms hit the Gulf of Mexico and Latin America, and rain fell in Washington state.",
        Some("2025-06-20"),
    );
    assert!(
        an.mentions
            .iter()
            .all(|m| !matches!(code(m), "MEX" | "USA" | "USAGOV")),
        "{:?}",
        mentions(&an)
    );
    assert_eq!(find(&an, "Gulf of Mexico").kind, MentionKind::Place);
}

#[test]
fn nationality_and_name_make_one_name_unless_a_sector_follows() {
    let an = analyse(
        "Sales at British Airways rose before the Italian Open. The Iranian Foreign \
         Ministry protested.",
        Some("2025-06-20"),
    );
    assert_eq!(find(&an, "British Airways").kind, MentionKind::Organization);
    assert!(has(&an, "Italian Open"), "{:?}", mentions(&an));
    assert_eq!(code(find(&an, "Iranian Foreign Ministry")), "IRNGOV");
}

#[test]
fn kinds_by_order_follow_kind_order() {
    for (i, k) in KINDS_BY_ORDER.iter().enumerate() {
        assert_eq!(usize::from(kind_order(*k)), i);
    }
}

#[test]
fn token_lower_case_is_lexicon_lower() {
    let text = "Foreign Minister ZÜRICH İstanbul straße AT&T O'Neill x";
    let sentences = newsdesk_core::text::split_sentences(text);
    let mut toks = Vec::new();
    tokens::tokenize(text, &sentences, &mut toks);
    let rec = Recogniser::builtin();
    let walk = Walk::new(&rec, text, &toks, &[], None);
    for i in 0..=toks.len() {
        let mut b = [0u8; 64];
        assert_eq!(walk.low(i), lexicon::Lexicon::lower(walk.t(i), &mut b));
    }
}

#[test]
fn token_search_is_the_linear_scan() {
    let text = "Iran's foreign minister, Abbas Araghchi, said on Tuesday. \"Tehran rejected it\"";
    let sentences = newsdesk_core::text::split_sentences(text);
    let mut toks = Vec::new();
    tokens::tokenize(text, &sentences, &mut toks);
    let rec = Recogniser::builtin();
    let walk = Walk::new(&rec, text, &toks, &[], None);
    for end in 0..=text.len() + 1 {
        assert_eq!(walk.tok_at_or_after(end), walk.tok_after(0, end));
    }
}
