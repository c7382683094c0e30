//! The events side of the CLI: `newsdesk eval events`.

use crate::{Global, Outcome};
use anyhow::{Context, Result};
use newsdesk_analyze::Config;
use newsdesk_analyze::events::{Discards, EventCoder};
use std::io::Write;
use std::path::Path;

/// `pipeline` with its event coder extended by the `--verbs` files and the `--discards`
/// lists (unchanged without any). A file that does not load is an error naming its line;
/// PETRARCH lines we could not read are listed on stderr (unless `--quiet`).
pub fn with_user_verbs(
    g: &Global,
    pipeline: newsdesk_analyze::Pipeline,
) -> Result<newsdesk_analyze::Pipeline> {
    if g.verbs.is_empty() && g.discards.is_empty() {
        return Ok(pipeline);
    }
    let mut discards = Discards::default();
    for p in &g.discards {
        let text = std::fs::read_to_string(p)
            .with_context(|| format!("cannot read the discards file {}", p.display()))?;
        discards = discards.merged(Discards::parse(&p.display().to_string(), &text)?);
    }
    if g.verbs.is_empty() {
        let (cameo, verbs) = EventCoder::load_builtin()?;
        let coder = EventCoder::new(cameo, verbs).with_discards(discards);
        return Ok(pipeline.with_events(std::sync::Arc::new(coder)));
    }
    let mut texts = Vec::new();
    for p in &g.verbs {
        let text = std::fs::read_to_string(p)
            .with_context(|| format!("cannot read the verbs file {}", p.display()))?;
        texts.push((p.display().to_string(), text));
    }
    let files: Vec<(&str, &str)> = texts
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let (coder, warnings) = EventCoder::with_user_verb_files(&files)?;
    if !g.quiet && !warnings.is_empty() {
        eprintln!(
            "verbs: {} pattern(s) not read (first: {})",
            warnings.len(),
            warnings[0]
        );
    }
    Ok(pipeline.with_events(std::sync::Arc::new(coder.with_discards(discards))))
}

/// `newsdesk eval events`: per-dataset P/R/F1 at the event, code, pair and exact levels.
pub fn eval_events(g: &Global, data: &Path, limit: Option<usize>) -> Result<Outcome> {
    if let Some(e) = EventCoder::builtin_error() {
        anyhow::bail!("the embedded event dictionaries do not load: {e}");
    }
    let pipeline = crate::cmd_actors::pipeline(g, Config::default())?;
    let petr = newsdesk_eval::events::petr_pipeline(data);
    let r = newsdesk_eval::events::evaluate(data, &pipeline, petr.as_ref(), limit)
        .with_context(|| format!("cannot evaluate on {}", data.display()))?;
    let mut out = std::io::stdout().lock();
    if g.json {
        serde_json::to_writer(&mut out, &r)?;
        writeln!(out)?;
        return Ok(Outcome::Done);
    }
    writeln!(out, "events on {}", data.display())?;
    for d in &r.datasets {
        writeln!(
            out,
            "{} ({} sentences, {} gold events, {} predicted{})",
            d.dataset,
            d.sentences,
            d.gold_events,
            d.predicted_events,
            if d.pentaclass {
                ", codes as 5-class groups"
            } else {
                ""
            }
        )?;
        writeln!(
            out,
            "  {:<11} {:>9} {:>7} {:>7} {:>6} {:>6} {:>6}",
            "level", "precision", "recall", "F1", "tp", "fp", "fn"
        )?;
        for l in &d.levels {
            writeln!(
                out,
                "  {:<11} {:>9.4} {:>7.4} {:>7.4} {:>6} {:>6} {:>6}",
                l.name, l.precision, l.recall, l.f1, l.tp, l.fp, l.fn_
            )?;
        }
        if d.no_event_sentences > 0 {
            writeln!(
                out,
                "  no-event sentences: {} of {} got events ({} false events)",
                d.false_event_sentences, d.no_event_sentences, d.false_events
            )?;
        }
        writeln!(
            out,
            "  {:.0} sentences/s on one thread, whole pipeline",
            d.sentences_per_second
        )?;
    }
    writeln!(
        out,
        "all: {:.0} sentences/s ({} build); `--json` adds sample errors",
        r.sentences_per_second, r.build
    )?;
    Ok(Outcome::Done)
}

