//! Article extraction from web pages, scored on WCXB (`../shared/eval/html/wcxb_dev/`).
//!
//! Why this exists: the extractor decides what text every later stage sees, and "looks
//! right on three pages" is how extractors rot. This module computes the ScrapingHub
//! article-extraction benchmark's body metric and simple metadata match rates, so that
//! every change to `newsdesk_ingest::html` (or a candidate crate, through a predictions
//! file) is compared on the same numbers.
//!
//! Body metric (as `../shared/eval/README.md` describes it): text is split into words
//! (`\w+`, case kept), words into overlapping 4-word shingles, counted as multisets. Per
//! page, precision = matched / predicted shingles and recall = matched / gold shingles.
//! Precision is averaged over the pages whose prediction is not empty, recall over the
//! pages whose gold text is not empty, and F1 is the harmonic mean of the two averages.
//! A text of fewer than 4 words is one shingle of all its words (as in the benchmark's
//! own code), so short gold texts still count.
//!
//! Metadata: title matches when equal after whitespace and case folding; author the
//! same; a date matches when its first ten characters (`YYYY-MM-DD`) equal the gold date.
//! Rates are over the pages whose gold value is present; `spurious` counts pages where the
//! gold has no value and the extractor still gave one (a wrong byline is worse than none).
//!
//! Page type: WCXB's types are article, listing, collection, forum, product, service and
//! documentation. Ours are article, listing, wall, error and other; the comparable
//! question is "is this an article?", so the accuracy reported is that binary decision,
//! with precision and recall of "article".

use newsdesk_ingest::html::{Extractor, PageContext, gunzip};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Why an HTML evaluation could not run (missing or malformed data, unreadable
/// predictions). Bad pages are not errors: they score zero and are counted.
#[derive(Debug, thiserror::Error)]
pub enum HtmlEvalError {
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// `ground_truth.json` or a predictions line is not the expected JSON.
    #[error("{path}: {message}")]
    Format {
        /// The file.
        path: PathBuf,
        /// What is wrong, with the line when there is one.
        message: String,
    },
}

/// One page of the gold set.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldPage {
    /// The page id (`"0001"`).
    pub id: String,
    /// The page's URL as crawled.
    pub url: Option<String>,
    /// WCXB's page type (`article`, `listing`, ...).
    pub page_type: String,
    /// The gold title, author and date (`YYYY-MM-DD`), when the annotators gave one.
    pub title: Option<String>,
    /// See `title`.
    pub author: Option<String>,
    /// See `title`.
    pub date: Option<String>,
    /// The gold main text.
    pub body: String,
    /// The gzipped page.
    pub html: PathBuf,
}

#[derive(Deserialize)]
struct RawGold {
    url: Option<String>,
    page_type: Option<String>,
    title: Option<String>,
    author: Option<String>,
    publish_date: Option<String>,
    #[serde(rename = "articleBody")]
    article_body: Option<String>,
    html: String,
}

/// Read `DIR/ground_truth.json`, pages sorted by id.
pub fn load_gold(dir: &Path) -> Result<Vec<GoldPage>, HtmlEvalError> {
    let path = dir.join("ground_truth.json");
    let bytes = std::fs::read(&path).map_err(|source| HtmlEvalError::Io {
        path: path.clone(),
        source,
    })?;
    let raw: HashMap<String, RawGold> =
        serde_json::from_slice(&bytes).map_err(|e| HtmlEvalError::Format {
            path: path.clone(),
            message: e.to_string(),
        })?;
    let mut pages: Vec<GoldPage> = raw
        .into_iter()
        .map(|(id, g)| GoldPage {
            id,
            url: g.url.filter(|u| !u.is_empty()),
            page_type: g.page_type.unwrap_or_default(),
            title: g.title.filter(|s| !s.trim().is_empty()),
            author: g.author.filter(|s| !s.trim().is_empty()),
            date: g.publish_date.filter(|s| !s.trim().is_empty()),
            body: g.article_body.unwrap_or_default(),
            html: dir.join(g.html),
        })
        .collect();
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(pages)
}

