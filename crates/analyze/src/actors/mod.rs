//! The actors stage: who is in the article — people, governments, organisations, groups,
//! countries and places — each mention resolved to an actor with a CAMEO-style code.
//!
//! Why: everything analysts ask of news (who said it, who did what to whom) rests on
//! knowing that "Foreign Minister Abbas Araghchi", "Araghchi", "the minister" and "he" are
//! one official of Iran's government (`IRNGOV`), that "Tehran" in "Tehran rejected the
//! offer" is that government, and that "Iranian lawmakers" are its legislature.
//!
//! How, in one pass each (see the submodules):
//! 1. [`tokens`]: word tokens with case and position flags;
//! 2. [`gazetteer`]: one aho-corasick pass over every alias of every dictionary
//!    ([`dict`]: our TSV files, embedded; [`phoenix`]: PETRARCH files added at run time);
//! 3. [`recognise`]: patterns around the matches and titles, and a classifier of unknown
//!    capitalised names;
//! 4. [`coref`]: surnames, "the minister" and pronouns back to their antecedents;
//! 5. here: mentions with actors, and the article's actors ranked by salience.
//!
//! ## Actor codes
//! * a country: its ISO-3 code (`IRN`); a country's institution: ISO-3 + CAMEO sector
//!   (`IRNGOV`, `IRNLEG`, `USAMIL`), from adjective + sector term ("Iranian lawmakers"),
//!   possessives ("Iran's military"), capitals used as metonyms ("Tehran rejected" →
//!   `IRNGOV`; "in Tehran" is the place, `IRN`) and seats of power ("the Pentagon" →
//!   `USAMIL`);
//! * an international organisation: the code of `igos.tsv` (`IGOUNOIAEA`-style: `IGO` +
//!   the parent body + the agency); a group: country + sector when the file gives both,
//!   else its own code;
//! * a person: country + sector of the role they hold on the article's publication date
//!   (no date: their current role). **A person out of office is not the government**:
//!   after their last role ended the code is country + `ELI` (CAMEO's "elites") and the
//!   role reads "former …"; before their first role began, the bare country code;
//! * a country or sector that nothing tells: `---` (PETRARCH's "unknown"), e.g. `---GOV`
//!   for "Foreign Minister X" in an article that never says which country.
//!
//! Actor ids are stable strings: `country:IRN`, `sector:IRNLEG`, `igo:IGOUNOIAEA`,
//! `group:CODE`, `person:abbas-araghchi`, and for names no dictionary knows
//! `person:…`/`organization:…`/`place:…`/`other:…` with the name folded to a slug.
//!
//! ## Salience
//! `salience = w × (mentions + 2 × in_headline + 1.5 / (1 + first_sentence))`: the count
//! of mentions (coreferent ones included) dominates, an actor in the headline or the first
//! sentences comes first among equals; `w` is 1, or 0.5 for a bare sector ("officials",
//! "troops" with no country), which says little about who the article is about.

pub mod coref;
pub mod dict;
pub mod gazetteer;
pub mod lexicon;
pub mod phoenix;
pub mod recognise;
pub mod tokens;

pub use dict::{DictError, Dictionary, TsvKind};

use crate::{Doc, Stage};
use chrono::NaiveDate;
use dict::Standing;
use gazetteer::Gazetteer;
use newsdesk_core::text::split_sentences;
use newsdesk_core::{Actor, Analysis, ArticleActor, Evidence, Mention, MentionKind, Span};
use recognise::{Found, Walk, Who, is_state_sector};
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};
use tokens::Tok;

/// The four CoNLL-2003 entity types, for `newsdesk eval ner`.
///
/// Each proper name the recogniser finds gets the type of the *name* (a capital used as a
/// metonym is still a place name, "Iranian" in "Iranian lawmakers" is a nationality):
/// person → `Per`; organisation, government body, group → `Org`; country, place → `Loc`;
/// nationality and other names (events, laws, religions) → `Misc`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Ner {
    Per,
    Org,
    Loc,
    Misc,
}

impl Ner {
    /// The CoNLL label.
    pub fn label(self) -> &'static str {
        match self {
            Ner::Per => "PER",
            Ner::Org => "ORG",
            Ner::Loc => "LOC",
            Ner::Misc => "MISC",
        }
    }
}

