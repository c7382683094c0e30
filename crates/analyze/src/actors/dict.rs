//! The actor dictionaries: our TSV files (`crates/analyze/data/*.tsv`, embedded at build
//! time) and user files added at run time (`--actors FILE`, our TSV or the PETRARCH/Phoenix
//! `.actors.txt` format, see [`super::phoenix`]).
//!
//! Why a strict loader: the dictionaries are data that people edit by hand, and a silently
//! skipped line is an actor that silently stops being recognised. Every malformed line is an
//! error naming the file and the line, and the embedded files are checked by a test.
//!
//! The common format (see `crates/analyze/data/README.md`): UTF-8, tab-separated, lines
//! starting with `#` are comments, one `#columns:` comment names the columns (it must come
//! before the first data line and decides which of the five kinds of file this is), list
//! fields are separated by `|`. Aliases match case-sensitively as written, except an alias
//! written all in lower case, which matches in any case.

use chrono::NaiveDate;
use newsdesk_core::MentionKind;
use std::collections::HashMap;

/// Why a dictionary could not be loaded. Always names the file and, for a bad line, the
/// 1-based line number, so the person who edited it can find the mistake.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DictError {
    /// A line does not follow the format.
    #[error("{file}:{line}: {message}")]
    Line {
        /// The file's name as given to the loader.
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// The file as a whole is wrong (no `#columns:` line, unknown kind).
    #[error("{file}: {message}")]
    File {
        /// The file's name as given to the loader.
        file: String,
        /// What is wrong with it.
        message: String,
    },
}

impl DictError {
    /// The error of the shared TSV reader, with the file's name.
    fn from_tsv(file: &str, e: crate::tsv::TsvError) -> Self {
        match e.line {
            Some(line) => DictError::Line {
                file: file.to_string(),
                line,
                message: e.message,
            },
            None => DictError::File {
                file: file.to_string(),
                message: e.message,
            },
        }
    }
}

/// Which of our five TSV kinds a file is, decided by its `#columns:` line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TsvKind {
    /// `countries.tsv`: `code name aliases adjectives capitals seats`.
    Countries,
    /// `igos.tsv`: `code name aliases kind`.
    Igos,
    /// `groups.tsv`: `code name aliases country sector kind`.
    Groups,
    /// `sectors.tsv`: `code label terms kind`.
    Sectors,
    /// `people.tsv`: `name aliases country sector role start end kind`.
    People,
}

impl TsvKind {
    /// The columns of this kind, in the documented order.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            TsvKind::Countries => &["code", "name", "aliases", "adjectives", "capitals", "seats"],
            TsvKind::Igos => &["code", "name", "aliases", "kind"],
            TsvKind::Groups => &["code", "name", "aliases", "country", "sector", "kind"],
            TsvKind::Sectors => &["code", "label", "terms", "kind"],
            TsvKind::People => &[
                "name", "aliases", "country", "sector", "role", "start", "end", "kind",
            ],
        }
    }

    const ALL: [TsvKind; 5] = [
        TsvKind::Countries,
        TsvKind::Igos,
        TsvKind::Groups,
        TsvKind::Sectors,
        TsvKind::People,
    ];
}

/// A state or territory: its names, demonyms, capitals and seats of power.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-3 code (`IRN`), the country part of every actor code.
    pub code: String,
    /// The usual English name, for display (and for matching when no alias is given).
    pub name: String,
    /// The forms matched in text (see the module documentation for case).
    pub aliases: Vec<String>,
    /// Adjectives and demonyms ("Iranian", "Persian"): "Iranian lawmakers" → `IRNLEG`.
    pub adjectives: Vec<String>,
    /// Capitals: a place in "in Tehran", the government in "Tehran rejected".
    pub capitals: Vec<String>,
    /// Seats of power with their sector ("the Pentagon" → `MIL`): always metonyms.
    pub seats: Vec<(String, String)>,
}