/// What an extractor said about one page.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct Prediction {
    /// The page id (used only when reading a predictions file).
    #[serde(default)]
    pub id: String,
    /// The main text ("" when nothing was extracted).
    #[serde(default)]
    pub text: String,
    /// The title, author and publication date found.
    #[serde(default)]
    pub title: Option<String>,
    /// See `title`.
    #[serde(default)]
    pub author: Option<String>,
    /// See `title`; ISO 8601, only the first ten characters are compared.
    #[serde(default)]
    pub published: Option<String>,
    /// The last update, when the tool keeps it apart: scored only in
    /// [`MetaScores::date_or_update`], the convention where a page that shows nothing but
    /// its update date is dated by it.
    #[serde(default)]
    pub updated: Option<String>,
    /// `article`, `listing`, `wall`, `error`, `other`, or none when the tool does not say.
    #[serde(default)]
    pub page_type: Option<String>,
}

/// Averaged shingle precision and recall over a set of pages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct BodyScores {
    /// Pages in the set.
    pub pages: usize,
    /// Mean precision over pages with a non-empty prediction.
    pub precision: f64,
    /// Mean recall over pages with gold text.
    pub recall: f64,
    /// Harmonic mean of `precision` and `recall`.
    pub f1: f64,
    /// Pages with a non-empty prediction (the precision average's denominator).
    pub predicted_pages: usize,
    /// Pages with gold text (the recall average's denominator).
    pub gold_pages: usize,
}

/// How often a metadata field matched.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct MatchRate {
    /// Pages whose gold value is present.
    pub gold: usize,
    /// Of those, pages where the prediction matches.
    pub matched: usize,
    /// `matched / gold`.
    pub rate: f64,
    /// Pages without a gold value where a value was predicted anyway.
    pub spurious: usize,
}

/// Metadata match rates over a set of pages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct MetaScores {
    /// Title, folded exact match.
    pub title: MatchRate,
    /// Author, folded exact match.
    pub author: MatchRate,
    /// Publication date, same day.
    pub date: MatchRate,
    /// The publication date, or the update when no publication date was found: what the
    /// score would be if an update-only page were dated by its update (our `published`
    /// never takes it; this shows what that choice costs against the gold).
    pub date_or_update: MatchRate,
}

/// Why the article pages' publication dates missed: the misses no extractor that keeps
/// the update apart from the publication can avoid, told from its own errors.
///
/// WCXB's annotators wrote the date the page shows; on many pages that is the last
/// update ("Updated on July 9, 2025"), which newsdesk reports as `updated`, never as
/// `published`. Some gold dates are written nowhere in the page's HTML, and a few have
/// no day. `ceiling` is the date match rate an extractor reaches if it gets every other
/// page right.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct DateAudit {
    /// Article pages with a gold date.
    pub gold: usize,
    /// Of those, pages whose `published` is the gold day.
    pub matched: usize,
    /// Missed pages whose gold day is the predicted `updated`.
    pub gold_is_update: usize,
    /// Missed pages whose gold day is written nowhere in the HTML (ISO, numeric either
    /// way round, or with the month's name).
    pub not_in_page: usize,
    /// Missed pages whose gold date has no day (`2015-11`).
    pub no_day: usize,
    /// The other misses: the extractor's own.
    pub other: usize,
    /// `(gold - gold_is_update - not_in_page - no_day) / gold`.
    pub ceiling: f64,
}

