//! Reader of PETRARCH/Phoenix actor dictionaries (`*.actors.txt`), so that analysts can
//! reuse the dictionaries they already have with `--actors FILE`.
//!
//! The format, as the Phoenix files use it:
//!
//! ```text
//! # a comment (also after an entry)
//! HAMID_KARZAI_  # a primary name: words joined by `_`
//! +KARZAI_       # a synonym of the entry above
//! +PRESIDENT_KARZAI_
//!     [AFGELI 750101-000101]   # a code with a date range (YYMMDD or YYYYMMDD)
//!     [AFGGOV >011222]         # from that day on
//!     [AFGELI]                 # undated: the default
//! IAEA_ [IGOUNOIAEA]           # codes may follow the name on its line
//! ```
//!
//! How we read it:
//! * A phrase ending in `_` matches whole words; without the final `_` its last word also
//!   matches as a prefix (`AFGHAN` matches "Afghans"), as in PETRARCH.
//! * Names are written in capitals, so they match in any case, but only where the text
//!   capitalises the first letter (a proper noun); names of three letters or fewer
//!   ("UN", "US") match only in capitals, so "us" the pronoun is never the United States.
//! * Two-digit years: `00`–`29` are 20xx, `30`–`99` are 19xx. `<D` means until D, `>D`
//!   from D, `D-E` from D to E; a role without dates applies when no dated one does.
//! * `[FRO/BIL/SAM]` names several actors at once (a group under one name); the event
//!   coder makes one event per member.
//! * `[---]` (no code) roles are skipped. A date we cannot read is dropped with a warning
//!   and the role kept. Names on consecutive lines with no code between them share the
//!   codes that follow; an entry left without any code is skipped with a warning.
//! * What the entry is, PETRARCH does not say: a bare three-letter country code makes it a
//!   country name, `IGO`/`NGO` codes an organisation, codes with `REB`, `INS`, `IMG`, `UAF`
//!   a group; otherwise a name of two to four words without an organisation word
//!   ("Army", "Party", "Front"...) is a person, anything else an organisation.

use super::dict::{DictError, Dictionary, Named, Role};
use chrono::NaiveDate;
use newsdesk_core::MentionKind;

/// A line of a PETRARCH file we could read only in part.
pub type Warning = String;

/// Words that make a PETRARCH name an organisation rather than a person.
const ORG_WORDS: &[&str] = &[
    "ARMY",
    "FORCE",
    "FORCES",
    "PARTY",
    "FRONT",
    "MOVEMENT",
    "ORGANIZATION",
    "ORGANISATION",
    "BRIGADE",
    "BRIGADES",
    "GROUP",
    "GROUPS",
    "COMMITTEE",
    "COUNCIL",
    "UNION",
    "ASSOCIATION",
    "AGENCY",
    "MINISTRY",
    "BANK",
    "COURT",
    "COMMISSION",
    "FEDERATION",
    "LEAGUE",
    "INSTITUTE",
    "FUND",
    "OFFICE",
    "DEPARTMENT",
    "POLICE",
    "NAVY",
    "GUARD",
    "GUARDS",
    "MILITIA",
    "CORPS",
    "FACTION",
    "CELL",
    "NETWORK",
    "ALLIANCE",
    "COALITION",
    "GOVERNMENT",
    "PARLIAMENT",
    "ASSEMBLY",
    "SOCIETY",
    "FOUNDATION",
    "PROGRAMME",
    "PROGRAM",
    "INITIATIVE",
    "CENTER",
    "CENTRE",
    "NATIONS",
    "CROSS",
    "CRESCENT",
];

