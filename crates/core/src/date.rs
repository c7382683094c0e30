//! Publication dates as they arrive in inputs, normalised to ISO 8601.
//!
//! Inputs write dates in many ways (`2025-06-26`, RFC 3339, RFC 2822 from feeds,
//! `June 26, 2025`). newsdesk keeps one form: `YYYY-MM-DD` when only the day is known and
//! RFC 3339 (with its original offset) when the time is known, so that the original time
//! zone is not lost and string order is date order within a day's precision.

use chrono::{DateTime, NaiveDate, NaiveDateTime};

/// The weekdays' English names, lower-case, Monday first: what date readers skip
/// ("Tuesday, 3 June") and name finders never take for a name.
pub const WEEKDAY_NAMES: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The months' English names, lower-case, January first: one list for the readers that
/// look for written dates (the HTML extractor's, the evaluation's date audit).
pub const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Normalise a publication date to ISO 8601, or `None` when it cannot be read.
///
/// ```
/// use newsdesk_core::date::normalise_published;
/// assert_eq!(normalise_published("2025-06-26").as_deref(), Some("2025-06-26"));
/// assert_eq!(normalise_published("June 26, 2025").as_deref(), Some("2025-06-26"));
/// assert_eq!(
///     normalise_published("Thu, 26 Jun 2025 10:00:00 +0200").as_deref(),
///     Some("2025-06-26T10:00:00+02:00")
/// );
/// assert_eq!(normalise_published("soon"), None);
/// ```
pub fn normalise_published(raw: &str) -> Option<String> {
    let s = raw.trim();
    if s.is_empty() || s.len() > 64 {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true));
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(dt.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true));
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(ndt) = NaiveDateTime::parse_from_str(s, fmt) {
            // A time without a zone: keep it, marked as UTC, the convention of most feeds.
            return Some(
                ndt.and_utc()
                    .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
            );
        }
    }
    let cleaned: String = s.replace(['.', ','], " ");
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    for fmt in [
        "%Y-%m-%d",
        "%Y/%m/%d",
        "%B %d %Y",
        "%b %d %Y",
        "%d %B %Y",
        "%d %b %Y",
        "%A %B %d %Y",
        "%a %b %d %Y",
        "%A %d %B %Y",
        "%a %d %b %Y",
    ] {
        if let Ok(d) = NaiveDate::parse_from_str(&cleaned, fmt) {
            return Some(d.format("%Y-%m-%d").to_string());
        }
    }
    // "Sept" is common in news and unknown to chrono.
    if cleaned.contains("Sept ") {
        return normalise_published(&cleaned.replace("Sept ", "Sep "));
    }
    None
}

/// The calendar day of a normalised date (the day in its own time zone).
pub fn date_part(iso: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(iso.get(..10)?, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_usual_forms() {
        let cases = [
            ("2025-06-26", Some("2025-06-26")),
            ("2025-06-26T08:30:00Z", Some("2025-06-26T08:30:00Z")),
            (
                "2025-06-26T08:30:00-04:00",
                Some("2025-06-26T08:30:00-04:00"),
            ),
            ("2025-06-26 08:30:00", Some("2025-06-26T08:30:00Z")),
            (
                "Thu, 26 Jun 2025 08:30:00 GMT",
                Some("2025-06-26T08:30:00Z"),
            ),
            ("June 26, 2025", Some("2025-06-26")),
            ("Jun. 26, 2025", Some("2025-06-26")),
            ("26 June 2025", Some("2025-06-26")),
            ("Sept. 3, 2025", Some("2025-09-03")),
            ("2025/06/26", Some("2025-06-26")),
            ("yesterday", None),
            ("", None),
            ("2025-13-40", None),
        ];
        for (raw, want) in cases {
            assert_eq!(normalise_published(raw).as_deref(), want, "{raw}");
        }
    }

    #[test]
    fn date_part_reads_both_forms() {
        let d = NaiveDate::from_ymd_opt(2025, 6, 26);
        assert_eq!(date_part("2025-06-26"), d);
        assert_eq!(date_part("2025-06-26T23:00:00-04:00"), d);
        assert_eq!(date_part("junk"), None);
    }
}