impl DateAudit {
    /// Audit the article pages' dates: `pages` holds each page's HTML in `gold`'s order
    /// (or `None` where it could not be read, which counts as "not in the page" only if
    /// the date also missed).
    pub fn new(gold: &[GoldPage], preds: &[Option<Prediction>], pages: &[Option<&[u8]>]) -> Self {
        let mut a = DateAudit::default();
        for ((g, p), html) in gold.iter().zip(preds).zip(pages) {
            let Some(day) = g.date.as_deref().filter(|_| g.page_type == "article") else {
                continue;
            };
            a.gold += 1;
            let day10 = day.get(..10);
            let p = p.as_ref();
            let same = |v: Option<&String>| {
                v.and_then(|v| v.get(..10))
                    .is_some_and(|v| Some(v) == day10)
            };
            if same(p.and_then(|p| p.published.as_ref())) {
                a.matched += 1;
            } else if same(p.and_then(|p| p.updated.as_ref())) {
                a.gold_is_update += 1;
            } else if let Some((y, m, d)) = day10.and_then(ymd) {
                if html.is_some_and(|h| date_in_page(h, y, m, d)) {
                    a.other += 1;
                } else {
                    a.not_in_page += 1;
                }
            } else {
                a.no_day += 1;
            }
        }
        if a.gold > 0 {
            let out = a.gold_is_update + a.not_in_page + a.no_day;
            a.ceiling = (a.gold - out) as f64 / a.gold as f64;
        }
        a
    }
}

/// `YYYY-MM-DD` as numbers.
fn ymd(s: &str) -> Option<(u32, u32, u32)> {
    let mut it = s.split('-');
    let y = it.next()?.parse().ok()?;
    let m = it.next()?.parse().ok()?;
    let d = it.next()?.parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

/// Whether the day `y-m-d` is written anywhere in `html` (markup included: attributes and
/// scripts count): ISO (`2025-07-09`, `2025/07/09`), numeric month-first or day-first
/// with `/`, `.` or `-` and a two- or four-digit year, or with the month's name or its
/// abbreviation either side of the day ("July 9, 2025", "9th of Jul. 2025").
pub fn date_in_page(html: &[u8], y: u32, m: u32, d: u32) -> bool {
    let text = String::from_utf8_lossy(html)
        .to_lowercase()
        .replace("&nbsp;", " ");
    let text: String = {
        let mut out = String::with_capacity(text.len());
        let mut space = false;
        for c in text.chars() {
            if c.is_whitespace() || c == '\u{a0}' {
                if !space {
                    out.push(' ');
                }
                space = true;
            } else {
                out.push(c);
                space = false;
            }
        }
        out
    };
    let mut forms: Vec<String> = Vec::new();
    for sep in ['-', '/', '.'] {
        forms.push(format!("{y}{sep}{m:02}{sep}{d:02}"));
    }
    for year in [format!("{y}"), format!("{:02}", y % 100)] {
        for sep in ['/', '.', '-'] {
            for (a, b) in [(m, d), (d, m)] {
                for (aa, bb) in [
                    (format!("{a}"), format!("{b}")),
                    (format!("{a:02}"), format!("{b:02}")),
                ] {
                    forms.push(format!("{aa}{sep}{bb}{sep}{year}"));
                }
            }
        }
    }
    let Some(full) = newsdesk_core::date::MONTH_NAMES.get(m as usize - 1) else {
        return false;
    };
    let abbr = &full[..3];
    let suffix = match d {
        1 | 21 | 31 => "st",
        2 | 22 => "nd",
        3 | 23 => "rd",
        _ => "th",
    };
    let days = [format!("{d}"), format!("{d:02}"), format!("{d}{suffix}")];
    for month in [full.to_string(), abbr.to_string(), format!("{abbr}.")] {
        for day in &days {
            for sep in [" ", ", "] {
                forms.push(format!("{month} {day}{sep}{y}"));
                forms.push(format!("{day} {month}{sep}{y}"));
                forms.push(format!("{day} of {month}{sep}{y}"));
            }
        }
    }
    // A numeric form must not be the tail of a longer number ("12/9/2021" in
    // "112/9/2021"), nor a month-named one part of a longer word.
    forms.iter().any(|f| {
        text.match_indices(f.as_str()).any(|(i, _)| {
            let before = text[..i].chars().next_back();
            let after = text[i + f.len()..].chars().next();
            !before.is_some_and(|c| c.is_ascii_alphanumeric())
                && !after.is_some_and(|c| c.is_ascii_digit())
        })
    })
}

/// "Is it an article?" against WCXB's page types.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct PageTypeScores {
    /// Pages where the tool gave a page type.
    pub pages: usize,
    /// Share of those where article / not article agrees with the gold.
    pub accuracy: f64,
    /// Of the pages called articles, the share that are.
    pub article_precision: f64,
    /// Of the gold articles, the share called articles.
    pub article_recall: f64,
}

