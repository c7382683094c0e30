//! Dates as pages write them, read into ISO 8601 without losing the time zone.
//!
//! Why not `newsdesk_core::date::normalise_published` alone: pages need more care. A
//! time without a zone must stay without one (calling it UTC would move "10:00 ET" by
//! four hours and sometimes to another day), a zone written `+0200` is still a zone, and
//! text dates come wrapped in noise ("Published: Nov. 25, 2026 10:00 AM ET", "Updated
//! 3/4/2025"). Every date keeps where it came from, so users can judge it.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime};
use regex::Regex;
use serde::Serialize;
use std::sync::OnceLock;

/// Where a date was found, most trusted first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// A JSON-LD `datePublished` / `dateModified` (of the article object).
    JsonLd,
    /// A `<meta>` tag (`article:published_time`, `date`, `dc.date`, ...) or `itemprop`.
    Meta,
    /// A `<time datetime>` element.
    Time,
    /// Visible text near the headline or in a byline ("Published June 3, 2025").
    Text,
    /// The URL (`/2025/06/03/`).
    Url,
}

impl DateSource {
    /// The name used in JSON (`json_ld`, `meta`, `time`, `text`, `url`).
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::JsonLd => "json_ld",
            DateSource::Meta => "meta",
            DateSource::Time => "time",
            DateSource::Text => "text",
            DateSource::Url => "url",
        }
    }
}

/// A date found on a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageDate {
    /// ISO 8601: `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS` (local time, zone unknown) or
    /// RFC 3339 with the page's own offset.
    pub value: String,
    /// The UTC offset as written on the page (`+02:00`, `Z`), when it gave one.
    pub timezone: Option<String>,
    /// Where it was found.
    pub source: DateSource,
}

/// Oldest and newest years believed: older dates on news pages are archive references
/// or junk, and dates far in the future are typos or event dates.
const MIN_YEAR: i32 = 1990;

fn plausible(d: NaiveDate) -> bool {
    let max = chrono::Utc::now().year() + 1;
    (MIN_YEAR..=max).contains(&d.year())
}

/// Read one date string (machine or human form) into `(ISO 8601 value, offset)`.
///
/// Returns `None` for anything that is not a plausible calendar date (`2025-13-40`,
/// `yesterday`, year 1970 from a zero timestamp).
///
/// ```
/// use newsdesk_ingest::html::parse_page_date;
/// assert_eq!(
///     parse_page_date("2025-06-26T10:00:00+0200"),
///     Some(("2025-06-26T10:00:00+02:00".to_string(), Some("+02:00".to_string())))
/// );
/// assert_eq!(parse_page_date("Nov. 25, 2025 10:00 AM ET").map(|d| d.0), Some("2025-11-25".to_string()));
/// assert_eq!(parse_page_date("2025-13-40"), None);
/// ```
pub fn parse_page_date(raw: &str) -> Option<(String, Option<String>)> {
    let s = raw.trim();
    if s.is_empty() || s.len() > 120 {
        return None;
    }
    if let Some(r) = parse_machine(s) {
        return Some(r);
    }
    parse_text_date(s).map(|d| (d.format("%Y-%m-%d").to_string(), None))
}

/// ISO 8601 / RFC 3339 / RFC 2822 forms.
fn parse_machine(s: &str) -> Option<(String, Option<String>)> {
    let with_zone = |dt: DateTime<FixedOffset>| {
        if !plausible(dt.date_naive()) {
            return None;
        }
        let value = dt.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let tz = if dt.offset().local_minus_utc() == 0 && (s.ends_with('Z') || s.ends_with('z')) {
            "Z".to_string()
        } else {
            dt.format("%:z").to_string()
        };
        Some((value, Some(tz)))
    };
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return with_zone(dt);
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M:%S%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S%z",
        "%Y-%m-%d %H:%M:%S %z",
    ] {
        if let Ok(dt) = DateTime::parse_from_str(s, fmt) {
            return with_zone(dt);
        }
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return with_zone(dt);
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(ndt) = NaiveDateTime::parse_from_str(s, fmt) {
            if !plausible(ndt.date()) {
                return None;
            }
            return Some((ndt.format("%Y-%m-%dT%H:%M:%S").to_string(), None));
        }
    }
    // A date-only or otherwise-suffixed ISO form: the leading `YYYY-MM-DD`.
    let head = s.get(..10)?;
    let ok_tail = s
        .as_bytes()
        .get(10)
        .is_none_or(|c| matches!(c, b'T' | b' ' | b't' | b'_'));
    if ok_tail {
        for fmt in ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d"] {
            if let Ok(d) = NaiveDate::parse_from_str(head, fmt) {
                return plausible(d).then(|| (d.format("%Y-%m-%d").to_string(), None));
            }
        }
    }
    None
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// The month of a (possibly abbreviated) English, French, German or Spanish month name.
fn month_of(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    let w = w.trim_end_matches('.');
    if w.len() < 3 {
        return None;
    }
    if let Some(i) = MONTHS.iter().position(|m| w.starts_with(m)) {
        // "march" / "mar", "sept" / "september": reject words that only share a prefix
        // ("marketing", "mayor", "junior") by requiring a month-like ending.
        if newsdesk_core::date::MONTH_NAMES[i].starts_with(w) || w == "sept" {
            return Some(i as u32 + 1);
        }
    }
    let other: &[(&str, u32)] = &[
        ("janvier", 1),
        ("février", 2),
        ("fevrier", 2),
        ("mars", 3),
        ("avril", 4),
        ("mai", 5),
        ("juin", 6),
        ("juillet", 7),
        ("août", 8),
        ("aout", 8),
        ("septembre", 9),
        ("octobre", 10),
        ("novembre", 11),
        ("décembre", 12),
        ("januar", 1),
        ("februar", 2),
        ("märz", 3),
        ("juni", 6),
        ("juli", 7),
        ("oktober", 10),
        ("dezember", 12),
        ("enero", 1),
        ("febrero", 2),
        ("marzo", 3),
        ("abril", 4),
        ("mayo", 5),
        ("junio", 6),
        ("julio", 7),
        ("agosto", 8),
        ("septiembre", 9),
        ("octubre", 10),
        ("noviembre", 11),
        ("diciembre", 12),
    ];
    other.iter().find(|(n, _)| *n == w).map(|&(_, m)| m)
}

