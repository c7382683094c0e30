//! Temporal expressions: find "June 24, 2025", "in June", "last month", "on Tuesday",
//! "two days ago" in a text and resolve each to a calendar date against the article's
//! publication day, with the precision the words carry.
//!
//! Why here, and why our own: events and claims need the date of their clause, and news
//! writes dates relative to the day of publication ("on Tuesday" in an article of
//! Thursday 26 June 2025 is 24 June). General date parsers read absolute dates only.
//!
//! Conventions (those of wire copy):
//! * A bare weekday ("on Tuesday") is the most recent such day before the publication
//!   day (the same weekday as the publication day means that day), unless "next" or
//!   "this coming" precedes it, or the sentence is clearly about the future ("will", "is
//!   to", "plans to" before it), which makes it the next one.
//! * A month without a year ("in June") is the nearest June to the publication day: a
//!   month up to two months ahead is read as upcoming, otherwise as past.
//! * Without a publication day, only expressions that carry their own year resolve.
//!
//! One pass over the words; no regular expressions; no allocation per word.

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};
use newsdesk_core::Span;
use newsdesk_core::text::words;

/// How precisely a resolved expression fixes the date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Precision {
    Day,
    Week,
    Month,
    Year,
}

/// A temporal expression found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeExpr {
    /// The words of the expression (byte span into the text).
    pub span: Span,
    /// The first day it designates (for a month: the 1st; for a week: its Monday... see
    /// [`Precision`]; for a day: that day).
    pub date: NaiveDate,
    pub precision: Precision,
    /// Whether the expression needed the publication day to be resolved.
    pub relative: bool,
}

/// Whether a lower-case word is the full name of a weekday or a month, "may" excepted (a
/// modal verb as often): capitalised, these are never part of a name or a speaker
/// phrase. One test for the actors and claims stages.
pub(crate) fn day_or_month_name(w: &str) -> bool {
    use newsdesk_core::date::{MONTH_NAMES, WEEKDAY_NAMES};
    WEEKDAY_NAMES.contains(&w) || (w != "may" && MONTH_NAMES.contains(&w))
}

const MONTHS: [(&str, u32); 23] = [
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
];

fn month_of(word: &str, next_char: Option<char>) -> Option<u32> {
    if word == "Dec" || word == "Dec." {
        return Some(12);
    }
    let first = word.chars().next()?;
    if !first.is_uppercase() || word.len() > 9 {
        return None; // "may" the verb, "march" the noun: months are capitalised
    }
    let mut buf = [0u8; 9];
    let lower = lower_ascii(word, &mut buf)?;
    let m = MONTHS.iter().find(|(n, _)| *n == lower)?.1;
    // "May" and "March" as capitalised sentence starters are rare enough; short forms
    // must be followed by a period or a number to count ("Jan." / "Jan 5").
    if lower.len() <= 4 && lower != "june" && lower != "july" && lower != "may" {
        return matches!(next_char, Some('.') | Some(' ')).then_some(m);
    }
    Some(m)
}

fn lower_ascii<'b>(word: &str, buf: &'b mut [u8; 9]) -> Option<&'b str> {
    if word.len() > buf.len() || !word.is_ascii() {
        return None;
    }
    for (b, c) in buf.iter_mut().zip(word.bytes()) {
        *b = c.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..word.len()]).ok()
}

fn weekday_of(word: &str) -> Option<Weekday> {
    Some(match word {
        "Monday" => Weekday::Mon,
        "Tuesday" => Weekday::Tue,
        "Wednesday" => Weekday::Wed,
        "Thursday" => Weekday::Thu,
        "Friday" => Weekday::Fri,
        "Saturday" => Weekday::Sat,
        "Sunday" => Weekday::Sun,
        _ => return None,
    })
}

fn small_number(word: &str) -> Option<i64> {
    let lower = word.to_ascii_lowercase();
    Some(match lower.as_str() {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "several" | "few" => return None,
        _ => {
            let n: i64 = word.parse().ok()?;
            if (1..=400).contains(&n) {
                n
            } else {
                return None;
            }
        }
    })
}