/// The dictionaries compiled for recognition: built once (the automaton takes a few tens
/// of milliseconds), then shared by every thread.
pub struct Recogniser {
    pub(crate) dict: Dictionary,
    pub(crate) gaz: Gazetteer,
    /// People by (country, canonical role), for "the Iranian foreign minister".
    pub(crate) holders: HashMap<(String, String), Vec<u32>>,
    /// Titles ("Foreign Minister", "Gen.") from the sector file and the lexicon.
    pub(crate) titles: recognise::Titles,
}

impl std::fmt::Debug for Recogniser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recogniser")
            .field("aliases", &self.gaz.aliases.len())
            .finish()
    }
}

/// The embedded dictionaries, compiled once per process (or the load error, which the
/// `embedded_dictionaries_load` test keeps from ever shipping).
fn builtin_cell() -> &'static (Arc<Recogniser>, Option<DictError>) {
    static CELL: OnceLock<(Arc<Recogniser>, Option<DictError>)> = OnceLock::new();
    CELL.get_or_init(|| match Dictionary::builtin() {
        Ok(d) => (Arc::new(Recogniser::new(d)), None),
        Err(e) => (Arc::new(Recogniser::new(Dictionary::default())), Some(e)),
    })
}

impl Recogniser {
    /// Compile `dict`.
    pub fn new(dict: Dictionary) -> Self {
        let gaz = Gazetteer::build(&dict);
        let holders = recognise::holders_index(&dict);
        let titles = recognise::Titles::build(&dict);
        Recogniser {
            dict,
            gaz,
            holders,
            titles,
        }
    }

    /// The embedded dictionaries, compiled once and shared. Should they fail to load (a
    /// bug the tests catch), recognition runs on the word lists alone and
    /// [`Recogniser::builtin_error`] says why.
    pub fn builtin() -> Arc<Recogniser> {
        builtin_cell().0.clone()
    }

