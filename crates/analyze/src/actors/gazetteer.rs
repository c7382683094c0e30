//! One aho-corasick automaton over every alias of every dictionary, and the checks a raw
//! match must pass to become a candidate mention: word boundaries on both sides and the
//! alias's case rule.
//!
//! Why one automaton: it finds all dictionary names of an article in a single pass over its
//! bytes, whatever the number of aliases, which is what keeps the recogniser far above a
//! million tokens a second. The automaton runs ASCII-case-insensitively and leftmost-longest
//! ("United States Army" before "United States"); the case rule of the alias is checked
//! afterwards, and when the longest alias at a position fails its checks, the next
//! shorter one starting there is tried.

use super::dict::Dictionary;
use super::lexicon::Lexicon;
use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};
use std::collections::HashMap;

/// What an alias names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sense {
    /// A country's name or alias (index into `Dictionary::countries`).
    Country(u32),
    /// A country's adjective or demonym ("Iranian").
    Adjective(u32),
    /// The plural of a demonym ("Iranians").
    Plural(u32),
    /// A country's capital: a place or, as a metonym, its government.
    Capital(u32),
    /// A seat of power: country and sector index (`Dictionary::sectors`).
    Seat(u32, u32),
    Igo(u32),
    Group(u32),
    /// A sector term ("lawmakers") (index into `Dictionary::sectors`).
    SectorTerm(u32),
    Person(u32),
    /// A PETRARCH entry (index into `Dictionary::named`).
    Named(u32),
    /// A city, state or region from the lexicon: a place without an actor code.
    Place,
}

impl Sense {
    /// Which sense wins when one alias has several (data/README.md: "the more specific
    /// kind wins: people, then groups, then igos, then countries, then sectors"), our
    /// dictionaries before PETRARCH's, the lexicon's places last.
    fn rank(self) -> u8 {
        match self {
            Sense::Person(_) => 0,
            Sense::Group(_) => 2,
            Sense::Igo(_) => 3,
            Sense::Seat(..) => 4,
            Sense::Country(_) => 5,
            Sense::Capital(_) => 6,
            Sense::Adjective(_) => 7,
            Sense::Plural(_) => 8,
            Sense::SectorTerm(_) => 9,
            // user PETRARCH entries after ours: same alias, our more specific sense wins
            Sense::Named(_) => 10,
            Sense::Place => 11,
        }
    }
}

/// How the text's case must agree with an alias.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseRule {
    /// As written ("US" is not "us"); in an all-caps sentence the upper-case form too, and at
    /// a sentence start the form with a capital first letter ("Al-Qaeda").
    Exact,
    /// Written all in lower case: any case ("lawmakers", "Lawmakers").
    Any,
    /// Any case, but the text must start with a capital (PETRARCH names and lexicon
    /// places, which are written in one case only).
    Proper,
}

/// One alias of one sense.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// What the alias names.
    pub sense: Sense,
    /// How the text's case must agree with it.
    pub case: CaseRule,
    /// The alias as written, for the exact-case check.
    pub text: String,
    /// The last word may be a prefix of the text's word (PETRARCH stems).
    pub prefix: bool,
}

/// A checked match: byte span and the alias it matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GazMatch {
    /// Byte offset of the first byte of the match.
    pub start: usize,
    /// Byte offset after the match (past a PETRARCH stem's word end).
    pub end: usize,
    /// Index into [`Gazetteer::aliases`].
    pub alias: u32,
}

/// The automaton and what its patterns mean.
pub struct Gazetteer {
    ac: Option<AhoCorasick>,
    /// For each pattern, the aliases (by rank) it stands for.
    pattern_aliases: Vec<Vec<u32>>,
    /// Every alias, indexed by [`GazMatch::alias`].
    pub aliases: Vec<Alias>,
}

