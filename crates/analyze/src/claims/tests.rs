//! Claims on inputs we wrote: the hard cases of issue 6 and the demo corpus's US–Iran story.

use super::Claims;
use newsdesk_core::{Analysis, Article, ArticleId, Claim, SourceRef, Stance};

fn article(text: &str, published: Option<&str>) -> Article {
    Article {
        id: ArticleId::from_content(None, text),
        input_id: None,
        url: None,
        title: None,
        text: text.to_string(),
        published: published.map(str::to_string),
        outlet: None,
        lang: None,
        authors: Vec::new(),
        origin: SourceRef::default(),
    }
}

fn analyse(text: &str) -> Analysis {
    crate::Pipeline::default().analyze(&article(text, Some("2025-06-26")))
}

fn claims(text: &str) -> Vec<Claim> {
    analyse(text).claims
}

/// The claim whose content contains `needle`.
fn find<'a>(cs: &'a [Claim], needle: &str) -> &'a Claim {
    cs.iter()
        .find(|c| c.content.text.contains(needle))
        .unwrap_or_else(|| panic!("no claim with {needle:?} in {cs:#?}"))
}

fn speaker(c: &Claim) -> &str {
    c.speaker.as_ref().map_or("", |s| s.text.as_str())
}

#[test]
fn embedded_lexicon_loads() {
    assert!(
        Claims::builtin_error().is_none(),
        "{:?}",
        Claims::builtin_error()
    );
}

#[test]
fn direct_quotes_with_speaker_after_and_before() {
    let t = "“We will not negotiate under fire,” Araghchi said.\n\n\
             The minister added: \"Our position has not changed.\"\n\n\
             \"It is a good day,\" said Karoline Leavitt, the White House press secretary.";
    let cs = claims(t);
    let a = find(&cs, "We will not negotiate under fire");
    assert!(a.direct);
    assert_eq!(speaker(a), "Araghchi");
    assert_eq!(a.cue.text, "said");
    assert_eq!(a.stance, Stance::Deny);
    let b = find(&cs, "Our position has not changed");
    assert_eq!(speaker(b), "The minister");
    let c = find(&cs, "It is a good day");
    assert_eq!(speaker(c), "Karoline Leavitt");
    assert_eq!(c.stance, Stance::Assert);
    for c in &cs {
        assert_eq!(&t[c.content.start..c.content.end], c.content.text);
    }
}

#[test]
fn quotes_over_paragraphs_and_unbalanced_marks() {
    let t = "Foreign Minister Abbas Araghchi said: “The attacks must stop.\n\n\
             “Only then can diplomacy resume.”\n\n\
             A stray “mark here never closes.\n\n\
             Iran denied that it had moved the uranium, officials said.";
    let cs = claims(t);
    let a = find(&cs, "The attacks must stop");
    assert!(
        a.content.text.contains("Only then can diplomacy resume"),
        "{a:#?}"
    );
    assert!(speaker(a).contains("Araghchi"));
    // the text after the unbalanced mark is still read
    let d = cs
        .iter()
        .find(|c| speaker(c) == "Iran")
        .unwrap_or_else(|| panic!("{cs:#?}"));
    assert!(d.content.text.contains("it had moved the uranium"));
    assert_eq!(d.stance, Stance::Deny);
}

#[test]
fn interrupted_quotes_and_continued_speaker() {
    let t = "“The talks are over,” he said. “We will not return.”\n\n\
             Abbas Araghchi spoke in Tehran. “Nothing has been agreed,” he said.";
    let cs = claims(t);
    let b = find(&cs, "We will not return");
    assert!(b.direct);
    let c = find(&cs, "Nothing has been agreed");
    assert_eq!(speaker(c), "he");
    let actor = c.speaker.as_ref().and_then(|s| s.actor.as_ref());
    assert_eq!(
        actor.map(|a| a.name.as_str()),
        Some("Abbas Araghchi"),
        "{c:#?}"
    );
}