    /// Why the embedded dictionaries did not load, if they did not.
    pub fn builtin_error() -> Option<&'static DictError> {
        builtin_cell().1.as_ref()
    }

    /// The dictionaries behind this recogniser.
    pub fn dictionary(&self) -> &Dictionary {
        &self.dict
    }

    /// Find the mentions of `text` (`sentences` as the sentence stage made them) as of
    /// `date`: recognition and coreference, in text order.
    pub fn find(&self, text: &str, sentences: &[Span], date: Option<NaiveDate>) -> Vec<Found> {
        let mut toks: Vec<Tok> = Vec::with_capacity(text.len() / 5 + 1);
        tokens::tokenize(text, sentences, &mut toks);
        let mut gaz = Vec::new();
        let at = |i: usize| toks.partition_point(|t| (t.end as usize) <= i);
        self.gaz.find(
            text,
            |i| toks.get(at(i)).is_some_and(|t| t.is(tokens::CAPS)),
            |i| {
                toks.get(at(i))
                    .is_some_and(|t| t.start as usize == i && t.is(tokens::SENT_START))
            },
            &mut gaz,
        );
        let mut walk = Walk::new(self, text, &toks, &gaz, date);
        walk.run();
        walk.corefer();
        walk.found
    }

    /// The proper names of `text` with their CoNLL types, for `newsdesk eval ner`: every
    /// name and name modifier the recogniser found, in order, without overlaps.
    pub fn entities(&self, text: &str, date: Option<NaiveDate>) -> Vec<(Span, Ner)> {
        let sentences = split_sentences(text);
        let found = self.find(text, &sentences, date);
        self.names_of(&found)
    }

    /// The proper names inside found mentions (see [`Recogniser::entities`]).
    pub fn names_of(&self, found: &[Found]) -> Vec<(Span, Ner)> {
        let mut out: Vec<(Span, Ner)> = Vec::with_capacity(found.len());
        for f in found {
            for (s, n) in [f.modifier, f.name].into_iter().flatten() {
                if !s.is_empty() {
                    out.push((s, n));
                }
            }
        }
        out.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
        let mut last_end = 0usize;
        out.retain(|(s, _)| {
            let keep = s.start >= last_end;
            if keep {
                last_end = s.end;
            }
            keep
        });
        out
    }

    /// Mentions of `doc`'s text with actors and evidence, and the article's actors ranked
    /// by salience.
    pub fn analyse(&self, doc: &Doc<'_>, out: &mut Analysis) {
        let text = doc.text();
        let date = doc.article.published_date();
        let found = self.find(text, &out.sentences, date);
        let actors: Vec<Actor> = (0..found.len())
            .map(|i| self.actor(&found, i, text, date))
            .collect();
        // the headline: the title when there is one, else the first sentence
        let headline_ids: Vec<String> = match doc.article.title.as_deref() {
            Some(t) if !t.trim().is_empty() => {
                let s = split_sentences(t);
                let hf = self.find(t, &s, date);
                (0..hf.len())
                    .map(|i| self.actor(&hf, i, t, date).id)
                    .collect()
            }
            _ => found
                .iter()
                .zip(actors.iter())
                .filter(|(f, _)| f.sent == 0)
                .map(|(_, a)| a.id.clone())
                .collect(),
        };
        out.mentions = found
            .iter()
            .zip(actors)
            .map(|(f, a)| Mention {
                text: f.span.slice(text).to_string(),
                span: f.span,
                kind: f.kind,
                actor: Some(a),
                evidence: Evidence {
                    article: out.article.clone(),
                    sentence: f.sent as usize,
                    span: f.span,
                },
            })
            .collect();
        out.actors = rank(&out.mentions, &headline_ids);
    }

    /// The actor of found mention `i` (following coreference links).
    pub fn actor(&self, found: &[Found], i: usize, text: &str, date: Option<NaiveDate>) -> Actor {
        let mut r = i;
        for _ in 0..64 {
            match found.get(r).map(|f| &f.who) {
                Some(Who::Same(j)) if *j != r => r = *j,
                _ => break,
            }
        }
        let Some(f) = found.get(r) else {
            return unknown_actor("other", "", None, None, None);
        };
        let name = f
            .name
            .map_or_else(|| f.span.slice(text), |(s, _)| s.slice(text));
        let d = &self.dict;
        let country = |c: u32| d.countries.get(c as usize);
        match &f.who {
            Who::Country(c) => match country(*c) {
                Some(c) => Actor {
                    id: format!("country:{}", c.code),
                    name: c.name.clone(),
                    code: c.code.clone(),
                    country: Some(c.code.clone()),
                    role: None,
                },
                None => unknown_actor("place", name, None, None, None),
            },
            Who::Sector { country: c, sector } => {
                let label = d
                    .sector(sector)
                    .and_then(|s| d.sectors.get(s))
                    .map_or(sector.as_str(), |s| s.label.as_str());
                match c.and_then(country) {
                    Some(c) => Actor {
                        id: format!("sector:{}{}", c.code, sector),
                        name: format!("{} {}", c.name, label),
                        code: format!("{}{}", c.code, sector),
                        country: Some(c.code.clone()),
                        role: None,
                    },
                    None => Actor {
                        id: format!("sector:{sector}"),
                        name: label.to_string(),
                        code: sector.clone(),
                        country: None,
                        role: None,
                    },
                }
            }
            Who::Igo(g) => match d.igos.get(*g as usize) {
                Some(g) => Actor {
                    id: format!("igo:{}", g.code),
                    name: g.name.clone(),
                    code: g.code.clone(),
                    country: None,
                    role: None,
                },
                None => unknown_actor("organization", name, None, None, None),
            },
            Who::Group(g) => match d.groups.get(*g as usize) {
                Some(g) => {
                    let code = match (&g.country, &g.sector) {
                        (Some(c), Some(s)) => format!("{c}{s}"),
                        _ => g.code.clone(),
                    };
                    Actor {
                        id: format!("group:{}", g.code),
                        name: g.name.clone(),
                        code,
                        country: g.country.clone(),
                        role: None,
                    }
                }
                None => unknown_actor("group", name, None, None, None),
            },
            Who::Person(p) => match d.people.get(*p as usize) {
                Some(p) => {
                    let (code, country, role) = coded_role(&p.role_at(date));
                    Actor {
                        id: format!("person:{}", slug(&p.name)),
                        name: p.name.clone(),
                        code,
                        country,
                        role,
                    }
                }
                None => unknown_actor("person", name, None, None, None),
            },
            Who::Named(n) => match d.named.get(*n as usize) {
                Some(n) => {
                    let person = dict::Person {
                        name: String::new(),
                        aliases: Vec::new(),
                        roles: n.roles.clone(),
                        kind: String::new(),
                    };
                    let (code, country, role) = coded_role(&person.role_at(date));
                    Actor {
                        id: format!("{}:{}", kind_word(n.kind), slug(&n.name)),
                        name: title_case(&n.name),
                        code,
                        country,
                        role,
                    }
                }
                None => unknown_actor("other", name, None, None, None),
            },
            Who::Unknown {
                country: c,
                title,
                former,
            } => {
                let c = c.and_then(country).map(|c| c.code.as_str());
                let t = title.and_then(|t| self.titles.list.get(t as usize));
                let sector = t.map(|t| t.sector.as_str()).filter(|s| !s.is_empty());
                let role = t.map(|t| t.role.clone());
                let (sector, role) = if *former {
                    (Some("ELI"), role.map(|r| format!("former {r}")))
                } else {
                    (sector, role)
                };
                unknown_actor(kind_word(f.kind), name, c, sector, role)
            }
            Who::Role { country: c, title } => {
                let cc = country(*c);
                let code3 = cc.map_or("---", |c| c.code.as_str());
                let (role, sector) = self
                    .titles
                    .list
                    .get(*title as usize)
                    .map_or(("official", ""), |t| (t.role.as_str(), t.sector.as_str()));
                Actor {
                    id: format!("role:{}:{}", code3, slug(role)),
                    name: format!(
                        "{} {}",
                        cc.map_or("unknown country", |c| c.name.as_str()),
                        role
                    ),
                    code: format!("{code3}{sector}"),
                    country: cc.map(|c| c.code.clone()),
                    role: Some(role.to_string()),
                }
            }
            Who::Same(_) => unknown_actor("other", name, None, None, None),
        }
    }
}