impl Gazetteer {
    /// Build the automaton over every alias of `dict` and the lexicon's places.
    pub fn build(dict: &Dictionary) -> Gazetteer {
        let mut b = Builder::default();
        for (i, c) in dict.countries.iter().enumerate() {
            let i = i as u32;
            // the name is matched only as one of the aliases, unless there are none
            if c.aliases.is_empty() {
                b.add(&c.name, Sense::Country(i), false);
            }
            for a in &c.aliases {
                b.add(a, Sense::Country(i), false);
            }
            for a in &c.adjectives {
                // "Iranians", "Britons": a plural names people, not a modifier
                let plural = a.ends_with('s') && !a.ends_with("ss") && a.len() > 3;
                let sense = if plural {
                    Sense::Plural(i)
                } else {
                    Sense::Adjective(i)
                };
                b.add(a, sense, false);
            }
            for a in &c.capitals {
                b.add(a, Sense::Capital(i), false);
            }
            for (name, sector) in &c.seats {
                if let Some(s) = dict.sector(sector) {
                    b.add(name, Sense::Seat(i, s as u32), false);
                }
            }
        }
        for (i, g) in dict.igos.iter().enumerate() {
            if g.aliases.is_empty() {
                b.add(&g.name, Sense::Igo(i as u32), false);
            }
            for a in &g.aliases {
                b.add(a, Sense::Igo(i as u32), false);
            }
        }
        for (i, g) in dict.groups.iter().enumerate() {
            if g.aliases.is_empty() {
                b.add(&g.name, Sense::Group(i as u32), false);
            }
            for a in &g.aliases {
                b.add(a, Sense::Group(i as u32), false);
            }
        }
        for (i, s) in dict.sectors.iter().enumerate() {
            for t in &s.terms {
                b.add(t, Sense::SectorTerm(i as u32), false);
            }
        }
        for (i, p) in dict.people.iter().enumerate() {
            b.add(&p.name, Sense::Person(i as u32), false);
            for a in &p.aliases {
                b.add(a, Sense::Person(i as u32), false);
            }
        }
        for (i, n) in dict.named.iter().enumerate() {
            let names = std::iter::once(&n.name).chain(n.aliases.iter());
            for (k, name) in names.enumerate() {
                let prefix = n.prefix.get(k).copied().unwrap_or(false);
                b.add_proper(name, Sense::Named(i as u32), prefix);
            }
        }
        for &p in Lexicon::get().places.iter() {
            b.add_proper(p, Sense::Place, false);
        }
        b.finish()
    }

    /// All checked matches in `text`, in order, not overlapping. `caps(i)` tells whether
    /// byte `i` is in an all-caps sentence; `sentence_start(i)` whether a sentence (or a
    /// quotation) starts at byte `i`.
    pub fn find(
        &self,
        text: &str,
        caps: impl Fn(usize) -> bool,
        sentence_start: impl Fn(usize) -> bool,
        out: &mut Vec<GazMatch>,
    ) {
        out.clear();
        let Some(ac) = &self.ac else { return };
        let mut pos = 0usize;
        while pos < text.len() {
            let Some(m) = ac.find(Input::new(text).span(pos..text.len())) else {
                break;
            };
            let (start, mut end) = (m.start(), m.end());
            let mut pattern = m.pattern().as_usize();
            let found = loop {
                if let Some(hit) = self.check(text, start, end, pattern, &caps, &sentence_start) {
                    break Some(hit);
                }
                // a shorter alias starting at the same place?
                if end <= start + 1 {
                    break None;
                }
                let shorter = ac.find(
                    Input::new(text)
                        .span(start..end - 1)
                        .anchored(Anchored::Yes),
                );
                match shorter {
                    Some(s) => {
                        end = s.end();
                        pattern = s.pattern().as_usize();
                    }
                    None => break None,
                }
            };
            match found {
                Some(hit) => {
                    pos = hit.end.max(start + 1);
                    out.push(hit);
                }
                None => pos = next_char(text, start),
            }
        }
    }

    /// Boundary and case checks of one raw match.
    fn check(
        &self,
        text: &str,
        start: usize,
        end: usize,
        pattern: usize,
        caps: &impl Fn(usize) -> bool,
        sentence_start: &impl Fn(usize) -> bool,
    ) -> Option<GazMatch> {
        let before = text.get(..start)?.chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric()) {
            return None;
        }
        let matched = text.get(start..end)?;
        let after_alnum = text
            .get(end..)?
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric);
        // an alias ending in a joiner-free word must not run into the next letters
        for &a in self.pattern_aliases.get(pattern)? {
            let alias = &self.aliases[a as usize];
            let mut e = end;
            if after_alnum && !matched.ends_with('.') {
                if !alias.prefix {
                    continue;
                }
                e = word_end(text, end);
            }
            if case_ok(alias, matched, start, caps, sentence_start) {
                return Some(GazMatch {
                    start,
                    end: e,
                    alias: a,
                });
            }
        }
        None
    }
}