#[test]
fn reported_speech_forms() {
    let t = "Iran's foreign minister said Thursday that no agreement had been reached.\n\n\
             The strikes set the program back by years, a senior official said.\n\n\
             According to two diplomats, the inspectors will return in July.\n\n\
             Sources said the meeting could take place in Oslo.\n\n\
             The ministry confirmed that the embassy had reopened.\n\n\
             The general warned that the militias would retaliate.\n\n\
             It was reported that the plant was damaged.\n\n\
             Trump told reporters that talks might happen next week.";
    let cs = claims(t);
    let a = find(&cs, "no agreement had been reached");
    assert_eq!(speaker(a), "Iran's foreign minister");
    assert_eq!(a.stance, Stance::Deny);
    assert!(!a.direct);
    let b = find(&cs, "The strikes set the program back");
    assert_eq!(speaker(b), "a senior official");
    let role = b
        .speaker
        .as_ref()
        .and_then(|s| s.actor.as_ref())
        .and_then(|a| a.role.clone());
    assert!(role.is_some(), "{b:#?}");
    let c = find(&cs, "the inspectors will return");
    assert_eq!(speaker(c), "two diplomats");
    let d = find(&cs, "the meeting could take place");
    assert_eq!(speaker(d), "Sources");
    assert_eq!(d.stance, Stance::Suggest);
    assert_eq!(
        find(&cs, "the embassy had reopened").stance,
        Stance::Confirm
    );
    assert_eq!(
        find(&cs, "the militias would retaliate").stance,
        Stance::Warn
    );
    assert!(find(&cs, "the plant was damaged").speaker.is_none());
    let e = find(&cs, "talks might happen next week");
    assert_eq!(speaker(e), "Trump");
    assert_eq!(e.stance, Stance::Suggest);
}

#[test]
fn denials_and_questions() {
    let t = "The White House denied reports that the president would travel to Geneva.\n\n\
             Tehran rejected the offer, a spokesman said.\n\n\
             “Why would we talk to them?” the spokesman asked.";
    let cs = claims(t);
    let a = find(&cs, "the president would travel to Geneva");
    assert_eq!(a.stance, Stance::Deny);
    assert_eq!(speaker(a), "The White House");
    assert_eq!(find(&cs, "Why would we talk").stance, Stance::Question);
}

#[test]
fn headline_and_transcript_colons() {
    let t = "Araghchi: 'There is no agreement'\n\nPENCE: Well, look, this is serious business.";
    let cs = claims(t);
    let a = find(&cs, "There is no agreement");
    assert_eq!(speaker(a), "Araghchi");
    assert_eq!(a.stance, Stance::Deny);
    assert_eq!(speaker(find(&cs, "this is serious business")), "PENCE");
}

#[test]
fn demo_us_iran_story() {
    let demo = include_str!("../../../../demo/articles.jsonl");
    let mut suggest = false;
    let mut deny_leavitt = false;
    let mut deny_araghchi = false;
    for line in demo.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("demo line");
        let text = v["text"].as_str().unwrap_or("");
        for c in claims(text) {
            let who = c
                .speaker
                .as_ref()
                .and_then(|s| s.actor.as_ref())
                .map_or(String::new(), |a| a.name.clone());
            let ct = c.content.text.to_lowercase();
            if who.contains("Trump") && ct.contains("next week") && c.stance == Stance::Suggest {
                suggest = true;
            }
            if who.contains("Leavitt") && ct.contains("no meetings") && c.stance == Stance::Deny {
                deny_leavitt = true;
            }
            if who.contains("Araghchi") && ct.contains("no agreement") && c.stance == Stance::Deny {
                deny_araghchi = true;
            }
        }
    }
    assert!(suggest, "Trump: talks might happen next week (suggest)");
    assert!(deny_leavitt, "Leavitt: no meetings were scheduled (deny)");
    assert!(deny_araghchi, "Araghchi: no agreement (deny)");
}