/// The whole result of `newsdesk eval html`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct HtmlReport {
    /// The data directory.
    pub data: String,
    /// Who made the predictions: `newsdesk` or the predictions file.
    pub system: String,
    /// Body scores over all pages.
    pub all: BodyScores,
    /// Body scores over WCXB article pages (where the bar is set).
    pub articles: BodyScores,
    /// Metadata on article pages.
    pub meta_articles: MetaScores,
    /// Metadata on all pages.
    pub meta_all: MetaScores,
    /// Article detection.
    pub page_type: PageTypeScores,
    /// Why publication dates missed on article pages (needs the pages' HTML).
    pub date_audit: DateAudit,
    /// Pages the extractor could not handle at all (an error instead of a result).
    pub failures: usize,
    /// Seconds spent extracting (decompression and file reading excluded), one thread.
    pub seconds: f64,
    /// Pages per second on one thread (0 when scoring a predictions file).
    pub pages_per_second: f64,
    /// Megabytes of HTML per second on one thread.
    pub mb_per_second: f64,
    /// The worst article pages by F1 (id, precision, recall), for looking at errors.
    pub worst: Vec<(String, f64, f64)>,
    /// Every article page's scores and metadata next to the gold, in id order: what
    /// error analysis reads (which titles, dates, bylines missed, and how).
    pub article_pages: Vec<PageResult>,
}

/// One article page's outcome: body precision and recall, and each metadata field as
/// predicted and as the gold has it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PageResult {
    /// The page id.
    pub id: String,
    /// The page's URL.
    pub url: Option<String>,
    /// Body shingle precision (`None`: nothing predicted).
    pub precision: Option<f64>,
    /// Body shingle recall (`None`: no gold text).
    pub recall: Option<f64>,
    /// Gold and predicted title.
    pub title: (Option<String>, Option<String>),
    /// Gold and predicted author.
    pub author: (Option<String>, Option<String>),
    /// Gold and predicted publication date.
    pub date: (Option<String>, Option<String>),
    /// The predicted last update, kept apart from the publication: shows which missed
    /// dates are the update the gold took for the publication.
    pub updated: Option<String>,
    /// The predicted page type.
    pub page_type: Option<String>,
}