fn text_date_re() -> Option<&'static Regex> {
    static R: OnceLock<Option<Regex>> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(
            r"(?x)
            (?P<m1>\p{L}{3,10})\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y1>(?:19|20)\d{2})   # June 3, 2025
            | (?P<d2>\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(?P<m2>\p{L}{3,10})\.?,?\s+(?P<y2>(?:19|20)\d{2}) # 3 June 2025
            | (?P<y3>(?:19|20)\d{2})[-/.](?P<mo3>\d{1,2})[-/.](?P<d3>\d{1,2})                  # 2025-06-03
            | (?P<a4>\d{1,2})[/.](?P<b4>\d{1,2})[/.](?P<y4>(?:19|20)\d{2})                    # 03/06/2025
            ",
        )
        .ok()
    })
    .as_ref()
}

/// The first plausible calendar date written in a human text.
pub(crate) fn parse_text_date(s: &str) -> Option<NaiveDate> {
    parse_text_date_hinted(s, &[])
}

/// [`parse_text_date`], with the dates the page states elsewhere (its metadata, its URL)
/// as `hints`: a numeric date that reads both ways ("03/10/2023": 10 March or 3
/// October) takes the reading one of them confirms, instead of the convention of its
/// separator.
pub(crate) fn parse_text_date_hinted(s: &str, hints: &[NaiveDate]) -> Option<NaiveDate> {
    let re = text_date_re()?;
    for c in re.captures_iter(s) {
        let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
        let year = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<i32>().ok());
        let d = if let (Some(m), Some(d), Some(y)) = (c.name("m1"), num("d1"), year("y1")) {
            month_of(m.as_str()).and_then(|m| NaiveDate::from_ymd_opt(y, m, d))
        } else if let (Some(m), Some(d), Some(y)) = (c.name("m2"), num("d2"), year("y2")) {
            month_of(m.as_str()).and_then(|m| NaiveDate::from_ymd_opt(y, m, d))
        } else if let (Some(y), Some(m), Some(d)) = (year("y3"), num("mo3"), num("d3")) {
            NaiveDate::from_ymd_opt(y, m, d)
        } else if let (Some(a), Some(b), Some(y)) = (num("a4"), num("b4"), year("y4")) {
            // 03/06/2025: day-first unless that is impossible (US order then).
            match (a > 12, b > 12) {
                (true, false) => NaiveDate::from_ymd_opt(y, b, a),
                (false, true) => NaiveDate::from_ymd_opt(y, a, b),
                // Ambiguous: the reading the page confirms elsewhere, else US order when
                // written with slashes, day-first with dots.
                _ => {
                    let us = NaiveDate::from_ymd_opt(y, a, b);
                    let eu = NaiveDate::from_ymd_opt(y, b, a);
                    let confirmed = |d: Option<NaiveDate>| d.is_some_and(|d| hints.contains(&d));
                    if confirmed(us) != confirmed(eu) {
                        if confirmed(us) { us } else { eu }
                    } else if s.contains('/') {
                        us
                    } else {
                        eu
                    }
                }
            }
        } else {
            None
        };
        if let Some(d) = d.filter(|d| plausible(*d)) {
            return Some(d);
        }
    }
    None
}