fn day_number(word: &str) -> Option<u32> {
    let digits = word
        .strip_suffix("st")
        .or_else(|| word.strip_suffix("nd"))
        .or_else(|| word.strip_suffix("rd"))
        .or_else(|| word.strip_suffix("th"))
        .unwrap_or(word);
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let d: u32 = digits.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

fn year_number(word: &str) -> Option<i32> {
    if word.len() != 4 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = word.parse().ok()?;
    (1900..=2100).contains(&y).then_some(y)
}

/// The nearest month `m` to `anchor`: up to two months ahead counts as upcoming.
fn nearest_month(anchor: NaiveDate, m: u32) -> Option<NaiveDate> {
    let this = NaiveDate::from_ymd_opt(anchor.year(), m, 1)?;
    let a = NaiveDate::from_ymd_opt(anchor.year(), anchor.month(), 1)?;
    let ahead = this.signed_duration_since(a).num_days();
    if ahead > 62 {
        NaiveDate::from_ymd_opt(anchor.year() - 1, m, 1)
    } else if ahead < -300 {
        NaiveDate::from_ymd_opt(anchor.year() + 1, m, 1)
    } else {
        Some(this)
    }
}

fn previous_weekday(anchor: NaiveDate, w: Weekday) -> NaiveDate {
    let back =
        (7 + anchor.weekday().num_days_from_monday() as i64 - w.num_days_from_monday() as i64) % 7;
    anchor - Duration::days(back)
}

fn next_weekday(anchor: NaiveDate, w: Weekday) -> NaiveDate {
    let ahead =
        (7 + w.num_days_from_monday() as i64 - anchor.weekday().num_days_from_monday() as i64) % 7;
    anchor + Duration::days(if ahead == 0 { 7 } else { ahead })
}

fn monday_of(d: NaiveDate) -> NaiveDate {
    d - Duration::days(d.weekday().num_days_from_monday() as i64)
}

/// Find and resolve the temporal expressions of `text`; `anchor` is the publication day.
pub fn find_dates(text: &str, anchor: Option<NaiveDate>) -> Vec<TimeExpr> {
    let toks: Vec<Span> = words(text).collect();
    let w = |i: usize| toks.get(i).map(|s| s.slice(text)).unwrap_or("");
    let next_char = |i: usize| toks.get(i).and_then(|s| text[s.end..].chars().next());
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let word = w(i);
        let mut found: Option<(usize, NaiveDate, Precision, bool)> = None; // (last token, ...)

        // Numeric dates: 2025-06-24 is one token? No: '-' joins words, so "2025-06-24" is
        // a single token; "6/24/2025" is three.
        if let Some(d) = iso_date(word) {
            found = Some((i, d, Precision::Day, false));
        } else if let (Some(m), Some(d), Some(y)) = (
            day_number(word).filter(|&m| m <= 12),
            day_number(w(i + 1)),
            year_number(w(i + 2)),
        ) && slash_between(text, &toks, i)
            && let Some(date) = NaiveDate::from_ymd_opt(y, m, d)
        {
            found = Some((i + 2, date, Precision::Day, false));
        } else if let Some(m) = month_of(word, next_char(i)) {
            // "June 24, 2025" / "June 24" / "June 2025" / "June"
            if let Some(d) = day_number(w(i + 1)) {
                if let Some(y) = year_number(w(i + 2)) {
                    found =
                        NaiveDate::from_ymd_opt(y, m, d).map(|x| (i + 2, x, Precision::Day, false));
                } else if let Some(a) = anchor {
                    found = nearest_month(a, m)
                        .and_then(|first| NaiveDate::from_ymd_opt(first.year(), m, d))
                        .map(|x| (i + 1, x, Precision::Day, true));
                }
            } else if let Some(y) = year_number(w(i + 1)) {
                found =
                    NaiveDate::from_ymd_opt(y, m, 1).map(|x| (i + 1, x, Precision::Month, false));
            } else if let Some(a) = anchor {
                // a bare month name only after "in"/"since"/"by"/"until"/"early"/"late"/"mid"/"last"/"next"/"this"
                let prev = if i > 0 { w(i - 1) } else { "" };
                let lead = matches!(
                    prev.to_ascii_lowercase().as_str(),
                    "in" | "since"
                        | "by"
                        | "until"
                        | "early"
                        | "late"
                        | "mid"
                        | "last"
                        | "next"
                        | "this"
                        | "of"
                        | "from"
                        | "through"
                );
                if lead && m != 5 {
                    let first = match prev.to_ascii_lowercase().as_str() {
                        "last" => NaiveDate::from_ymd_opt(
                            if m >= a.month() {
                                a.year() - 1
                            } else {
                                a.year()
                            },
                            m,
                            1,
                        ),
                        "next" => NaiveDate::from_ymd_opt(
                            if m <= a.month() {
                                a.year() + 1
                            } else {
                                a.year()
                            },
                            m,
                            1,
                        ),
                        _ => nearest_month(a, m),
                    };
                    found = first.map(|x| (i, x, Precision::Month, true));
                }
            }
        } else if let (Some(d), Some(m)) = (day_number(word), month_of(w(i + 1), next_char(i + 1)))
        {
            // "24 June 2025" / "24 June"
            if let Some(y) = year_number(w(i + 2)) {
                found = NaiveDate::from_ymd_opt(y, m, d).map(|x| (i + 2, x, Precision::Day, false));
            } else if let Some(a) = anchor {
                found = nearest_month(a, m)
                    .and_then(|first| NaiveDate::from_ymd_opt(first.year(), m, d))
                    .map(|x| (i + 1, x, Precision::Day, true));
            }
        } else if let Some(a) = anchor {
            found = relative(text, &toks, i, a);
        }

        match found {
            Some((last, date, precision, relative)) => {
                let start = toks[i].start;
                let mut end = toks[last].end;
                // keep a trailing period of an abbreviated month out of the span unless
                // the expression ends on it ("Sept." alone)
                if end > text.len() {
                    end = text.len();
                }
                out.push(TimeExpr {
                    span: Span::new(start, end),
                    date,
                    precision,
                    relative,
                });
                i = last + 1;
            }
            None => i += 1,
        }
    }
    out
}