/// Code, country and role of a person (or PETRARCH entry) in the standing they have on the
/// article's date (see the module documentation).
fn coded_role(st: &Standing<'_>) -> (String, Option<String>, Option<String>) {
    let role_text = |r: &dict::Role| (!r.role.is_empty()).then(|| r.role.clone());
    match st {
        Standing::InOffice(r) => {
            let code = match (&r.code, &r.country, &r.sector) {
                (Some(code), _, _) => code.clone(),
                (None, Some(c), Some(s)) => format!("{c}{s}"),
                (None, Some(c), None) => c.clone(),
                (None, None, Some(s)) => format!("---{s}"),
                (None, None, None) => "---".into(),
            };
            (code, r.country.clone(), role_text(r))
        }
        Standing::Former(r) => {
            let c = r.country.clone();
            let code = format!("{}ELI", c.as_deref().unwrap_or("---"));
            (code, c, role_text(r).map(|x| format!("former {x}")))
        }
        Standing::Before(r) => {
            let c = r.country.clone();
            (c.clone().unwrap_or_else(|| "---".into()), c, None)
        }
        Standing::None => ("---".into(), None, None),
    }
}

fn unknown_actor(
    kind: &str,
    name: &str,
    country: Option<&str>,
    sector: Option<&str>,
    role: Option<String>,
) -> Actor {
    let mut id = String::with_capacity(kind.len() + 1 + name.len());
    id.push_str(kind);
    id.push(':');
    slug_into(name, &mut id);
    let (c, s) = (country.unwrap_or("---"), sector.unwrap_or(""));
    let mut code = String::with_capacity(c.len() + s.len());
    code.push_str(c);
    code.push_str(s);
    Actor {
        id,
        name: name.to_string(),
        code,
        country: country.map(str::to_string),
        role,
    }
}

fn kind_word(k: MentionKind) -> &'static str {
    match k {
        MentionKind::Person => "person",
        MentionKind::Organization => "organization",
        MentionKind::Government => "government",
        MentionKind::Country => "country",
        MentionKind::Place => "place",
        MentionKind::Group => "group",
        MentionKind::Nationality => "nationality",
        MentionKind::Other => "other",
    }
}

/// "abbas-araghchi" from "Abbas Araghchi": lower case, runs of other characters as one
/// dash.
pub fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    slug_into(s, &mut out);
    out
}

/// [`slug`] of `s` appended to `out`.
fn slug_into(s: &str, out: &mut String) {
    let start = out.len();
    let mut dash = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
            if dash && out.len() > start {
                out.push('-');
            }
            dash = false;
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        } else {
            dash = true;
        }
    }
}

/// "Hamid Karzai" from PETRARCH's "HAMID KARZAI".
fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphanumeric();
    }
    out
}