#[test]
fn no_panic_and_deterministic_on_odd_input() {
    let samples = [
        "",
        "\"",
        "“",
        "”",
        "''''",
        "said",
        "according to",
        ", said",
        "“a” “b” ” “ \" \" \"",
        "He said: “",
        "X:\n\n:",
        "“Ünïcødé ‘quote’ — é,” said José. \"Ça va?\" a-t-il dit.",
        "…,” he said,\n\n“\n\n“",
        "it was reported that",
        "According to X,",
        "\u{feff}“\u{200b}”said he",
    ];
    let mut long = String::new();
    for k in 0..200 {
        long.push_str(samples[k % samples.len()]);
        long.push(if k % 3 == 0 { '\n' } else { ' ' });
    }
    for s in samples
        .iter()
        .copied()
        .chain(std::iter::once(long.as_str()))
    {
        let a = claims(s);
        let b = claims(s);
        assert_eq!(a, b);
        for c in &a {
            assert!(s.get(c.content.start..c.content.end).is_some());
            assert!(s.get(c.cue.start..c.cue.end).is_some());
        }
    }
    // every prefix of a hard text, cut at char boundaries
    let t = "“First,” he said, “second.\n\n“Third,” said a senior official, adding that no talks were planned.";
    for (i, _) in t.char_indices() {
        let _ = claims(&t[..i]);
    }
}

#[test]
fn demo_dispute_on_talks() {
    let demo = include_str!("../../../../demo/articles.jsonl");
    let mut found = false;
    for line in demo.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("demo line");
        let an = analyse(v["text"].as_str().unwrap_or(""));
        for d in &an.disputes {
            let stances: Vec<Stance> = d.sides.iter().map(|s| s.stance).collect();
            if d.proposition == "talks"
                && stances.contains(&Stance::Deny)
                && (stances.contains(&Stance::Suggest) || stances.contains(&Stance::Assert))
            {
                found = true;
                for s in &d.sides {
                    for c in &s.claims {
                        assert!(c.claim < an.claims.len());
                    }
                }
            }
        }
    }
    assert!(found, "a dispute on talks in the US–Iran story");
}

#[test]
fn no_dispute_between_agreeing_speakers() {
    let t = "Trump said talks would take place next week. \
             Leavitt said the talks would take place in Oslo.";
    assert!(analyse(t).disputes.is_empty());
    let t = "Trump said talks might take place next week. \
             Araghchi said there was no agreement to restart talks.";
    let d = analyse(t).disputes;
    assert_eq!(d.len(), 1, "{d:#?}");
}

#[test]
fn denied_content_belongs_to_the_other_speaker() {
    let t = "Araghchi rejected Trump's claim that the two countries would hold talks next week.";
    let cs = claims(t);
    let deny = cs
        .iter()
        .find(|c| speaker(c) == "Araghchi")
        .unwrap_or_else(|| panic!("{cs:#?}"));
    assert_eq!(deny.stance, Stance::Deny);
    let claim = cs
        .iter()
        .find(|c| speaker(c) == "Trump's")
        .unwrap_or_else(|| panic!("{cs:#?}"));
    assert_eq!(
        claim.content.text,
        "the two countries would hold talks next week"
    );
    assert_eq!(claim.stance, Stance::Suggest);
}

#[test]
fn trailing_attributions_with_appositives_initials_and_free_words() {
    let t = "Officials met on Monday.\n\n\
             “We will not move the uranium,” said Mohammad Eslami, head of the agency, \
             summing up talks that ran late into the night.\n\n\
             “The veto will be overridden,” Senate leader Mitch R. Connell, R-Ky., said Tuesday.\n\n\
             “Nothing is settled yet,” said 9/11 widow Terry Strand.\n\n\
             Tehran “is not ready to talk,” retired Air Force general Lloyd Newman said.";
    let cs = claims(t);
    let a = find(&cs, "We will not move the uranium");
    assert_eq!(speaker(a), "Mohammad Eslami", "{a:#?}");
    assert!(!a.content.text.contains("summing"));
    let b = find(&cs, "The veto will be overridden");
    assert!(speaker(b).contains("Connell"), "{b:#?}");
    let c = find(&cs, "Nothing is settled yet");
    assert!(speaker(c).contains("Terry Strand"), "{c:#?}");
    let d = find(&cs, "is not ready to talk");
    assert!(speaker(d).contains("Lloyd Newman"), "{d:#?}");
    assert!(d.content.text.starts_with("Tehran"), "{d:#?}");
}