impl Dictionary {
    /// Add the entries of a PETRARCH/Phoenix actor file. Returns warnings for lines read
    /// only in part; fails only when nothing in the file looks like an actor dictionary.
    pub fn add_phoenix(&mut self, file: &str, text: &str) -> Result<Vec<Warning>, DictError> {
        let mut warnings = Vec::new();
        let mut current: Option<(Entry, usize)> = None;
        let mut added = 0usize;
        let mut blank_since = false;
        for (n, raw) in text.split('\n').enumerate() {
            let line_no = n + 1;
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            let trimmed = line.trim();
            if trimmed.is_empty() {
                blank_since = true;
                continue;
            }
            if trimmed.starts_with('#') || trimmed.starts_with("<!--") || trimmed.ends_with("-->") {
                continue;
            }
            let body = strip_comment(line);
            if body.trim().is_empty() {
                continue;
            }
            let starts_blank = line.starts_with([' ', '\t']);
            if starts_blank && body.trim_start().starts_with('[') {
                // codes of the current entry
                match current.as_mut() {
                    Some((e, _)) => parse_codes(body, &mut e.codes, file, line_no, &mut warnings),
                    None => warnings.push(format!("{file}:{line_no}: a code with no name")),
                }
                continue;
            }
            let after_blank = std::mem::replace(&mut blank_since, false);
            if let Some(syn) = body.trim_start().strip_prefix('+') {
                let (name, codes) = split_name(syn);
                match current.as_mut() {
                    Some((e, _)) => {
                        if let Some(p) = phrase(name) {
                            e.names.push(p);
                        }
                        parse_codes(codes, &mut e.codes, file, line_no, &mut warnings);
                    }
                    None => warnings.push(format!("{file}:{line_no}: a synonym with no name")),
                }
                continue;
            }
            // a new primary name; names without codes right before it (no blank line
            // between) share its codes, as in "IVO_JOSIPOVIC_ / JOSIPOVIC_ / [HRVGOV]"
            let mut e = Entry::default();
            if let Some((prev, at)) = current.take() {
                if prev.codes.is_empty() && !after_blank {
                    e.names = prev.names;
                } else {
                    added += self.finish(prev, file, at, &mut warnings);
                }
            }
            let (name, codes) = split_name(body.trim());
            if let Some(p) = phrase(name) {
                e.names.push(p);
            }
            parse_codes(codes, &mut e.codes, file, line_no, &mut warnings);
            current = Some((e, line_no));
        }
        if let Some((e, at)) = current.take() {
            added += self.finish(e, file, at, &mut warnings);
        }
        if added == 0 {
            return Err(DictError::File {
                file: file.to_string(),
                message: "no actor with a code: not a PETRARCH actor dictionary".into(),
            });
        }
        Ok(warnings)
    }

    /// Turn a parsed entry into a [`Named`]; returns 1 when it was added.
    fn finish(&mut self, e: Entry, file: &str, line: usize, warnings: &mut Vec<Warning>) -> usize {
        let Some(first) = e.names.first() else {
            return 0;
        };
        let codes: Vec<Code> = e.codes.into_iter().filter(|c| c.code != "---").collect();
        if codes.is_empty() {
            warnings.push(format!(
                "{file}:{line}: {} has no code; skipped",
                first.text
            ));
            return 0;
        }
        let country_of = |code: &str| -> Option<String> {
            let c = code.get(..3)?;
            self.country(c).map(|_| c.to_string())
        };
        let roles: Vec<Role> = codes
            .iter()
            .map(|c| Role {
                country: country_of(&c.code),
                sector: None,
                role: String::new(),
                start: c.start,
                end: c.end,
                code: Some(c.code.clone()),
            })
            .collect();
        let kind = guess_kind(&first.text, &codes, |c| country_of(c).is_some());
        self.named.push(Named {
            name: first.text.clone(),
            aliases: e.names.iter().skip(1).map(|p| p.text.clone()).collect(),
            kind,
            roles,
            prefix: e.names.iter().map(|p| p.prefix).collect(),
        });
        1
    }
}

#[derive(Default)]
struct Entry {
    names: Vec<Phrase>,
    codes: Vec<Code>,
}

struct Phrase {
    /// Words joined by single spaces, as written (capitals).
    text: String,
    /// No final `_`: the last word matches as a prefix.
    prefix: bool,
}

struct Code {
    code: String,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
}

/// The part of a line before a `#` comment that is outside brackets.
fn strip_comment(line: &str) -> &str {
    let mut depth = 0i32;
    for (i, c) in line.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            '#' if depth <= 0 => return &line[..i],
            _ => {}
        }
    }
    line
}

/// Split `NAME_ [CODE] [CODE]` into the name and the codes part.
fn split_name(s: &str) -> (&str, &str) {
    match s.find('[') {
        Some(i) => (s[..i].trim(), &s[i..]),
        None => (s.trim(), ""),
    }
}

/// A PETRARCH phrase (`BAN_KI-MOON_`) as words joined by spaces.
fn phrase(name: &str) -> Option<Phrase> {
    let prefix = !name.ends_with('_');
    let text = name
        .split(['_', ' '])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if text.is_empty() || !text.chars().any(char::is_alphanumeric) {
        return None;
    }
    Some(Phrase { text, prefix })
}