/// "2025-06-24" as one token.
fn iso_date(word: &str) -> Option<NaiveDate> {
    if word.len() != 10
        || word.as_bytes().get(4) != Some(&b'-')
        || word.as_bytes().get(7) != Some(&b'-')
    {
        return None;
    }
    NaiveDate::parse_from_str(word, "%Y-%m-%d").ok()
}

/// Whether tokens i, i+1, i+2 are separated by single slashes ("6/24/2025").
fn slash_between(text: &str, toks: &[Span], i: usize) -> bool {
    let gap = |a: usize| {
        toks.get(a)
            .zip(toks.get(a + 1))
            .map(|(x, y)| text.get(x.end..y.start) == Some("/"))
            .unwrap_or(false)
    };
    gap(i) && gap(i + 1)
}

/// Relative expressions starting at token `i`.
fn relative(
    text: &str,
    toks: &[Span],
    i: usize,
    a: NaiveDate,
) -> Option<(usize, NaiveDate, Precision, bool)> {
    let w = |k: usize| toks.get(k).map(|s| s.slice(text)).unwrap_or("");
    let word = w(i);
    let lower = word.to_ascii_lowercase();
    let bare = lower.trim_end_matches("'s").trim_end_matches("’s");
    match bare {
        "yesterday" => return Some((i, a - Duration::days(1), Precision::Day, true)),
        "today" | "tonight" => return Some((i, a, Precision::Day, true)),
        "tomorrow" => return Some((i, a + Duration::days(1), Precision::Day, true)),
        _ => {}
    }
    if let Some(wd) = weekday_of(word.trim_end_matches("'s").trim_end_matches("’s")) {
        let prev = if i > 0 {
            w(i - 1).to_ascii_lowercase()
        } else {
            String::new()
        };
        let future = prev == "next" || prev == "coming" || future_before(text, toks, i);
        let date = if prev == "last" {
            previous_weekday(a - Duration::days(1), wd)
        } else if future {
            next_weekday(a, wd)
        } else {
            previous_weekday(a, wd)
        };
        return Some((i, date, Precision::Day, true));
    }
    // "last/this/next week|month|year", "earlier this week"
    if matches!(lower.as_str(), "last" | "this" | "next" | "past") {
        let unit = w(i + 1).to_ascii_lowercase();
        let shift: i32 = match lower.as_str() {
            "last" | "past" => -1,
            "next" => 1,
            _ => 0,
        };
        return match unit.as_str() {
            "week" => Some((
                i + 1,
                monday_of(a) + Duration::weeks(shift as i64),
                Precision::Week,
                true,
            )),
            "month" => {
                let first = NaiveDate::from_ymd_opt(a.year(), a.month(), 1)?;
                let d = if shift < 0 {
                    first.checked_sub_months(Months::new(1))?
                } else if shift > 0 {
                    first.checked_add_months(Months::new(1))?
                } else {
                    first
                };
                Some((i + 1, d, Precision::Month, true))
            }
            "year" => Some((
                i + 1,
                NaiveDate::from_ymd_opt(a.year() + shift, 1, 1)?,
                Precision::Year,
                true,
            )),
            _ => None,
        };
    }
    // "two days ago", "a week ago", "three months ago"
    if let Some(n) = small_number(word) {
        let unit = w(i + 1).to_ascii_lowercase();
        if w(i + 2).eq_ignore_ascii_case("ago") {
            let unit = unit.trim_end_matches('s');
            let d = match unit {
                "day" => (a - Duration::days(n), Precision::Day),
                "week" => (a - Duration::weeks(n), Precision::Week),
                "month" => (
                    a.checked_sub_months(Months::new(n as u32))?,
                    Precision::Month,
                ),
                "year" => (
                    NaiveDate::from_ymd_opt(a.year() - n as i32, a.month(), 1)?,
                    Precision::Year,
                ),
                _ => return None,
            };
            return Some((i + 2, d.0, d.1, true));
        }
    }
    // "in 2025", "since 2019"
    if let Some(y) = year_number(word) {
        let prev = if i > 0 {
            w(i - 1).to_ascii_lowercase()
        } else {
            String::new()
        };
        if matches!(
            prev.as_str(),
            "in" | "since" | "by" | "until" | "early" | "late" | "mid" | "of" | "from"
        ) {
            return Some((i, NaiveDate::from_ymd_opt(y, 1, 1)?, Precision::Year, false));
        }
    }
    None
}