#[test]
fn a_quotation_that_ends_its_sentence_does_not_swallow_the_next() {
    let t = "She says the plan is “a disaster.” She adds, “Who would ever sign it?”\n\n\
             “Are you winning?” she asked, but he had already left the room.";
    let cs = claims(t);
    let a = find(&cs, "Who would ever sign it?");
    assert!(!a.content.text.contains("disaster"), "{a:#?}");
    assert_eq!(a.stance, Stance::Question);
    let b = find(&cs, "a disaster");
    assert!(!b.content.text.contains("Who would"), "{b:#?}");
    // the attribution after a question mark belongs to that question
    let c = find(&cs, "Are you winning?");
    assert_eq!(speaker(c), "she");
    assert!(cs.iter().all(|c| !c.content.text.contains("already left")));
}

#[test]
fn naming_verbs_need_a_quotation_and_yield_to_the_outer_speaker() {
    let t = "Araghchi called the proposal “a trap for Iran.”\n\n\
             Police called the number twice before the talks.\n\n\
             The minister condemned what he called a “reckless attack” on the facility.\n\n\
             Karoline Leavitt said she thinks no meeting is scheduled.";
    let cs = claims(t);
    let a = find(&cs, "a trap for Iran");
    assert_eq!(speaker(a), "Araghchi");
    assert!(a.direct);
    assert!(
        cs.iter()
            .all(|c| !c.content.text.contains("the number twice"))
    );
    let b = find(&cs, "reckless attack");
    assert_eq!(speaker(b), "The minister", "{cs:#?}");
    assert!(b.content.text.starts_with("what he called"), "{b:#?}");
    let c = find(&cs, "no meeting is scheduled");
    assert_eq!(speaker(c), "Karoline Leavitt", "{cs:#?}");
}

#[test]
fn headlines_paraphrase_and_rubrics_are_no_speakers() {
    let t = "Araghchi: No agreement to restart talks with Washington\n\n\
             The Latest: Iran and the US trade accusations over the strikes\n\n\
             Araghchi was quoted as saying that no talks were planned.";
    let cs = claims(t);
    let a = find(&cs, "No agreement to restart talks");
    assert_eq!(speaker(a), "Araghchi");
    assert!(!a.direct, "a headline paraphrases: {a:#?}");
    assert!(cs.iter().all(|c| !speaker(c).contains("Latest")), "{cs:#?}");
    let b = find(&cs, "no talks were planned");
    assert_eq!(speaker(b), "Araghchi");
    assert_eq!(b.stance, Stance::Deny);
}

#[test]
fn the_proposition_of_a_claim() {
    let t = "Foreign Minister Abbas Araghchi said no arrangement had been made \
             to restart negotiations with the United States next week.";
    let an = analyse(t);
    let c = find(&an.claims, "no arrangement had been made");
    let lex = super::lexicon::Lexicon::builtin().expect("lexicon");
    let day = chrono::NaiveDate::from_ymd_opt(2025, 6, 26);
    let p = super::disputes::proposition(&lex, c, &an.mentions, day);
    assert!(p.negative);
    assert_eq!(p.terms, vec!["agreement", "talks"]);
    assert!(!p.actors.is_empty(), "{p:#?} {:#?}", an.mentions);
    let time = p.time.expect("next week");
    assert_eq!(
        time.date,
        chrono::NaiveDate::from_ymd_opt(2025, 6, 30).expect("date")
    );
}