/// Filters of `newsdesk events`.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// Source or target code starts with this (`IRN`, `USAGOV`).
    pub actor: Option<String>,
    /// `SOURCE-TARGET`: source starts with the first, target with the second.
    pub dyad: Option<(String, String)>,
    /// Events dated on or after this day (`YYYY-MM-DD`).
    pub since: Option<String>,
}

/// The command-line filters shared by `events` and `export` (flattened into both).
#[derive(clap::Args, Debug, Clone)]
pub struct EventFilterArgs {
    /// Only events whose source or target code starts with this (IRN, USAGOV).
    #[arg(long)]
    pub actor: Option<String>,
    /// Only events from SOURCE to TARGET, by code prefix (USA-IRN).
    #[arg(long)]
    pub dyad: Option<String>,
    /// Only events dated on or after this day (YYYY-MM-DD).
    #[arg(long)]
    pub since: Option<String>,
}

impl EventFilterArgs {
    /// The filter, with `--dyad` checked and split.
    pub fn parse(self) -> Result<EventFilter> {
        Ok(EventFilter {
            actor: self.actor,
            dyad: self.dyad.as_deref().map(parse_dyad).transpose()?,
            since: self.since,
        })
    }
}

impl EventFilter {
    /// Whether `e` passes.
    pub fn keep(&self, e: &newsdesk_core::Event) -> bool {
        let code = |a: &Option<newsdesk_core::EventActor>| {
            a.as_ref().map_or(String::new(), |a| a.code.clone())
        };
        let (s, t) = (code(&e.source), code(&e.target));
        if let Some(a) = &self.actor
            && !(s.starts_with(a.as_str()) || t.starts_with(a.as_str()))
        {
            return false;
        }
        if let Some((a, b)) = &self.dyad
            && !(s.starts_with(a.as_str()) && t.starts_with(b.as_str()))
        {
            return false;
        }
        if let Some(since) = &self.since
            && e.date.as_deref().is_none_or(|d| d < since.as_str())
        {
            return false;
        }
        true
    }
}

/// Parse `--dyad USA-IRN`.
pub fn parse_dyad(s: &str) -> Result<(String, String)> {
    match s.split_once('-') {
        Some((a, b)) if !a.is_empty() && !b.is_empty() => Ok((a.to_string(), b.to_string())),
        _ => anyhow::bail!("--dyad takes SOURCE-TARGET, such as USA-IRN (got {s:?})"),
    }
}

/// One stored event with what the listings and exports print about its article.
pub struct Row {
    pub article: newsdesk_core::ArticleId,
    pub url: Option<String>,
    pub published: Option<String>,
    /// The text of the event's evidence span.
    pub snippet: String,
    pub event: newsdesk_core::Event,
}

/// Every stored event that passes `filter`, oldest first (undated last), then by article
/// and position. The analyses in the store hold the events; filtering is done here.
pub fn gather(g: &Global, filter: &EventFilter) -> Result<Vec<Row>> {
    let store =
        newsdesk_store::open(&g.db).with_context(|| format!("cannot open the store {}", g.db))?;
    let mut rows: Vec<Row> = Vec::new();
    let mut offset = 0;
    loop {
        let page = store.articles(newsdesk_store::Page { limit: 500, offset })?;
        if page.is_empty() {
            break;
        }
        offset += page.len();
        for s in page {
            let Some(stored) = store.article(&s.id)? else {
                continue;
            };
            let text = &stored.article.text;
            for e in stored.analysis.events {
                if filter.keep(&e) {
                    rows.push(Row {
                        article: s.id.clone(),
                        url: stored.article.url.clone(),
                        published: stored.article.published.clone(),
                        snippet: e.evidence.span.slice(text).to_string(),
                        event: e,
                    });
                }
            }
        }
    }
    rows.sort_by(|a, b| {
        let key = |r: &Row| (r.event.date.is_none(), r.event.date.clone());
        key(a)
            .cmp(&key(b))
            .then_with(|| a.article.cmp(&b.article))
            .then(
                a.event
                    .evidence
                    .span
                    .start
                    .cmp(&b.event.evidence.span.start),
            )
    });
    Ok(rows)
}