fn next_char(text: &str, i: usize) -> usize {
    let mut j = i + 1;
    while j < text.len() && !text.is_char_boundary(j) {
        j += 1;
    }
    j
}

fn word_end(text: &str, i: usize) -> usize {
    let rest = text.get(i..).unwrap_or("");
    i + rest
        .char_indices()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(rest.len(), |(k, _)| k)
}

fn case_ok(
    alias: &Alias,
    matched: &str,
    start: usize,
    caps: &impl Fn(usize) -> bool,
    sentence_start: &impl Fn(usize) -> bool,
) -> bool {
    match alias.case {
        CaseRule::Any => true,
        CaseRule::Proper => {
            matched.chars().next().is_some_and(|c| !c.is_lowercase())
                && (caps(start)
                    || !is_all_upper(matched)
                    || alias.text.len() <= 4
                    || sentence_start(start))
        }
        CaseRule::Exact => {
            if matched == alias.text {
                return true;
            }
            // an all-caps headline, or a dateline ("WASHINGTON (AP) —", "THE HAGUE,")
            let letters = matched.chars().filter(|c| c.is_alphabetic()).count();
            if is_all_upper(matched) && (caps(start) || (sentence_start(start) && letters >= 4)) {
                return true;
            }
            // "Al-Qaeda" for "al-Qaeda" at the start of a sentence
            if sentence_start(start) {
                let mut a = alias.text.chars();
                let mut m = matched.chars();
                if let (Some(ac), Some(mc)) = (a.next(), m.next()) {
                    return ac.to_uppercase().eq(std::iter::once(mc)) && a.eq(m);
                }
            }
            false
        }
    }
}

fn is_all_upper(s: &str) -> bool {
    !s.chars().any(char::is_lowercase)
}

#[derive(Default)]
struct Builder {
    /// ASCII-lower-cased pattern → index.
    index: HashMap<String, usize>,
    patterns: Vec<String>,
    pattern_aliases: Vec<Vec<u32>>,
    aliases: Vec<Alias>,
}

impl Builder {
    /// Add an alias of our dictionaries: lower case matches any case, else exact. A leading
    /// lower-case "the " is not part of the name ("the Pentagon" matches "Pentagon").
    fn add(&mut self, alias: &str, sense: Sense, prefix: bool) {
        let alias = alias.trim();
        let alias = alias.strip_prefix("the ").unwrap_or(alias).trim();
        let case = if alias.chars().any(char::is_uppercase) {
            CaseRule::Exact
        } else {
            CaseRule::Any
        };
        self.push(alias, sense, case, prefix);
    }

    /// Add a name written in one case only (PETRARCH capitals, lexicon lower case): it
    /// matches as a proper noun, except short all-capital names ("UN"), which match
    /// exactly so that pronouns and short words are never taken for them.
    fn add_proper(&mut self, alias: &str, sense: Sense, prefix: bool) {
        let alias = alias.trim();
        let letters = alias.chars().filter(|c| c.is_alphabetic()).count();
        let case = if letters <= 3 && is_all_upper(alias) {
            CaseRule::Exact
        } else {
            CaseRule::Proper
        };
        self.push(alias, sense, case, prefix);
    }

    fn push(&mut self, alias: &str, sense: Sense, case: CaseRule, prefix: bool) {
        if alias.is_empty() || !alias.chars().any(char::is_alphanumeric) {
            return;
        }
        // curly and straight apostrophes are one
        let mut forms = vec![alias.to_string()];
        if alias.contains('\'') {
            forms.push(alias.replace('\'', "’"));
        } else if alias.contains('’') {
            forms.push(alias.replace('’', "'"));
        }
        for form in forms {
            let key = form.to_ascii_lowercase();
            let p = match self.index.get(&key) {
                Some(&p) => p,
                None => {
                    let p = self.patterns.len();
                    self.index.insert(key, p);
                    self.patterns.push(form.clone());
                    self.pattern_aliases.push(Vec::new());
                    p
                }
            };
            let a = Alias {
                sense,
                case,
                text: form,
                prefix,
            };
            if self.pattern_aliases[p]
                .iter()
                .any(|&i| self.aliases[i as usize] == a)
            {
                continue;
            }
            self.pattern_aliases[p].push(self.aliases.len() as u32);
            self.aliases.push(a);
        }
    }