/// Whether the few words before token `i` in its sentence speak of the future.
fn future_before(text: &str, toks: &[Span], i: usize) -> bool {
    let from = i.saturating_sub(6);
    toks[from..i].iter().any(|s| {
        let w = s.slice(text);
        matches!(
            w,
            "will" | "would" | "'ll" | "scheduled" | "planned" | "plans" | "expected" | "due"
        ) || w.ends_with("'ll")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    /// Thursday 26 June 2025.
    fn anchor() -> Option<NaiveDate> {
        Some(d(2025, 6, 26))
    }

    fn one(text: &str) -> (String, NaiveDate, Precision) {
        let found = find_dates(text, anchor());
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        let t = found[0];
        (t.span.slice(text).to_string(), t.date, t.precision)
    }

    #[test]
    fn absolute_dates() {
        assert_eq!(
            one("It began on June 13, 2025, before dawn."),
            ("June 13, 2025".into(), d(2025, 6, 13), Precision::Day)
        );
        assert_eq!(
            one("signed on 27 June 2025 in Washington"),
            ("27 June 2025".into(), d(2025, 6, 27), Precision::Day)
        );
        assert_eq!(
            one("filed on 6/24/2025 at noon"),
            ("6/24/2025".into(), d(2025, 6, 24), Precision::Day)
        );
        assert_eq!(
            one("the 2025-06-22 strikes"),
            ("2025-06-22".into(), d(2025, 6, 22), Precision::Day)
        );
        assert_eq!(
            one("talks in Sept. 2024 failed"),
            ("Sept. 2024".into(), d(2024, 9, 1), Precision::Month)
        );
    }

    #[test]
    fn partial_dates_take_the_nearest_year() {
        assert_eq!(
            one("The war started on June 13."),
            ("June 13".into(), d(2025, 6, 13), Precision::Day)
        );
        assert_eq!(
            one("elections due in August"),
            ("August".into(), d(2025, 8, 1), Precision::Month)
        );
        assert_eq!(
            one("a deal reached in December"),
            ("December".into(), d(2024, 12, 1), Precision::Month)
        );
        assert_eq!(
            one("since 2019 the sanctions"),
            ("2019".into(), d(2019, 1, 1), Precision::Year)
        );
        assert!(find_dates("Officials may meet. They march on.", anchor()).is_empty());
    }

    #[test]
    fn relative_dates_from_the_publication_day() {
        assert_eq!(
            one("Trump said on Tuesday"),
            ("Tuesday".into(), d(2025, 6, 24), Precision::Day)
        );
        assert_eq!(
            one("said on Thursday"),
            ("Thursday".into(), d(2025, 6, 26), Precision::Day)
        );
        assert_eq!(
            one("talks will resume on Monday"),
            ("Monday".into(), d(2025, 6, 30), Precision::Day)
        );
        assert_eq!(
            one("next Friday"),
            ("Friday".into(), d(2025, 6, 27), Precision::Day)
        );
        assert_eq!(
            one("last Tuesday"),
            ("Tuesday".into(), d(2025, 6, 24), Precision::Day)
        );
        assert_eq!(
            one("yesterday's vote"),
            ("yesterday's".into(), d(2025, 6, 25), Precision::Day)
        );
        assert_eq!(
            one("two days ago"),
            ("two days ago".into(), d(2025, 6, 24), Precision::Day)
        );
        assert_eq!(
            one("3 weeks ago"),
            ("3 weeks ago".into(), d(2025, 6, 5), Precision::Week)
        );
        assert_eq!(
            one("last week"),
            ("last week".into(), d(2025, 6, 16), Precision::Week)
        );
        assert_eq!(
            one("last month"),
            ("last month".into(), d(2025, 5, 1), Precision::Month)
        );
        assert_eq!(
            one("next year"),
            ("next year".into(), d(2026, 1, 1), Precision::Year)
        );
    }

    #[test]
    fn without_a_publication_day_only_absolute_dates_resolve() {
        let t = "On Tuesday, a day after June 23, 2025, and last week.";
        let found = find_dates(t, None);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].date, d(2025, 6, 23));
        assert!(!found[0].relative);
    }

    #[test]
    fn several_in_one_text_and_no_panics() {
        let t = "On Saturday the U.S. struck; by June 24 a ceasefire held. Iran said on Wednesday it would resume in July.";
        let found = find_dates(t, anchor());
        let dates: Vec<NaiveDate> = found.iter().map(|x| x.date).collect();
        assert_eq!(
            dates,
            vec![
                d(2025, 6, 21),
                d(2025, 6, 24),
                d(2025, 6, 25),
                d(2025, 7, 1)
            ]
        );
        for s in [
            "",
            "June",
            "31 February 2025",
            "99/99/9999",
            "Dec.",
            "ago ago",
            "0 days ago",
            "é June 40",
        ] {
            let _ = find_dates(s, anchor());
        }
    }
}