/// One event as a JSON object: the event, its root, article and evidence text.
fn event_json(r: &Row) -> Result<serde_json::Value> {
    let mut v = serde_json::to_value(&r.event)?;
    v["article"] = serde_json::Value::String(r.article.to_string());
    v["root"] = serde_json::Value::String(r.event.code.root().to_string());
    v["text"] = serde_json::Value::String(r.snippet.clone());
    Ok(v)
}

/// `newsdesk events`: the stored events that pass `filter`, oldest first, at most `limit`.
pub fn list(g: &Global, filter: &EventFilter, limit: usize) -> Result<Outcome> {
    let mut rows = gather(g, filter)?;
    rows.truncate(limit);
    let mut out = std::io::stdout().lock();
    for r in &rows {
        let e = &r.event;
        if g.json {
            serde_json::to_writer(&mut out, &event_json(r)?)?;
            writeln!(out)?;
        } else {
            let side = |a: &Option<newsdesk_core::EventActor>| {
                a.as_ref()
                    .map_or("-".to_string(), |a| format!("{} ({})", a.text, a.code))
            };
            writeln!(
                out,
                "{}  {:<4} {:>5.1}  {} → {}  | {}",
                e.date.as_deref().unwrap_or("----------"),
                e.code.0,
                e.goldstein,
                side(&e.source),
                side(&e.target),
                r.snippet.replace('\n', " ")
            )?;
        }
    }
    Ok(if rows.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Done
    })
}

/// Export formats.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// The GDELT 2.0 events table: 61 tab-separated columns, no header, as GDELT's own
    /// files, so that tools built for GDELT load it.
    Gdelt,
    /// One JSON object per event (as `newsdesk events --json`).
    Jsonl,
}

/// `newsdesk export`: every stored event passing `filter`, to stdout.
pub fn export(g: &Global, filter: &EventFilter, format: ExportFormat) -> Result<Outcome> {
    let rows = gather(g, filter)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (i, r) in rows.iter().enumerate() {
        match format {
            ExportFormat::Jsonl => {
                serde_json::to_writer(&mut out, &event_json(r)?)?;
                writeln!(out)?;
            }
            ExportFormat::Gdelt => writeln!(out, "{}", gdelt_row(i as u64 + 1, r))?,
        }
    }
    out.flush()?;
    Ok(if rows.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Done
    })
}

/// The actor columns of GDELT (Code, Name, CountryCode, KnownGroupCode, EthnicCode,
/// Religion1Code, Religion2Code, Type1Code, Type2Code, Type3Code) from a CAMEO-style code:
/// `IRNGOV` → country `IRN`, type `GOV`; `IGOUNOIAE` → type `IGO`, known group `UNO`.
fn gdelt_actor(a: Option<&newsdesk_core::EventActor>) -> [String; 10] {
    let mut c: [String; 10] = Default::default();
    let Some(a) = a else { return c };
    let code = a.code.trim_start_matches('-');
    if a.code.starts_with("---") && code.is_empty() {
        c[1] = clean(&a.text).to_uppercase();
        return c;
    }
    c[0] = code.to_string();
    c[1] = clean(&a.text).to_uppercase();
    let blocks: Vec<&str> = (0..code.len() / 3)
        .filter_map(|i| code.get(i * 3..i * 3 + 3))
        .collect();
    let mut types = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let is_type = newsdesk_analyze::events::is_type_block(b);
        if i == 0 && !is_type && !a.code.starts_with("---") {
            c[2] = b.to_string();
        } else if is_type && types.len() < 3 {
            types.push(b.to_string());
        } else if c[3].is_empty() && (i > 0 || a.code.starts_with("---")) {
            c[3] = b.to_string();
        }
    }
    for (k, t) in types.into_iter().enumerate() {
        c[7 + k] = t;
    }
    c
}