    fn finish(mut self) -> Gazetteer {
        let aliases = &self.aliases;
        for list in &mut self.pattern_aliases {
            list.sort_by_key(|&a| aliases[a as usize].sense.rank());
        }
        let ac = if self.patterns.is_empty() {
            None
        } else {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .start_kind(StartKind::Both)
                .build(&self.patterns)
                .ok()
        };
        Gazetteer {
            ac,
            pattern_aliases: self.pattern_aliases,
            aliases: self.aliases,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gaz() -> Gazetteer {
        let mut d = Dictionary::default();
        d.add_tsv(
            "s.tsv",
            "#columns:\tcode\tlabel\tterms\tkind\nGOV\tgovernment\tgovernment\tstate\nMIL\tmilitary\ttroops\tstate\n",
        )
        .unwrap();
        d.add_tsv(
            "c.tsv",
            "#columns:\tcode\tname\taliases\tadjectives\tcapitals\tseats\n\
             USA\tUnited States\tUnited States|US|U.S.|United States of America\tAmerican\tWashington\tthe Pentagon=MIL\n\
             IRN\tIran\tIran\tIranian|Iranians\tTehran\t\n",
        )
        .unwrap();
        d.add_tsv(
            "g.tsv",
            "#columns:\tcode\tname\taliases\tcountry\tsector\tkind\nAQ\tal-Qaeda\t\t\t\tgroup\n",
        )
        .unwrap();
        Gazetteer::build(&d)
    }

    fn find(g: &Gazetteer, text: &str, caps: bool) -> Vec<(String, Sense)> {
        let mut out = Vec::new();
        g.find(text, |_| caps, |i| i == 0, &mut out);
        out.iter()
            .map(|m| {
                (
                    text[m.start..m.end].to_string(),
                    g.aliases[m.alias as usize].sense,
                )
            })
            .collect()
    }

    #[test]
    fn case_and_boundaries() {
        let g = gaz();
        assert_eq!(
            find(
                &g,
                "Let us see: the US and Iranian troops, Iranians in USA.",
                false
            ),
            vec![
                ("US".into(), Sense::Country(0)),
                ("Iranian".into(), Sense::Adjective(1)),
                ("troops".into(), Sense::SectorTerm(1)),
                ("Iranians".into(), Sense::Plural(1)),
            ]
        );
        // longest first, then the next shorter alias when the longest fails its checks
        assert_eq!(
            find(&g, "the United States of Americana and the Pentagon", false),
            vec![
                ("United States".into(), Sense::Country(0)),
                ("Pentagon".into(), Sense::Seat(0, 1)),
            ]
        );
        assert_eq!(
            find(&g, "IRAN WARNS US", true),
            vec![
                ("IRAN".into(), Sense::Country(1)),
                ("US".into(), Sense::Country(0))
            ]
        );
        // capitals in ordinary text are not the name, except at a sentence start (a
        // dateline: "TEHRAN (AP) —")
        assert_eq!(find(&g, "shares in IRAN", false), vec![]);
        assert_eq!(
            find(&g, "IRAN WARNS", false),
            vec![("IRAN".into(), Sense::Country(1))]
        );
        assert_eq!(
            find(&g, "Al-Qaeda and al-Qaeda", false),
            vec![
                ("Al-Qaeda".into(), Sense::Group(0)),
                ("al-Qaeda".into(), Sense::Group(0))
            ]
        );
        assert_eq!(
            find(&g, "anti-Iran Iran-backed Iranx", false),
            vec![
                ("Iran".into(), Sense::Country(1)),
                ("Iran".into(), Sense::Country(1))
            ]
        );
    }
}