/// An intergovernmental or international organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Igo {
    /// Its full CAMEO-style code (`IGOUNOIAEA`).
    pub code: String,
    /// The usual English name, for display (and for matching when no alias is given).
    pub name: String,
    /// The forms matched in text (see the module documentation for case).
    pub aliases: Vec<String>,
    /// Free-form kind from the file (`igo`, `ngo`, `court`...), kept for display.
    pub kind: String,
}

/// A named non-state or state body: an armed group, a party, an agency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// Its own code, unique in the file (`LBNHEZ`...): the actor code when no country and
    /// sector are given.
    pub code: String,
    /// The usual English name, for display (and for matching when no alias is given).
    pub name: String,
    /// The forms matched in text (see the module documentation for case).
    pub aliases: Vec<String>,
    /// ISO-3 country, when the group belongs to one.
    pub country: Option<String>,
    /// CAMEO sector (`REB`, `MIL`, `GOV`...), when known.
    pub sector: Option<String>,
    /// Free-form kind from the file, kept for display.
    pub kind: String,
}

/// An institution or sector: what "lawmakers", "troops" or "parliament" mean in CAMEO.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sector {
    /// Three-letter CAMEO agent code (`GOV`, `MIL`, `LEG`...).
    pub code: String,
    /// A short English label ("legislature"), for actor names.
    pub label: String,
    /// The words that name it ("lawmakers", "parliament"): with a country adjective, a
    /// country name or a possessive before them, that country's institution; alone, the
    /// bare sector.
    pub terms: Vec<String>,
    /// Titles of one holder of a position in it ("foreign minister", "Gen."): written
    /// `role:...` in the file; they stand before names and are what "the minister" means.
    pub roles: Vec<String>,
    /// Free-form kind from the file (e.g. state or non-state), kept for the mention kind.
    pub kind: String,
}

/// One role a person held, with its dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    /// ISO-3 country, or `None` for an international post.
    pub country: Option<String>,
    /// CAMEO sector (`GOV`...), or `None`.
    pub sector: Option<String>,
    /// The role as written ("foreign minister").
    pub role: String,
    /// First day in the role, when known.
    pub start: Option<NaiveDate>,
    /// Last day in the role; `None` means still in it.
    pub end: Option<NaiveDate>,
    /// A full code given by the source (PETRARCH files give `IRNGOV`, `IGOUNO`...), used
    /// instead of country + sector.
    pub code: Option<String>,
}

/// A person: names and the roles they held over time. The role in force on the article's
/// publication date decides their code (see [`Person::role_at`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// The usual English name, for display (and for matching when no alias is given).
    pub name: String,
    /// The forms matched in text (see the module documentation for case).
    pub aliases: Vec<String>,
    /// Every role held, with dates: the publication date picks one.
    pub roles: Vec<Role>,
    /// Free-form kind from the file.
    pub kind: String,
}

/// How a person stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing<'a> {
    /// In this role on that day.
    InOffice(&'a Role),
    /// Left this role (the latest one that ended) before that day.
    Former(&'a Role),
    /// Every role starts after that day (this is the first of them).
    Before(&'a Role),
    /// No roles at all.
    None,
}

impl Person {
    /// The person's standing on `date`. Without a date the current role (no end) counts,
    /// else the one that ended last: an undated article is read as recent news.
    pub fn role_at(&self, date: Option<NaiveDate>) -> Standing<'_> {
        let Some(d) = date else {
            if let Some(r) = self.roles.iter().find(|r| r.end.is_none()) {
                return Standing::InOffice(r);
            }
            return match self.roles.iter().max_by_key(|r| r.end) {
                Some(r) => Standing::Former(r),
                None => Standing::None,
            };
        };
        if let Some(r) = self
            .roles
            .iter()
            .find(|r| r.start.is_none_or(|s| s <= d) && r.end.is_none_or(|e| d <= e))
        {
            return Standing::InOffice(r);
        }
        if let Some(r) = self
            .roles
            .iter()
            .filter(|r| r.end.is_some_and(|e| e < d))
            .max_by_key(|r| r.end)
        {
            return Standing::Former(r);
        }
        match self.roles.iter().min_by_key(|r| r.start) {
            Some(r) => Standing::Before(r),
            None => Standing::None,
        }
    }
}

/// A name PETRARCH files give without saying what it is: a country variant, an
/// organisation or a person is guessed from its code (see [`super::phoenix`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// The usual English name, for display (and for matching when no alias is given).
    pub name: String,
    /// The forms matched in text (see the module documentation for case).
    pub aliases: Vec<String>,
    /// What the entry is, as guessed from its code (see `phoenix`).
    pub kind: MentionKind,
    /// Its coded roles, with dates where the file gives them.
    pub roles: Vec<Role>,
    /// The aliases match as a word prefix (PETRARCH's phrase without a final `_`).
    pub prefix: Vec<bool>,
}