/// A field without tabs or line breaks.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c == '\t' || c == '\n' || c == '\r' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// One GDELT 2.0 events row (61 columns). Geography is left empty (type 0), tone 0, one
/// mention, source and article each; `IsRootEvent` is 1 for events of the lead sentence.
fn gdelt_row(id: u64, r: &Row) -> String {
    let e = &r.event;
    let day = e
        .date
        .as_deref()
        .or(r.published.as_deref())
        .and_then(newsdesk_core::date::date_part);
    let (sqldate, monthyear, year, fraction) = match day {
        Some(d) => {
            let year = d.format("%Y").to_string();
            let doy: f64 = d.format("%j").to_string().parse().unwrap_or(1.0);
            let y: f64 = year.parse().unwrap_or(0.0);
            (
                d.format("%Y%m%d").to_string(),
                d.format("%Y%m").to_string(),
                year,
                format!("{:.4}", y + (doy - 1.0) / 365.0),
            )
        }
        None => Default::default(),
    };
    let added = r
        .published
        .as_deref()
        .and_then(newsdesk_core::date::date_part)
        .map_or_else(String::new, |d| d.format("%Y%m%d000000").to_string());
    let code = e.code.0.as_str();
    let mut cols: Vec<String> = Vec::with_capacity(61);
    cols.push(id.to_string());
    cols.push(sqldate);
    cols.push(monthyear);
    cols.push(year);
    cols.push(fraction);
    cols.extend(gdelt_actor(e.source.as_ref()));
    cols.extend(gdelt_actor(e.target.as_ref()));
    cols.push(if e.evidence.sentence == 0 { "1" } else { "0" }.into());
    cols.push(code.to_string());
    cols.push(code.get(..3).unwrap_or(code).to_string());
    cols.push(e.code.root().to_string());
    cols.push(e.quad_class.to_string());
    cols.push(format!("{:.1}", e.goldstein));
    cols.extend(["1", "1", "1", "0"].map(String::from));
    for _ in 0..3 {
        // Geo_Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long, FeatureID
        cols.push("0".into());
        cols.extend(std::iter::repeat_n(String::new(), 7));
    }
    cols.push(added);
    cols.push(clean(r.url.as_deref().unwrap_or(r.article.as_str())));
    cols.join("\t")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gdelt_rows_have_61_columns_and_split_codes() {
        let actor = |text: &str, code: &str| newsdesk_core::EventActor {
            text: text.into(),
            start: 0,
            end: 1,
            code: code.into(),
        };
        let r = Row {
            article: newsdesk_core::ArticleId("a1".into()),
            url: Some("https://example.com/x".into()),
            published: Some("2025-06-22".into()),
            snippet: "US bombers struck".into(),
            event: newsdesk_core::Event {
                source: Some(actor("US bombers", "USAMIL")),
                target: Some(actor("IAEA", "IGOUNOIAE")),
                code: newsdesk_core::CameoCode("195".into()),
                quad_class: 4,
                goldstein: -10.0,
                plover: Some("ASSAULT".into()),
                date: Some("2025-06-22".into()),
                date_precision: Some(newsdesk_core::DatePrecision::Day),
                evidence: newsdesk_core::Evidence {
                    article: newsdesk_core::ArticleId("a1".into()),
                    sentence: 0,
                    span: newsdesk_core::Span::new(0, 5),
                },
            },
        };
        let row = gdelt_row(7, &r);
        let cols: Vec<&str> = row.split('\t').collect();
        assert_eq!(cols.len(), 61);
        assert_eq!(&cols[..4], &["7", "20250622", "202506", "2025"]);
        assert_eq!(&cols[5..8], &["USAMIL", "US BOMBERS", "USA"]);
        assert_eq!(cols[12], "MIL");
        assert_eq!(cols[15], "IGOUNOIAE");
        assert_eq!(cols[18], "UNO");
        assert_eq!(cols[22], "IGO");
        assert_eq!(&cols[25..31], &["1", "195", "195", "19", "4", "-10.0"]);
        assert_eq!(cols[59], "20250622000000");
        assert_eq!(cols[60], "https://example.com/x");
    }
}