/// Run newsdesk's own extractor over every page of `dir` (at most `limit`) and score it.
///
/// Pages are decompressed into memory first; only the extraction is timed, on this one
/// thread, so `pages_per_second` is a single-core figure.
pub fn evaluate(dir: &Path, limit: Option<usize>) -> Result<HtmlReport, HtmlEvalError> {
    let mut gold = load_gold(dir)?;
    if let Some(n) = limit {
        gold.truncate(n);
    }
    let mut pages = Vec::with_capacity(gold.len());
    let mut bytes_total = 0usize;
    for g in &gold {
        let raw = std::fs::read(&g.html).map_err(|source| HtmlEvalError::Io {
            path: g.html.clone(),
            source,
        })?;
        let html = gunzip(&raw, usize::MAX).map_err(|e| HtmlEvalError::Format {
            path: g.html.clone(),
            message: e.to_string(),
        })?;
        bytes_total += html.len();
        pages.push(html);
    }
    let extractor = Extractor::default();
    let mut preds = Vec::with_capacity(gold.len());
    let mut failures = 0;
    let start = Instant::now();
    for (g, html) in gold.iter().zip(&pages) {
        let ctx = PageContext {
            url: g.url.as_deref(),
            content_type: None,
        };
        match extractor.extract(html, &ctx) {
            Ok(x) => preds.push(Some(Prediction {
                id: g.id.clone(),
                author: x.author(),
                published: x.published.as_ref().map(|d| d.value.clone()),
                updated: x.updated.as_ref().map(|d| d.value.clone()),
                page_type: Some(x.page_type.as_str().to_string()),
                title: x.title,
                text: x.text,
            })),
            Err(_) => {
                failures += 1;
                preds.push(None);
            }
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    let mut report = score(&gold, &preds);
    let html: Vec<Option<&[u8]>> = pages.iter().map(|p| Some(p.as_slice())).collect();
    report.date_audit = DateAudit::new(&gold, &preds, &html);
    report.data = dir.display().to_string();
    report.system = "newsdesk".to_string();
    report.failures = failures;
    report.seconds = seconds;
    if seconds > 0.0 {
        report.pages_per_second = gold.len() as f64 / seconds;
        report.mb_per_second = bytes_total as f64 / 1e6 / seconds;
    }
    Ok(report)
}

/// Score a predictions file (JSON Lines of [`Prediction`], joined to the gold by `id`):
/// how candidate extractors outside newsdesk are measured with the same code.
pub fn evaluate_predictions(dir: &Path, file: &Path) -> Result<HtmlReport, HtmlEvalError> {
    let gold = load_gold(dir)?;
    let f = std::fs::File::open(file).map_err(|source| HtmlEvalError::Io {
        path: file.to_path_buf(),
        source,
    })?;
    let mut by_id: HashMap<String, Prediction> = HashMap::new();
    for (n, line) in std::io::BufReader::new(f).lines().enumerate() {
        let line = line.map_err(|source| HtmlEvalError::Io {
            path: file.to_path_buf(),
            source,
        })?;
        if line.trim().is_empty() {
            continue;
        }
        let p: Prediction = serde_json::from_str(&line).map_err(|e| HtmlEvalError::Format {
            path: file.to_path_buf(),
            message: format!("line {}: {e}", n + 1),
        })?;
        by_id.insert(p.id.clone(), p);
    }
    let preds: Vec<Option<Prediction>> = gold.iter().map(|g| by_id.remove(&g.id)).collect();
    let failures = preds.iter().filter(|p| p.is_none()).count();
    let mut report = score(&gold, &preds);
    // The audit reads the pages whose date missed (a page that cannot be read counts
    // as not showing the date).
    let pages: Vec<Option<Vec<u8>>> = gold
        .iter()
        .zip(&preds)
        .map(|(g, p)| {
            let missed = g.page_type == "article"
                && g.date.is_some()
                && p.as_ref()
                    .and_then(|p| p.published.as_deref())
                    .and_then(|v| v.get(..10))
                    != g.date.as_deref().and_then(|v| v.get(..10));
            missed
                .then(|| std::fs::read(&g.html).ok())
                .flatten()
                .and_then(|raw| gunzip(&raw, usize::MAX).ok())
        })
        .collect();
    let html: Vec<Option<&[u8]>> = pages.iter().map(Option::as_deref).collect();
    report.date_audit = DateAudit::new(&gold, &preds, &html);
    report.data = dir.display().to_string();
    report.system = file.display().to_string();
    report.failures = failures;
    Ok(report)
}

/// Score predictions aligned with `gold` (`None`: the extractor failed on that page).
pub fn score(gold: &[GoldPage], preds: &[Option<Prediction>]) -> HtmlReport {
    let mut all = Acc::default();
    let mut art = Acc::default();
    let mut meta_all = MetaAcc::default();
    let mut meta_art = MetaAcc::default();
    let mut pt = PtAcc::default();
    let mut worst = Vec::new();
    let mut pages = Vec::new();
    let empty = Prediction::default();
    for (g, p) in gold.iter().zip(preds) {
        let p = p.as_ref().unwrap_or(&empty);
        let (prec, rec) = shingle_pr(&g.body, &p.text);
        let is_article = g.page_type == "article";
        all.add(prec, rec);
        meta_all.add(g, p);
        if is_article {
            art.add(prec, rec);
            meta_art.add(g, p);
            worst.push((g.id.clone(), prec.unwrap_or(0.0), rec.unwrap_or(1.0)));
            pages.push(PageResult {
                id: g.id.clone(),
                url: g.url.clone(),
                precision: prec,
                recall: rec,
                title: (g.title.clone(), p.title.clone()),
                author: (g.author.clone(), p.author.clone()),
                date: (g.date.clone(), p.published.clone()),
                updated: p.updated.clone(),
                page_type: p.page_type.clone(),
            });
        }
        if let Some(t) = &p.page_type {
            pt.add(is_article, t == "article");
        }
    }
    let f = |x: &(String, f64, f64)| f1(x.1, x.2);
    worst.sort_by(|a, b| f(a).total_cmp(&f(b)));
    worst.truncate(15);
    HtmlReport {
        all: all.finish(gold.len()),
        articles: art.finish(gold.iter().filter(|g| g.page_type == "article").count()),
        meta_articles: meta_art.finish(),
        meta_all: meta_all.finish(),
        page_type: pt.finish(),
        worst,
        article_pages: pages,
        ..HtmlReport::default()
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

#[derive(Default)]
struct Acc {
    p_sum: f64,
    p_n: usize,
    r_sum: f64,
    r_n: usize,
}

impl Acc {
    fn add(&mut self, p: Option<f64>, r: Option<f64>) {
        if let Some(p) = p {
            self.p_sum += p;
            self.p_n += 1;
        }
        if let Some(r) = r {
            self.r_sum += r;
            self.r_n += 1;
        }
    }

    fn finish(&self, pages: usize) -> BodyScores {
        let precision = if self.p_n == 0 {
            0.0
        } else {
            self.p_sum / self.p_n as f64
        };
        let recall = if self.r_n == 0 {
            0.0
        } else {
            self.r_sum / self.r_n as f64
        };
        BodyScores {
            pages,
            precision,
            recall,
            f1: f1(precision, recall),
            predicted_pages: self.p_n,
            gold_pages: self.r_n,
        }
    }
}

#[derive(Default)]
struct MetaAcc {
    title: RateAcc,
    author: RateAcc,
    date: RateAcc,
    date_or_update: RateAcc,
}

impl MetaAcc {
    fn add(&mut self, g: &GoldPage, p: &Prediction) {
        self.title
            .add(g.title.as_deref(), p.title.as_deref(), |a, b| {
                fold(a) == fold(b)
            });
        self.author
            .add(g.author.as_deref(), p.author.as_deref(), |a, b| {
                fold(a) == fold(b)
            });
        let same_day = |a: &str, b: &str| a.get(..10).is_some_and(|d| Some(d) == b.get(..10));
        self.date
            .add(g.date.as_deref(), p.published.as_deref(), same_day);
        self.date_or_update.add(
            g.date.as_deref(),
            p.published.as_deref().or(p.updated.as_deref()),
            same_day,
        );
    }

    fn finish(&self) -> MetaScores {
        MetaScores {
            title: self.title.finish(),
            author: self.author.finish(),
            date: self.date.finish(),
            date_or_update: self.date_or_update.finish(),
        }
    }
}

#[derive(Default)]
struct RateAcc {
    gold: usize,
    matched: usize,
    spurious: usize,
}

impl RateAcc {
    fn add(&mut self, gold: Option<&str>, pred: Option<&str>, eq: impl Fn(&str, &str) -> bool) {
        let pred = pred.filter(|p| !p.trim().is_empty());
        match (gold, pred) {
            (Some(g), Some(p)) => {
                self.gold += 1;
                if eq(g, p) {
                    self.matched += 1;
                }
            }
            (Some(_), None) => self.gold += 1,
            (None, Some(_)) => self.spurious += 1,
            (None, None) => {}
        }
    }

    fn finish(&self) -> MatchRate {
        MatchRate {
            gold: self.gold,
            matched: self.matched,
            rate: if self.gold == 0 {
                0.0
            } else {
                self.matched as f64 / self.gold as f64
            },
            spurious: self.spurious,
        }
    }
}

#[derive(Default)]
struct PtAcc {
    n: usize,
    right: usize,
    tp: usize,
    called: usize,
    gold_articles: usize,
}

impl PtAcc {
    fn add(&mut self, gold_article: bool, said_article: bool) {
        self.n += 1;
        if gold_article == said_article {
            self.right += 1;
        }
        if said_article {
            self.called += 1;
        }
        if gold_article {
            self.gold_articles += 1;
            if said_article {
                self.tp += 1;
            }
        }
    }

    fn finish(&self) -> PageTypeScores {
        let r = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        PageTypeScores {
            pages: self.n,
            accuracy: r(self.right, self.n),
            article_precision: r(self.tp, self.called),
            article_recall: r(self.tp, self.gold_articles),
        }
    }
}

/// Lowercase, whitespace runs to one space, trimmed: the folding of the title match.
pub fn fold(s: &str) -> String {
    s.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words of a text as the benchmark's `\w+` finds them: runs of letters, digits,
/// marks and `_`.
pub fn words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let w = c.is_alphanumeric() || c == '_' || is_mark(c);
        match (w, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// Combining marks, which Python's `\w` counts as word characters (the common blocks).
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05C7 | 0x0610..=0x061A
        | 0x064B..=0x065F | 0x0900..=0x0903 | 0x093A..=0x094F | 0x0E31..=0x0E3A | 0x0E47..=0x0E4E)
}

/// The 4-word shingles of a text as a multiset (a text of 1–3 words is one shingle).
pub fn shingles(text: &str) -> HashMap<Vec<&str>, u32> {
    let w = words(text);
    let mut m: HashMap<Vec<&str>, u32> = HashMap::new();
    if w.is_empty() {
        return m;
    }
    if w.len() < 4 {
        *m.entry(w).or_default() += 1;
        return m;
    }
    for win in w.windows(4) {
        *m.entry(win.to_vec()).or_default() += 1;
    }
    m
}

/// One page's shingle precision (`None` when the prediction is empty) and recall (`None`
/// when the gold is empty).
pub fn shingle_pr(gold: &str, pred: &str) -> (Option<f64>, Option<f64>) {
    let g = shingles(gold);
    let p = shingles(pred);
    let gn: u32 = g.values().sum();
    let pn: u32 = p.values().sum();
    let matched: u32 = p
        .iter()
        .map(|(k, &n)| n.min(g.get(k).copied().unwrap_or(0)))
        .sum();
    let prec = (pn > 0).then(|| f64::from(matched) / f64::from(pn));
    let rec = (gn > 0).then(|| f64::from(matched) / f64::from(gn));
    (prec, rec)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_like_python_w() {
        assert_eq!(
            words("Don't stop—it's 2025_q1, café!"),
            vec!["Don", "t", "stop", "it", "s", "2025_q1", "café"]
        );
    }

    #[test]
    fn shingle_scores() {
        let gold = "one two three four five";
        // Same text: perfect.
        assert_eq!(shingle_pr(gold, gold), (Some(1.0), Some(1.0)));
        // Half the gold shingles, plus one wrong shingle.
        let (p, r) = shingle_pr(gold, "one two three four");
        assert_eq!((p, r), (Some(1.0), Some(0.5)));
        let (p, r) = shingle_pr(gold, "one two three four nine");
        assert_eq!((p, r), (Some(0.5), Some(0.5)));
        // Empty prediction: no precision, zero recall.
        assert_eq!(shingle_pr(gold, "  "), (None, Some(0.0)));
        // Empty gold: no recall.
        assert_eq!(shingle_pr("", "a b c d"), (Some(0.0), None));
        // Multisets: a repeated shingle only matches as often as the gold has it.
        let (p, _) = shingle_pr("a b c d", "a b c d a b c d");
        assert!(p.is_some_and(|p| (p - 0.2).abs() < 1e-9), "{p:?}");
        // Case is kept.
        assert_eq!(shingle_pr("A b c d", "a b c d"), (Some(0.0), Some(0.0)));
    }

    #[test]
    fn averages_and_rates() {
        let page = |id: &str, kind: &str, body: &str| GoldPage {
            id: id.into(),
            url: None,
            page_type: kind.into(),
            title: Some("The  Title".into()),
            author: None,
            date: Some("2025-06-01".into()),
            body: body.into(),
            html: PathBuf::new(),
        };
        let gold = vec![
            page("1", "article", "a b c d e"),
            page("2", "listing", "w x y z"),
        ];
        let preds = vec![
            Some(Prediction {
                text: "a b c d".into(),
                title: Some("the title".into()),
                author: Some("Someone".into()),
                published: Some("2025-06-01T10:00:00+02:00".into()),
                page_type: Some("article".into()),
                ..Prediction::default()
            }),
            None,
        ];
        let r = score(&gold, &preds);
        // Precision over the one page with a prediction; recall over both gold pages.
        assert_eq!(r.all.predicted_pages, 1);
        assert!((r.all.precision - 1.0).abs() < 1e-9);
        assert!((r.all.recall - 0.25).abs() < 1e-9);
        assert!((r.articles.recall - 0.5).abs() < 1e-9);
        assert_eq!(r.meta_articles.title.matched, 1);
        assert_eq!(r.meta_articles.date.matched, 1);
        assert_eq!(r.meta_articles.author.spurious, 1);
        assert_eq!(r.page_type.pages, 1);
        assert!((r.page_type.accuracy - 1.0).abs() < 1e-9);
    }

    #[test]
    fn dates_written_in_the_page() {
        let has = |html: &str| date_in_page(html.as_bytes(), 2025, 7, 9);
        assert!(has("<p>Updated on July 9, 2025</p>"));
        assert!(has("<span>9th of Jul. 2025</span>"));
        assert!(has("<time>09/07/2025</time>"));
        assert!(has("<time>7/9/25</time>"));
        assert!(has("{\"dateModified\":\"2025-07-09T10:00:00Z\"}"));
        assert!(has("<p>Posted\n  July&nbsp;9,\t2025</p>"));
        assert!(!has("<p>July 19, 2025</p>"));
        assert!(!has("<p>117/9/2025 and 7/9/20255</p>"));
        assert!(!has("<p>2025-07-19</p>"));
    }

    #[test]
    fn date_audit_tells_the_update_and_absent_dates_from_misses() {
        let page = |id: &str, date: &str| GoldPage {
            id: id.into(),
            url: None,
            page_type: "article".into(),
            title: None,
            author: None,
            date: Some(date.into()),
            body: String::new(),
            html: PathBuf::new(),
        };
        let gold = vec![
            page("1", "2025-06-01"),
            page("2", "2025-06-02"),
            page("3", "2025-06-03"),
            page("4", "2025-06-04"),
            page("5", "2015-11"),
        ];
        let pred = |published: &str, updated: Option<&str>| {
            Some(Prediction {
                published: Some(published.into()),
                updated: updated.map(Into::into),
                ..Prediction::default()
            })
        };
        let preds = vec![
            pred("2025-06-01T08:00:00Z", None),
            pred("2024-01-01", Some("2025-06-02")),
            pred("2024-01-01", None),
            pred("2024-01-01", None),
            pred("2015-11-05", None),
        ];
        let html: Vec<Option<&[u8]>> = vec![
            None,
            None,
            Some(b"<p>Published June 3, 2025</p>"),
            Some(b"<p>Published January 1, 2024</p>"),
            None,
        ];
        let a = DateAudit::new(&gold, &preds, &html);
        assert_eq!(
            (
                a.gold,
                a.matched,
                a.gold_is_update,
                a.not_in_page,
                a.no_day,
                a.other
            ),
            (5, 1, 1, 1, 1, 1)
        );
        assert!((a.ceiling - 2.0 / 5.0).abs() < 1e-9);
    }
}