/// All the dictionaries, merged. Built once, then turned into a recogniser.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dictionary {
    /// From `countries.tsv`: the country part of every code.
    pub countries: Vec<Country>,
    /// From `igos.tsv`.
    pub igos: Vec<Igo>,
    /// From `groups.tsv`.
    pub groups: Vec<Group>,
    /// From `sectors.tsv`: the sector part of codes, and the titles.
    pub sectors: Vec<Sector>,
    /// From `people.tsv`, one entry per person (rows of one name merged).
    pub people: Vec<Person>,
    /// Entries from PETRARCH/Phoenix files.
    pub named: Vec<Named>,
}

/// The embedded dictionaries, in load order (sectors and countries first, since the other
/// files refer to their codes).
pub const BUILTIN: [(&str, &str); 5] = [
    ("sectors.tsv", include_str!("../../data/sectors.tsv")),
    ("countries.tsv", include_str!("../../data/countries.tsv")),
    ("igos.tsv", include_str!("../../data/igos.tsv")),
    ("groups.tsv", include_str!("../../data/groups.tsv")),
    ("people.tsv", include_str!("../../data/people.tsv")),
];

impl Dictionary {
    /// The dictionaries embedded in the binary.
    pub fn builtin() -> Result<Dictionary, DictError> {
        let mut d = Dictionary::default();
        for (name, text) in BUILTIN {
            d.add_tsv(name, text)?;
        }
        Ok(d)
    }

    /// Index of a country by ISO-3 code.
    pub fn country(&self, code: &str) -> Option<usize> {
        self.countries.iter().position(|c| c.code == code)
    }

    /// Index of a sector by code.
    pub fn sector(&self, code: &str) -> Option<usize> {
        self.sectors.iter().position(|s| s.code == code)
    }