fn url_date_re() -> Option<&'static Regex> {
    static R: OnceLock<Option<Regex>> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(
            r"(?x)
            /(?P<y>(?:19|20)\d{2})/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)(?:/|$|[-_])
            | [/_-](?P<y2>(?:19|20)\d{2})-(?P<m2>[01]\d)-(?P<d2>[0-3]\d)(?:/|$|[-_.])
            | /(?P<y3>(?:19|20)\d{2})(?P<m3>[01]\d)(?P<d3>[0-3]\d)(?:/|$|[-_])
            | /(?P<y4>(?:19|20)\d{2})/(?P<m4>[A-Za-z]{3,9})/(?P<d4>[0-3]?\d)(?:/|$|[-_])
            ",
        )
        .ok()
    })
    .as_ref()
}

/// A full date (year, month and day) in a URL path.
pub(crate) fn url_date(url: &str) -> Option<NaiveDate> {
    let re = url_date_re()?;
    let c = re.captures(url)?;
    let get = |a: &str, b: &str, cc: &str| {
        Some((
            c.name(a)?.as_str().parse::<i32>().ok()?,
            c.name(b)?.as_str().parse::<u32>().ok()?,
            c.name(cc)?.as_str().parse::<u32>().ok()?,
        ))
    };
    let named = || {
        Some((
            c.name("y4")?.as_str().parse::<i32>().ok()?,
            month_of(c.name("m4")?.as_str())?,
            c.name("d4")?.as_str().parse::<u32>().ok()?,
        ))
    };
    let (y, m, d) = get("y", "m", "d")
        .or_else(|| get("y2", "m2", "d2"))
        .or_else(|| get("y3", "m3", "d3"))
        .or_else(named)?;
    NaiveDate::from_ymd_opt(y, m, d).filter(|d| plausible(*d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Option<String> {
        parse_page_date(s).map(|d| d.0)
    }

    #[test]
    fn machine_forms_keep_their_zone() {
        assert_eq!(
            parse_page_date("2025-06-26T08:30:00-04:00"),
            Some(("2025-06-26T08:30:00-04:00".into(), Some("-04:00".into())))
        );
        assert_eq!(
            parse_page_date("2025-06-26T08:30:00Z"),
            Some(("2025-06-26T08:30:00Z".into(), Some("Z".into())))
        );
        // No zone given: none invented.
        assert_eq!(
            parse_page_date("2025-06-26 08:30:00"),
            Some(("2025-06-26T08:30:00".into(), None))
        );
        assert_eq!(
            v("Thu, 26 Jun 2025 08:30:00 GMT").as_deref(),
            Some("2025-06-26T08:30:00Z")
        );
        assert_eq!(v("2025-06-26").as_deref(), Some("2025-06-26"));
    }

    #[test]
    fn text_forms() {
        assert_eq!(
            v("Published: Nov. 25, 2025 10:00 AM ET").as_deref(),
            Some("2025-11-25")
        );
        assert_eq!(v("Updated 3rd March 2024").as_deref(), Some("2024-03-03"));
        assert_eq!(v("Sept. 3, 2025").as_deref(), Some("2025-09-03"));
        assert_eq!(v("25/12/2024").as_deref(), Some("2024-12-25"));
        assert_eq!(v("le 4 juin 2025").as_deref(), Some("2025-06-04"));
    }

    #[test]
    fn ambiguous_numeric_dates_follow_the_page() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
        let oct3 = d(2023, 10, 3).into_iter().collect::<Vec<_>>();
        // Without hints: slashes US, dots day-first.
        assert_eq!(parse_text_date("03/10/2023"), d(2023, 3, 10));
        assert_eq!(parse_text_date("03.10.2023"), d(2023, 10, 3));
        // A hint picks the reading it confirms; an unambiguous date ignores hints.
        assert_eq!(parse_text_date_hinted("03/10/2023", &oct3), d(2023, 10, 3));
        assert_eq!(parse_text_date_hinted("13/10/2023", &oct3), d(2023, 10, 13));
        assert_eq!(parse_text_date_hinted("03/10/2023", &[]), d(2023, 3, 10));
    }

    #[test]
    fn rejects_invalid_and_implausible() {
        for s in [
            "2025-13-40",
            "yesterday",
            "1970-01-01T00:00:00Z",
            "Marketing 12, 2025",
            "",
            "2999-01-01",
        ] {
            assert_eq!(v(s), None, "{s}");
        }
    }

    #[test]
    fn url_dates() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
        assert_eq!(
            url_date("https://x.com/2025/09/04/some-title/"),
            d(2025, 9, 4)
        );
        assert_eq!(
            url_date("https://x.com/news/story-2024-02-29.html"),
            d(2024, 2, 29)
        );
        assert_eq!(url_date("https://x.com/20250904/title"), d(2025, 9, 4));
        assert_eq!(
            url_date("https://x.com/blog/2023/october/03/title/"),
            d(2023, 10, 3)
        );
        assert_eq!(url_date("https://x.com/2023/marketing/03/x"), None);
        assert_eq!(url_date("https://x.com/2025/09/title"), None);
        assert_eq!(url_date("https://x.com/2025/13/45/x"), None);
    }
}