/// Parse every `[CODE dates]` in `s`.
fn parse_codes(s: &str, out: &mut Vec<Code>, file: &str, line: usize, w: &mut Vec<Warning>) {
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']') else {
            w.push(format!("{file}:{line}: unclosed ["));
            return;
        };
        let inner = rest[open + 1..open + close].trim();
        rest = &rest[open + close + 1..];
        let (code, dates) = match inner.find(char::is_whitespace) {
            Some(i) => (&inner[..i], inner[i..].trim()),
            None => (inner, ""),
        };
        if code.is_empty() {
            continue;
        }
        // `FRO/BIL/SAM`: one name for several actors (each coded in its events)
        let group_ok = code
            .split('/')
            .all(|c| !c.is_empty() && c.bytes().all(|b| b.is_ascii_alphanumeric()));
        if code != "---" && !group_ok {
            w.push(format!("{file}:{line}: code {code:?} skipped"));
            continue;
        }
        let code = code.to_ascii_uppercase();
        let (start, end) = parse_dates(dates).unwrap_or_else(|bad| {
            w.push(format!(
                "{file}:{line}: date {bad:?} not understood; dropped"
            ));
            (None, None)
        });
        out.push(Code { code, start, end });
    }
}

/// `""`, `>D`, `<D`, `D-E` (spaces allowed).
fn parse_dates(s: &str) -> Result<(Option<NaiveDate>, Option<NaiveDate>), String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok((None, None));
    }
    if let Some(d) = s.strip_prefix('>') {
        return Ok((Some(day(d.trim())?), None));
    }
    if let Some(d) = s.strip_prefix('<') {
        return Ok((None, Some(day(d.trim())?)));
    }
    let (a, b) = s.split_once('-').ok_or_else(|| s.to_string())?;
    Ok((Some(day(a.trim())?), Some(day(b.trim())?)))
}

/// `YYMMDD` or `YYYYMMDD`.
fn day(s: &str) -> Result<NaiveDate, String> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(s.to_string());
    }
    let full = match s.len() {
        6 => {
            let yy: u32 = s[..2].parse().map_err(|_| s.to_string())?;
            format!("{}{s}", if yy < 30 { "20" } else { "19" })
        }
        8 => s.to_string(),
        _ => return Err(s.to_string()),
    };
    NaiveDate::parse_from_str(&full, "%Y%m%d").map_err(|_| s.to_string())
}