    /// Add one of our TSV files; which kind it is follows from its `#columns:` line.
    /// References (a group's country, a person's sector) must name codes already loaded
    /// or defined in the same file.
    pub fn add_tsv(&mut self, file: &str, text: &str) -> Result<TsvKind, DictError> {
        let mut people: HashMap<String, usize> = self
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.name.clone(), i))
            .collect();
        let columns = crate::tsv::read(
            text,
            |names| parse_columns(&names.join("\t")),
            |(kind, order), _, fields| {
                // the fields in the documented column order
                let f: Vec<&str> = order.iter().map(|&k| fields[k]).collect();
                match kind {
                    TsvKind::Countries => self.add_country(&f),
                    TsvKind::Igos => self.add_igo(&f),
                    TsvKind::Groups => self.add_group(&f),
                    TsvKind::Sectors => self.add_sector(&f),
                    TsvKind::People => self.add_person(&f, &mut people),
                }
            },
        )
        .map_err(|e| DictError::from_tsv(file, e))?;
        match columns {
            Some((k, _)) => Ok(k),
            None if text.trim().is_empty() => Ok(TsvKind::Sectors),
            None => Err(DictError::File {
                file: file.to_string(),
                message: "no #columns: line naming the columns".into(),
            }),
        }
    }

    fn add_country(&mut self, f: &[&str]) -> Result<(), String> {
        let code = country_code(f[0])?;
        if self.country(&code).is_some() {
            return Err(format!("country {code} defined twice"));
        }
        let mut seats = Vec::new();
        for item in list(f[5]) {
            // NAME=SECTOR, or NAME alone for the government
            let (name, sector) = item.rsplit_once('=').unwrap_or((item.as_str(), "GOV"));
            let sector = sector_code(sector.trim())?;
            if !self.sectors.is_empty() && self.sector(&sector).is_none() {
                return Err(format!("seat {item:?}: unknown sector code {sector}"));
            }
            let name = name.trim();
            if name.is_empty() {
                return Err(format!("seat {item:?} has no name"));
            }
            seats.push((name.to_string(), sector));
        }
        self.countries.push(Country {
            code,
            name: required(f[1], "name")?,
            aliases: list(f[2]),
            adjectives: list(f[3]),
            capitals: list(f[4]),
            seats,
        });
        Ok(())
    }

    fn add_igo(&mut self, f: &[&str]) -> Result<(), String> {
        let code = upper_code(f[0], "IGO code")?;
        if self.igos.iter().any(|g| g.code == code) {
            return Err(format!("IGO {code} defined twice"));
        }
        self.igos.push(Igo {
            code,
            name: required(f[1], "name")?,
            aliases: list(f[2]),
            kind: f[3].to_string(),
        });
        Ok(())
    }

    fn add_group(&mut self, f: &[&str]) -> Result<(), String> {
        let code = upper_code(f[0], "group code")?;
        if self.groups.iter().any(|g| g.code == code) {
            return Err(format!("group {code} defined twice"));
        }
        let country = self.optional_country(f[3])?;
        let sector = self.optional_sector(f[4])?;
        self.groups.push(Group {
            code,
            name: required(f[1], "name")?,
            aliases: list(f[2]),
            country,
            sector,
            kind: f[5].to_string(),
        });
        Ok(())
    }

    fn add_sector(&mut self, f: &[&str]) -> Result<(), String> {
        let code = sector_code(f[0])?;
        if self.sector(&code).is_some() {
            return Err(format!("sector {code} defined twice"));
        }
        let (roles, terms): (Vec<String>, Vec<String>) =
            list(f[2]).into_iter().partition(|t| t.starts_with("role:"));
        let roles: Vec<String> = roles
            .into_iter()
            .map(|r| r["role:".len()..].trim().to_string())
            .filter(|r| !r.is_empty())
            .collect();
        self.sectors.push(Sector {
            code,
            label: required(f[1], "label")?,
            terms,
            roles,
            kind: f[3].to_string(),
        });
        Ok(())
    }

    fn add_person(
        &mut self,
        f: &[&str],
        people: &mut HashMap<String, usize>,
    ) -> Result<(), String> {
        let name = required(f[0], "name")?;
        // an international official's "country" is the organisation's code
        let (country, igo) = if !f[2].is_empty() && self.igos.iter().any(|g| g.code == f[2]) {
            (None, Some(f[2].to_string()))
        } else {
            (self.optional_country(f[2])?, None)
        };
        let sector = self.optional_sector(f[3])?;
        let start = date(f[5])?;
        let end = date(f[6])?;
        if let (Some(s), Some(e)) = (start, end)
            && e < s
        {
            return Err(format!("role ends ({e}) before it starts ({s})"));
        }
        let role = Role {
            country,
            sector,
            role: f[4].to_string(),
            start,
            end,
            code: igo,
        };
        match people.get(&name) {
            Some(&i) => {
                let p = &mut self.people[i];
                for a in list(f[1]) {
                    if !p.aliases.contains(&a) {
                        p.aliases.push(a);
                    }
                }
                p.roles.push(role);
            }
            None => {
                people.insert(name.clone(), self.people.len());
                self.people.push(Person {
                    name,
                    aliases: list(f[1]),
                    roles: vec![role],
                    kind: f[7].to_string(),
                });
            }
        }
        Ok(())
    }

    fn optional_country(&self, s: &str) -> Result<Option<String>, String> {
        if s.is_empty() {
            return Ok(None);
        }
        let code = country_code(s)?;
        if self.country(&code).is_none() {
            return Err(format!("unknown country code {code}"));
        }
        Ok(Some(code))
    }

    fn optional_sector(&self, s: &str) -> Result<Option<String>, String> {
        if s.is_empty() {
            return Ok(None);
        }
        let code = sector_code(s)?;
        if self.sector(&code).is_none() {
            return Err(format!("unknown sector code {code}"));
        }
        Ok(Some(code))
    }
}