/// The article's actors ranked by salience (see the module documentation).
pub fn rank(mentions: &[Mention], headline_ids: &[String]) -> Vec<ArticleActor> {
    let mut by_id: lexicon::WordMap<&str, usize> = lexicon::WordMap::default();
    let mut out: Vec<ArticleActor> = Vec::new();
    // mentions per kind, indexed by `kind_order`
    let mut kinds: Vec<[usize; 8]> = Vec::new();
    for m in mentions {
        let Some(a) = &m.actor else { continue };
        let i = *by_id.entry(a.id.as_str()).or_insert_with(|| {
            out.push(ArticleActor {
                actor: a.clone(),
                kind: m.kind,
                mentions: 0,
                first_sentence: m.evidence.sentence,
                in_headline: headline_ids.iter().any(|h| h == &a.id),
                salience: 0.0,
            });
            kinds.push([0; 8]);
            out.len() - 1
        });
        out[i].mentions += 1;
        if let Some(n) = kinds
            .get_mut(i)
            .and_then(|k| k.get_mut(usize::from(kind_order(m.kind))))
        {
            *n += 1;
        }
    }
    for (a, k) in out.iter_mut().zip(kinds.iter()) {
        // the most frequent kind, ties to the higher `kind_order`
        if let Some((kind, _)) = KINDS_BY_ORDER
            .iter()
            .zip(k.iter())
            .filter(|(_, n)| **n > 0)
            .max_by_key(|(kind, n)| (**n, kind_order(**kind)))
        {
            a.kind = *kind;
        }
        // a bare sector ("officials", "troops": no country) is a weak actor: half weight
        let weight = if a.actor.id.starts_with("sector:") && a.actor.country.is_none() {
            0.5
        } else {
            1.0
        };
        a.salience = weight
            * (a.mentions as f32
                + if a.in_headline { 2.0 } else { 0.0 }
                + 1.5 / (1.0 + a.first_sentence as f32));
    }
    out.sort_by(|a, b| {
        b.salience
            .total_cmp(&a.salience)
            .then(a.first_sentence.cmp(&b.first_sentence))
            .then(a.actor.id.cmp(&b.actor.id))
    });
    out
}

/// The kinds in [`kind_order`]'s order.
const KINDS_BY_ORDER: [MentionKind; 8] = [
    MentionKind::Other,
    MentionKind::Nationality,
    MentionKind::Place,
    MentionKind::Country,
    MentionKind::Group,
    MentionKind::Organization,
    MentionKind::Government,
    MentionKind::Person,
];

/// Tie-break of kinds (deterministic output).
fn kind_order(k: MentionKind) -> u8 {
    match k {
        MentionKind::Person => 7,
        MentionKind::Government => 6,
        MentionKind::Organization => 5,
        MentionKind::Group => 4,
        MentionKind::Country => 3,
        MentionKind::Place => 2,
        MentionKind::Nationality => 1,
        MentionKind::Other => 0,
    }
}

/// The actors stage of the pipeline.
#[derive(Debug, Clone)]
pub struct Actors {
    rec: Arc<Recogniser>,
}

impl Actors {
    /// With the embedded dictionaries.
    pub fn builtin() -> Self {
        Actors {
            rec: Recogniser::builtin(),
        }
    }

    /// With dictionaries of the caller's (the embedded ones plus user files, typically).
    pub fn new(rec: Arc<Recogniser>) -> Self {
        Actors { rec }
    }
}

impl Stage for Actors {
    fn name(&self) -> &'static str {
        "actors"
    }

    fn run(&self, doc: &Doc<'_>, out: &mut Analysis) {
        self.rec.analyse(doc, out);
    }
}

impl crate::Pipeline {
    /// The default pipeline with `config`, its actors stage using `actors` (the embedded
    /// dictionaries plus the user's `--actors` files).
    pub fn with_actors(config: crate::Config, actors: Arc<Recogniser>) -> crate::Pipeline {
        let mut p = crate::Pipeline::new(config);
        for s in &mut p.stages {
            if s.name() == "actors" {
                *s = Box::new(Actors::new(actors.clone()));
            }
        }
        p
    }
}

/// Load a user dictionary file's text: ours (a `#columns:` line) or PETRARCH's, on top of
/// `base`. Returns warnings for PETRARCH lines read only in part.
pub fn add_user_dictionary(
    base: &mut Dictionary,
    file: &str,
    text: &str,
) -> Result<Vec<String>, DictError> {
    let ours = text.lines().any(|l| {
        l.trim_start()
            .strip_prefix('#')
            .is_some_and(|r| r.trim_start().starts_with("columns:"))
    });
    if ours {
        base.add_tsv(file, text).map(|_| Vec::new())
    } else {
        base.add_phoenix(file, text)
    }
}

/// Whether a sector code is a state institution (for mention kinds).
pub fn state_sector(code: &str) -> bool {
    is_state_sector(code)
}

#[cfg(test)]
mod tests;