/// What a PETRARCH entry is (see the module documentation).
fn guess_kind(name: &str, codes: &[Code], is_country: impl Fn(&str) -> bool) -> MentionKind {
    let first = &codes[0].code;
    if first.len() == 3 && is_country(first) && codes.iter().all(|c| c.start.is_none()) {
        return MentionKind::Country;
    }
    if first.starts_with("IGO") || first.starts_with("NGO") || first.starts_with("NGM") {
        return MentionKind::Organization;
    }
    let tail = first.get(3..).unwrap_or("");
    if first.starts_with("IMG")
        || ["REB", "INS", "UAF", "IMG", "SEP"]
            .iter()
            .any(|t| tail.contains(t))
    {
        return MentionKind::Group;
    }
    let words: Vec<&str> = name.split(' ').collect();
    let orgish = words
        .iter()
        .any(|w| ORG_WORDS.contains(&w.to_ascii_uppercase().as_str()));
    if (2..=4).contains(&words.len()) && !orgish {
        MentionKind::Person
    } else {
        MentionKind::Organization
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::dict::Standing;

    fn with_countries() -> Dictionary {
        let mut d = Dictionary::default();
        d.add_tsv(
            "c.tsv",
            "#columns:\tcode\tname\taliases\tadjectives\tcapitals\tseats\nAFG\tAfghanistan\t\tAfghan\tKabul\t\nIRN\tIran\t\tIranian\tTehran\t\n",
        )
        .unwrap();
        d
    }

    #[test]
    fn reads_blocks_synonyms_and_dated_roles() {
        let text = "# header\n\nAFGHANISTAN_  [AFG]\n+AFGHAN\n\nHAMID_KARZAI_  # CountryInfo.txt\n+KARZAI_\n+PRESIDENT_KARZAI_\n\t[AFGELI 750101-000101]\n\t[AFGGOV >011222]\n\t[AFGELI]\nIAEA_\t[IGOUNOIAE]# Intl Atomic Energy Agency\nSOMEONE_ [---]\n\nIVO_JOSIPOVIC_\nJOSIPOVIC_\n\t[HRVGOV >20120219]\nBAN_KI-MOON_ [IGOUNO >20070101] [KORGOVBUS 2004017-20061201]\n";
        let mut d = with_countries();
        let w = d.add_phoenix("x.actors.txt", text).unwrap();
        assert_eq!(d.named.len(), 5, "{:?}", d.named);
        let afg = &d.named[0];
        assert_eq!(afg.kind, MentionKind::Country);
        assert_eq!(afg.aliases, vec!["AFGHAN"]);
        assert_eq!(afg.prefix, vec![false, true]);
        let karzai = &d.named[1];
        assert_eq!(karzai.name, "HAMID KARZAI");
        assert_eq!(karzai.kind, MentionKind::Person);
        assert_eq!(karzai.roles.len(), 3);
        assert_eq!(karzai.roles[0].start, NaiveDate::from_ymd_opt(1975, 1, 1));
        assert_eq!(karzai.roles[0].end, NaiveDate::from_ymd_opt(2000, 1, 1));
        assert_eq!(karzai.roles[1].start, NaiveDate::from_ymd_opt(2001, 12, 22));
        assert_eq!(karzai.roles[1].country.as_deref(), Some("AFG"));
        assert_eq!(d.named[2].kind, MentionKind::Organization);
        // SOMEONE has only a null code: skipped with a warning; the bad date is dropped
        assert!(w.iter().any(|w| w.contains("SOMEONE")), "{w:?}");
        assert!(w.iter().any(|w| w.contains("2004017")), "{w:?}");
        assert_eq!(d.named[3].name, "IVO JOSIPOVIC");
        assert_eq!(d.named[3].aliases, vec!["JOSIPOVIC"]);
        assert_eq!(d.named[4].roles.len(), 2);
    }

    #[test]
    fn group_codes_are_read_and_broken_ones_named() {
        let mut d = with_countries();
        let w = d
            .add_phoenix(
                "g.txt",
                "THE_LEAGUE  [AAA/BBB/CCC]
BROKEN_BAND  [AAA//BBB]
",
            )
            .unwrap();
        assert_eq!(d.named.len(), 1, "{:?}", d.named);
        assert_eq!(d.named[0].roles[0].code.as_deref(), Some("AAA/BBB/CCC"));
        assert!(w.iter().any(|w| w.contains("AAA//BBB")), "{w:?}");
    }

    #[test]
    fn dated_roles_follow_the_date() {
        let mut d = with_countries();
        d.add_phoenix(
            "y.txt",
            "GOLLUM  # pas\n+SMEAGOL\n\t[IRN < 950601]\n\t[IRNGOV 19950601 - 19990815]\n",
        )
        .unwrap();
        let p = &d.named[0];
        let person = crate::actors::dict::Person {
            name: p.name.clone(),
            aliases: vec![],
            roles: p.roles.clone(),
            kind: String::new(),
        };
        let day = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
        assert!(
            matches!(person.role_at(day(1997, 1, 1)), Standing::InOffice(r) if r.code.as_deref() == Some("IRNGOV"))
        );
        assert!(
            matches!(person.role_at(day(1990, 1, 1)), Standing::InOffice(r) if r.code.as_deref() == Some("IRN"))
        );
    }

    #[test]
    fn the_shared_phoenix_samples_load() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/eval/events/dicts");
        for f in [
            "Phoenix.Countries.actors.txt",
            "Phoenix.International.actors.txt",
            "Phoenix.MilNonState.actors.txt",
        ] {
            let Ok(text) = std::fs::read_to_string(dir.join(f)) else {
                continue; // the shared data is not on every machine
            };
            let mut d = with_countries();
            d.add_phoenix(f, &text).unwrap();
            assert!(d.named.len() > 100, "{f}: {}", d.named.len());
        }
    }

    #[test]
    fn not_a_dictionary_is_an_error() {
        let mut d = Dictionary::default();
        let e = d
            .add_phoenix("z.txt", "hello world\nno codes here\n")
            .unwrap_err();
        assert!(e.to_string().starts_with("z.txt: "), "{e}");
    }
}