/// Parse the text after `#columns:` and match it to one of the kinds. Columns may come in
/// any order; all of a kind's columns must be there and no others.
fn parse_columns(s: &str) -> Result<(TsvKind, Vec<usize>), String> {
    let names: Vec<&str> = s
        .split(['\t', ' ', ','])
        .filter(|c| !c.is_empty())
        .collect();
    for kind in TsvKind::ALL {
        let want = kind.columns();
        if names.len() != want.len() {
            continue;
        }
        let order: Option<Vec<usize>> = want
            .iter()
            .map(|w| names.iter().position(|n| n == w))
            .collect();
        if let Some(order) = order {
            return Ok((kind, order));
        }
    }
    Err(format!(
        "#columns: {} is none of the known layouts ({})",
        names.join(" "),
        TsvKind::ALL
            .iter()
            .map(|k| k.columns().join(" "))
            .collect::<Vec<_>>()
            .join("; ")
    ))
}

/// Split a `|` list, trimming items and dropping empty ones.
fn list(s: &str) -> Vec<String> {
    s.split('|')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

fn required(s: &str, what: &str) -> Result<String, String> {
    if s.is_empty() {
        Err(format!("empty {what}"))
    } else {
        Ok(s.to_string())
    }
}

fn country_code(s: &str) -> Result<String, String> {
    if s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(s.to_string())
    } else {
        Err(format!("country code {s:?} is not three capital letters"))
    }
}

fn sector_code(s: &str) -> Result<String, String> {
    if (2..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(s.to_string())
    } else {
        Err(format!("sector code {s:?} is not 2-4 capital letters"))
    }
}

fn upper_code(s: &str, what: &str) -> Result<String, String> {
    if !s.is_empty()
        && s.len() <= 24
        && s.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        Ok(s.to_string())
    } else {
        Err(format!(
            "{what} {s:?} is not capital letters and digits (1-24)"
        ))
    }
}

fn date(s: &str) -> Result<Option<NaiveDate>, String> {
    if s.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| format!("date {s:?} is not YYYY-MM-DD"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECTORS: &str = "# test\n#columns:\tcode\tlabel\tterms\tkind\nGOV\tgovernment\tgovernment|officials|role:foreign minister\tstate\nLEG\tlegislature\tlawmakers|parliament\tstate\nMIL\tmilitary\ttroops|forces\tstate\n";
    const COUNTRIES: &str = "#columns:\tcode\tname\taliases\tadjectives\tcapitals\tseats\nIRN\tIran\tIslamic Republic of Iran\tIranian\tTehran\t\nUSA\tUnited States\tUS|U.S.\tAmerican|U.S.\tWashington\tthe White House=GOV|the Pentagon=MIL\n";

    fn base() -> Dictionary {
        let mut d = Dictionary::default();
        d.add_tsv("sectors.tsv", SECTORS).unwrap();
        d.add_tsv("countries.tsv", COUNTRIES).unwrap();
        d
    }

    #[test]
    fn loads_each_kind_by_its_columns() {
        let mut d = base();
        assert_eq!(d.countries.len(), 2);
        assert_eq!(
            d.countries[1].seats[1],
            ("the Pentagon".into(), "MIL".into())
        );
        assert_eq!(d.sectors[0].terms, vec!["government", "officials"]);
        assert_eq!(d.sectors[0].roles, vec!["foreign minister"]);
        let people = "#columns:\tname\taliases\tcountry\tsector\trole\tstart\tend\tkind\n\
            Donald Trump\tTrump\tUSA\tGOV\tpresident\t2017-01-20\t2021-01-20\tperson\n\
            Donald Trump\tPresident Trump\tUSA\tGOV\tpresident\t2025-01-20\t\tperson\n";
        assert_eq!(d.add_tsv("p.tsv", people).unwrap(), TsvKind::People);
        assert_eq!(d.people.len(), 1);
        let p = &d.people[0];
        assert_eq!(p.roles.len(), 2);
        assert_eq!(p.aliases, vec!["Trump", "President Trump"]);
        let day = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert!(matches!(
            p.role_at(day("2019-05-01")),
            Standing::InOffice(_)
        ));
        assert!(matches!(p.role_at(day("2023-05-01")), Standing::Former(_)));
        assert!(matches!(p.role_at(day("2010-05-01")), Standing::Before(_)));
        assert!(matches!(p.role_at(None), Standing::InOffice(r) if r.end.is_none()));
    }

    #[test]
    fn columns_may_be_reordered() {
        let mut d = base();
        let igos = "#columns:\tname\tcode\tkind\taliases\nInternational Atomic Energy Agency\tIGOUNOIAEA\tigo\tIAEA\n";
        assert_eq!(d.add_tsv("igos.tsv", igos).unwrap(), TsvKind::Igos);
        assert_eq!(d.igos[0].code, "IGOUNOIAEA");
        assert_eq!(d.igos[0].aliases, vec!["IAEA"]);
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let mut d = base();
        let cases = [
            (
                "#columns:\tcode\tlabel\tterms\tkind\nGOV\tx\ty\n",
                2,
                "fields",
            ),
            (
                "#columns:\tcode\tlabel\tterms\tkind\n\n# c\ngov\tx\ty\tz\n",
                4,
                "capital",
            ),
            ("GOV\tx\ty\tz\n", 1, "before the #columns"),
            ("#columns:\tcode\tfoo\n", 1, "none of the known"),
            (
                "#columns:\tcode\tname\taliases\tcountry\tsector\tkind\nHEZ\tHezbollah\t\tXXX\tREB\tgroup\n",
                2,
                "unknown country",
            ),
            (
                "#columns:\tname\taliases\tcountry\tsector\trole\tstart\tend\tkind\nA B\t\tIRN\tGOV\tx\t2024-13-01\t\tperson\n",
                2,
                "YYYY-MM-DD",
            ),
            (
                "#columns:\tname\taliases\tcountry\tsector\trole\tstart\tend\tkind\nA B\t\tIRN\tGOV\tx\t2024-02-01\t2023-01-01\tperson\n",
                2,
                "before it starts",
            ),
            (
                "#columns:\tcode\tname\taliases\tadjectives\tcapitals\tseats\nIRQ\tIraq\t\t\t\tGreen Zone=XYZ\n",
                2,
                "unknown sector",
            ),
            (
                "#columns:\tcode\tname\taliases\tadjectives\tcapitals\tseats\nIRN\tIran\t\t\t\t\n",
                2,
                "twice",
            ),
        ];
        for (text, line, what) in cases {
            let e = d.add_tsv("f.tsv", text).unwrap_err();
            let msg = e.to_string();
            assert!(msg.starts_with(&format!("f.tsv:{line}: ")), "{msg}");
            assert!(msg.contains(what), "{msg}");
        }
        let e = d.add_tsv("g.tsv", "# only comments\n").unwrap_err();
        assert_eq!(e.to_string(), "g.tsv: no #columns: line naming the columns");
    }

    #[test]
    fn embedded_dictionaries_load() {
        let d = Dictionary::builtin().expect("the embedded dictionaries must load");
        // every code an actor may carry is well-formed
        for c in &d.countries {
            assert_eq!(c.code.len(), 3);
        }
        for p in &d.people {
            assert!(!p.roles.is_empty(), "{}", p.name);
        }
    }
}
