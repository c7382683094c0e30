//! The web side of the CLI: `ingest URL|FEED|OPML`, `watch` and `feeds`.
//!
//! One [`Runner`] does the work for both `ingest` and `watch`: read a source (a URL, a
//! local feed or OPML file), tell what it is by its content, and for a feed: fetch it
//! (conditionally, with the validators the store kept), skip the items seen before (by
//! GUID and by canonical URL), fetch the new items' pages in parallel (per-host limits in
//! the fetcher), extract them, and ingest the articles and rejects through the engine.
//! Every failure is a reject naming its URL; a failing feed also gets its error and its
//! backoff recorded, which `newsdesk feeds` shows.

use crate::{FormatArg, Global, Outcome};
use anyhow::{Context, Result};
use chrono::{DateTime, SecondsFormat, Utc};
use newsdesk_analyze::Config;
use newsdesk_core::{Reject, SourceRef, canonical_url};
use newsdesk_engine::{Engine, Progress, Report};
use newsdesk_ingest::feed::{self, DocumentKind};
use newsdesk_ingest::fetch::{self, FetchConfig, FetchError, FetchOutcome, Fetcher, Page};
use newsdesk_ingest::{Item, Options};
use newsdesk_store::{FeedState, SeenItem};
use serde::Serialize;
use std::io::{Read, Write};
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Settings of every HTTP request of a run.
#[derive(clap::Args, Debug, Clone)]
pub struct FetchArgs {
    /// Timeout for connecting, for each read and for a whole download (500ms, 20s, 1m).
    #[arg(long, default_value = "20s", value_parser = parse_duration)]
    pub timeout: Duration,
    /// Least time between the starts of two requests to the same host.
    #[arg(long, default_value = "500ms", value_parser = parse_duration)]
    pub host_delay: Duration,
    /// Requests in flight at once to the same host.
    #[arg(long, default_value_t = 2)]
    pub per_host: usize,
    /// The largest response accepted, in bytes; a larger download is stopped there.
    #[arg(long, default_value_t = 20_000_000)]
    pub max_bytes: u64,
    /// Fetch the pages that feeds list even where the site's robots.txt disallows it (for
    /// sites that gave you leave by other means). URLs named on the command line are
    /// always fetched.
    #[arg(long)]
    pub ignore_robots: bool,
    /// Trust the certificates of this PEM file for HTTPS instead of the bundled Mozilla
    /// roots (a newsroom proxy, an internal CA), like curl's `--cacert`.
    #[arg(long, value_name = "PEM")]
    pub ca_cert: Option<std::path::PathBuf>,
}

impl FetchArgs {
    fn config(&self) -> Result<FetchConfig> {
        let root_certs = match &self.ca_cert {
            Some(path) => {
                let pem = std::fs::read(path)
                    .with_context(|| format!("cannot read --ca-cert {}", path.display()))?;
                fetch::read_pem_certificates(&pem)
                    .with_context(|| format!("--ca-cert {}", path.display()))?
            }
            None => Vec::new(),
        };
        Ok(FetchConfig {
            max_bytes: self.max_bytes,
            per_host_concurrency: self.per_host.max(1),
            per_host_delay: self.host_delay,
            respect_robots: !self.ignore_robots,
            root_certs,
            ..FetchConfig::default()
        }
        .with_timeout(self.timeout))
    }
}

/// Pages fetched at once across hosts (the per-host limit still applies).
const WORKERS: usize = 4;

/// Feed documents fetched ahead of processing in `watch` and for OPML lists: a bound on
/// the documents held in memory at once.
const PREFETCH: usize = 16;

/// Backoff after errors never waits longer than this.
const MAX_BACKOFF: Duration = Duration::from_secs(24 * 3600);

/// Backoff starts from at least this, however short `--every` is, so that a broken feed
/// polled every few seconds does not hammer its server.
const MIN_BACKOFF_BASE: Duration = Duration::from_secs(60);

/// `500ms`, `20s`, `5m`, `1h`, `2.5s`, or a bare number of seconds.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: f64 = num
        .parse()
        .map_err(|_| format!("{s:?} is not a duration (examples: 500ms, 20s, 5m, 1h)"))?;
    let secs = match unit.trim() {
        "ms" => n / 1000.0,
        "" | "s" => n,
        "m" | "min" => n * 60.0,
        "h" => n * 3600.0,
        other => {
            return Err(format!(
                "unknown unit {other:?} in {s:?} (use ms, s, m or h)"
            ));
        }
    };
    if !secs.is_finite() || !(0.0..=1e9).contains(&secs) {
        return Err(format!("{s:?} is out of range"));
    }
    Ok(Duration::from_secs_f64(secs))
}

fn is_url(s: &str) -> bool {
    let l = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    l.starts_with("http://") || l.starts_with("https://")
}

/// Whether a command-line input is for this module: a URL, or a local file whose content
/// is a feed or an OPML list (any other file goes to the plain readers).
fn is_web_source(s: &str) -> bool {
    if is_url(s) {
        return true;
    }
    let path = std::path::Path::new(s);
    if !path.is_file() {
        return false;
    }
    let mut head = Vec::with_capacity(4096);
    let read = std::fs::File::open(path).and_then(|f| f.take(4096).read_to_end(&mut head));
    read.is_ok()
        && matches!(
            feed::sniff_document(&head),
            DocumentKind::Feed | DocumentKind::Opml
        )
}

/// `newsdesk ingest` when some inputs are URLs, feeds or OPML lists: those are handled
/// here, the other inputs by the plain readers in the same run. `None` when there are no
/// such inputs (the caller's plain ingest handles everything).
pub fn ingest(
    g: &Global,
    paths: &[String],
    format: FormatArg,
    batch_size: usize,
    fetch_args: &FetchArgs,
) -> Result<Option<Outcome>> {
    let (web, local): (Vec<String>, Vec<String>) =
        paths.iter().cloned().partition(|p| is_web_source(p));
    if web.is_empty() {
        return Ok(None);
    }
    let started = Instant::now();
    let mut runner = Runner::new(g, batch_size, fetch_args, None)?;
    let mut total = Report::default();
    if !local.is_empty() {
        let mut reader = crate::commands::read_inputs(&local, format);
        let r = runner
            .engine
            .ingest(reader.by_ref(), &runner.progress)
            .context("ingest failed")?;
        total.add(&r);
    }
    for src in &web {
        runner.source(src, &mut total)?;
    }
    // Wall time, fetching included (the engine's own time is only the analysis).
    total.seconds = started.elapsed().as_secs_f64();
    print_summary(g, &total, &runner.feeds)?;
    Ok(Some(Outcome::Done))
}

/// `newsdesk watch`: poll the feeds named by `sources` (OPML lists, re-read each round,
/// or feed URLs/files) every `every`, for `rounds` rounds or until Ctrl-C.
pub fn watch(
    g: &Global,
    sources: &[String],
    every: Duration,
    rounds: Option<u64>,
    batch_size: usize,
    fetch_args: &FetchArgs,
) -> Result<Outcome> {
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = Arc::clone(&stop);
        // A second Ctrl-C while the batch in flight finishes ends the process at once.
        let installed = ctrlc::set_handler(move || {
            if stop.swap(true, Ordering::SeqCst) {
                std::process::exit(130);
            }
            eprintln!("newsdesk: stopping after the feed in flight (Ctrl-C again to quit now)");
        });
        if let Err(e) = installed {
            eprintln!("newsdesk: warning: Ctrl-C will not stop cleanly: {e}");
        }
    }
    let mut runner = Runner::new(g, batch_size, fetch_args, Some(every))?;
    let mut round = 0u64;
    while !stop.load(Ordering::SeqCst) {
        round += 1;
        let started = Instant::now();
        runner.feeds.clear();
        let mut total = Report::default();
        let feeds = runner.expand(sources, &mut total)?;
        runner.poll_many(&feeds, true, Some(&stop), &mut total)?;
        total.seconds = started.elapsed().as_secs_f64();
        print_round(g, round, &total, &runner.feeds)?;
        if rounds.is_some_and(|n| round >= n) {
            break;
        }
        // Sleep in short steps so that Ctrl-C is noticed at once.
        while !stop.load(Ordering::SeqCst) {
            let left = every.saturating_sub(started.elapsed());
            if left.is_zero() {
                break;
            }
            std::thread::sleep(left.min(Duration::from_millis(100)));
        }
    }
    Ok(Outcome::Done)
}

/// What one feed gave in this run (printed, and in `--json` output).
#[derive(Debug, Clone, Serialize)]
struct FeedRun {
    url: String,
    title: Option<String>,
    /// `ok`, `not_modified`, `error` or `backing_off`.
    status: &'static str,
    items: usize,
    new_items: usize,
    seen_before: usize,
    ingested: u64,
    rejected: u64,
    error: Option<String>,
    next_poll: Option<String>,
}

/// Prints rejects as they come (unless quiet).
struct FeedProgress {
    quiet: bool,
}

impl Progress for FeedProgress {
    fn rejected(&self, reject: &Reject) {
        if !self.quiet {
            eprintln!("newsdesk: rejected {reject}");
        }
    }
}

/// One run's engine, fetcher and results.
struct Runner {
    engine: Engine,
    fetcher: Fetcher,
    opts: Options,
    progress: FeedProgress,
    /// The polling interval of `watch` (a healthy feed's next poll); `None` for `ingest`.
    every: Option<Duration>,
    feeds: Vec<FeedRun>,
}

impl Runner {
    fn new(
        g: &Global,
        batch_size: usize,
        fetch_args: &FetchArgs,
        every: Option<Duration>,
    ) -> Result<Self> {
        let store = newsdesk_store::open(&g.db)
            .with_context(|| format!("cannot open the store {}", g.db))?;
        let mut engine = Engine::new(store, crate::cmd_actors::pipeline(g, Config::default())?)?;
        engine.batch_size = batch_size.max(1);
        Ok(Runner {
            engine,
            fetcher: Fetcher::new(fetch_args.config()?),
            opts: Options::default(),
            progress: FeedProgress { quiet: g.quiet },
            every,
            feeds: Vec::new(),
        })
    }

    /// Ingest items through the engine, adding to `total`.
    fn ingest_items(&mut self, items: Vec<Item>, total: &mut Report) -> Result<Report> {
        let r = self
            .engine
            .ingest(items, &self.progress)
            .context("ingest failed")?;
        total.add(&r);
        Ok(r)
    }

    /// A reject of `url` ingested on its own (so that `newsdesk rejects` lists it).
    fn reject(
        &mut self,
        url: &str,
        reason: impl std::fmt::Display,
        total: &mut Report,
    ) -> Result<()> {
        self.ingest_items(vec![fetch::reject(url, reason)], total)?;
        Ok(())
    }

    /// One `ingest` input: a page, a feed or an OPML list, told apart by content.
    fn source(&mut self, src: &str, total: &mut Report) -> Result<()> {
        let known = self.engine.store().feed(src)?;
        let loaded = match load(&self.fetcher, src, known.as_ref()) {
            Ok(l) => l,
            Err(e) if known.is_some() => {
                return self.feed_failed(src, &e.reason, e.retry_after, total);
            }
            Err(reason) => return self.reject(src, reason, total),
        };
        let (page, file) = match loaded {
            Loaded::NotModified => return self.not_modified(src, known),
            Loaded::Page(p) => (Some(p), Vec::new()),
            Loaded::File(b) => (None, b),
        };
        let bytes: &[u8] = page.as_ref().map_or(&file, |p| &p.body);
        match feed::sniff_document(bytes) {
            DocumentKind::Feed => self.feed_body(src, known, page.as_ref(), bytes, total),
            DocumentKind::Opml => {
                let base = page.as_ref().map(|p| p.url.as_str());
                match feed::parse_opml(bytes, base) {
                    Ok(subs) => {
                        let urls: Vec<String> = subs.into_iter().map(|s| s.xml_url).collect();
                        self.poll_many(&urls, false, None, total)
                    }
                    Err(e) => self.reject(src, e, total),
                }
            }
            DocumentKind::Html | DocumentKind::Other => match page {
                Some(p) => {
                    let item = fetch::page_item(&p, None, None, &self.opts);
                    self.ingest_items(vec![item], total)?;
                    Ok(())
                }
                None => self.reject(src, "not a feed or OPML list", total),
            },
        }
    }

    /// The feed URLs named by `watch`'s sources: OPML lists expanded (re-read every
    /// round, so edits to the list take effect), anything else taken as a feed.
    fn expand(&mut self, sources: &[String], total: &mut Report) -> Result<Vec<String>> {
        let mut out: Vec<String> = Vec::new();
        for src in sources {
            let local_opml = !is_url(src)
                && std::fs::File::open(src)
                    .and_then(|f| {
                        let mut head = Vec::new();
                        f.take(4096).read_to_end(&mut head).map(|_| head)
                    })
                    .is_ok_and(|h| feed::sniff_document(&h) == DocumentKind::Opml);
            let opml_name = src.to_ascii_lowercase().ends_with(".opml");
            if !(local_opml || opml_name) {
                out.push(src.clone());
                continue;
            }
            let bytes = match load(&self.fetcher, src, None) {
                Ok(Loaded::File(b)) => b,
                Ok(Loaded::Page(p)) => p.body,
                Ok(Loaded::NotModified) => continue,
                Err(reason) => {
                    self.reject(src, reason, total)?;
                    continue;
                }
            };
            let base = is_url(src).then_some(src.as_str());
            match feed::parse_opml(&bytes, base) {
                Ok(subs) => out.extend(subs.into_iter().map(|s| s.xml_url)),
                Err(e) => self.reject(src, e, total)?,
            }
        }
        let mut seen = std::collections::HashSet::new();
        out.retain(|u| seen.insert(u.clone()));
        Ok(out)
    }

    /// Poll feeds: conditional GET, then their new items. The feed documents are fetched
    /// a few at a time in parallel (a list of hundreds of feeds is not polled one timeout
    /// after another), then processed one by one in list order. With `respect_backoff`, a
    /// feed whose next poll is still ahead (after errors) is left alone this time. When
    /// `stop` is set, the feed in flight is finished and no other is started.
    fn poll_many(
        &mut self,
        urls: &[String],
        respect_backoff: bool,
        stop: Option<&AtomicBool>,
        total: &mut Report,
    ) -> Result<()> {
        let stopped = || stop.is_some_and(|s| s.load(Ordering::SeqCst));
        for chunk in urls.chunks(PREFETCH) {
            if stopped() {
                break;
            }
            let mut due: Vec<(String, Option<FeedState>)> = Vec::new();
            for url in chunk {
                let known = self.engine.store().feed(url)?;
                if respect_backoff && self.backing_off(url, known.as_ref()) {
                    continue;
                }
                due.push((url.clone(), known));
            }
            let fetcher = &self.fetcher;
            let loaded = par_map(due.len(), |i| {
                due.get(i)
                    .map(|(url, known)| load(fetcher, url, known.as_ref()))
                    .unwrap_or_else(|| Err(String::from("internal error: no such feed").into()))
            });
            for ((url, known), l) in due.into_iter().zip(loaded) {
                if stopped() {
                    break;
                }
                match l {
                    Ok(Loaded::NotModified) => self.not_modified(&url, known)?,
                    Ok(Loaded::Page(p)) => self.feed_body(&url, known, Some(&p), &p.body, total)?,
                    Ok(Loaded::File(b)) => self.feed_body(&url, known, None, &b, total)?,
                    Err(e) => self.feed_failed(&url, &e.reason, e.retry_after, total)?,
                }
            }
        }
        Ok(())
    }

    /// Whether a feed is in its backoff after errors (then noted in this run's report).
    fn backing_off(&mut self, url: &str, known: Option<&FeedState>) -> bool {
        let Some(st) = known else { return false };
        let until = st.next_poll.as_deref().and_then(parse_time);
        if st.consecutive_errors == 0 || until.is_none_or(|t| t <= Utc::now()) {
            return false;
        }
        self.feeds.push(FeedRun {
            url: url.to_string(),
            title: st.title.clone(),
            status: "backing_off",
            items: 0,
            new_items: 0,
            seen_before: 0,
            ingested: 0,
            rejected: 0,
            error: st.last_error.clone(),
            next_poll: st.next_poll.clone(),
        });
        true
    }

    fn not_modified(&mut self, url: &str, known: Option<FeedState>) -> Result<()> {
        let mut st = known.unwrap_or_else(|| FeedState {
            url: url.to_string(),
            ..FeedState::default()
        });
        st.last_success = Some(now());
        st.consecutive_errors = 0;
        st.next_poll = self.every.map(later);
        self.engine.store_mut().save_feed(&st)?;
        self.feeds.push(FeedRun {
            url: url.to_string(),
            title: st.title.clone(),
            status: "not_modified",
            items: 0,
            new_items: 0,
            seen_before: 0,
            ingested: 0,
            rejected: 0,
            error: None,
            next_poll: st.next_poll.clone(),
        });
        Ok(())
    }

    /// Record a failed poll: the error, one more in a row, the backoff (at least the
    /// server's `Retry-After`, when it gave one); and a reject.
    fn feed_failed(
        &mut self,
        url: &str,
        reason: &str,
        retry_after: Option<Duration>,
        total: &mut Report,
    ) -> Result<()> {
        let mut st = self.engine.store().feed(url)?.unwrap_or_else(|| FeedState {
            url: url.to_string(),
            ..FeedState::default()
        });
        st.consecutive_errors = st.consecutive_errors.saturating_add(1);
        st.last_error = Some(reason.to_string());
        st.last_error_time = Some(now());
        let wait = backoff(self.every, st.consecutive_errors)
            .max(retry_after.unwrap_or_default().min(MAX_BACKOFF));
        st.next_poll = Some(later(wait));
        self.engine.store_mut().save_feed(&st)?;
        self.reject(url, reason, total)?;
        self.feeds.push(FeedRun {
            url: url.to_string(),
            title: st.title.clone(),
            status: "error",
            items: 0,
            new_items: 0,
            seen_before: 0,
            ingested: 0,
            rejected: 1,
            error: Some(reason.to_string()),
            next_poll: st.next_poll.clone(),
        });
        Ok(())
    }

    /// A feed document was read: parse it, fetch and ingest its new items, remember them
    /// and the feed's state.
    fn feed_body(
        &mut self,
        url: &str,
        known: Option<FeedState>,
        page: Option<&Page>,
        bytes: &[u8],
        total: &mut Report,
    ) -> Result<()> {
        let base = page.map(|p| p.url.as_str());
        let parsed = match feed::parse_feed(bytes, base) {
            Ok(f) => f,
            Err(e) => return self.feed_failed(url, &e.to_string(), None, total),
        };
        let feed_title = parsed.title.clone();
        let mut run = FeedRun {
            url: url.to_string(),
            title: feed_title.clone(),
            status: "ok",
            items: parsed.items.len(),
            new_items: 0,
            seen_before: 0,
            ingested: 0,
            rejected: 0,
            error: None,
            next_poll: None,
        };
        // Items to fetch, and items settled without fetching (no link).
        let mut wanted: Vec<(usize, &feed::FeedItem, String)> = Vec::new();
        let mut settled: Vec<(Item, SeenItem)> = Vec::new();
        let mut this_run = std::collections::HashSet::new();
        for (i, item) in parsed.items.iter().enumerate() {
            let canonical = item.url.as_deref().map(canonical_url);
            let guid = item.guid.clone();
            if !guid.is_empty() && !this_run.insert(format!("g:{guid}")) {
                continue;
            }
            if let Some(c) = &canonical
                && !this_run.insert(format!("u:{c}"))
            {
                continue;
            }
            if self
                .engine
                .store()
                .item_seen(url, &guid, canonical.as_deref())?
            {
                run.seen_before += 1;
                continue;
            }
            run.new_items += 1;
            match &item.url {
                Some(link) => wanted.push((i, item, link.clone())),
                None => {
                    let reject = Item::Reject(Reject {
                        origin: SourceRef {
                            source: url.to_string(),
                            position: i as u64 + 1,
                        },
                        reason: format!(
                            "feed item {:?} has no link to a page",
                            item.title.as_deref().unwrap_or(&guid)
                        ),
                    });
                    let seen = SeenItem {
                        feed_url: url.to_string(),
                        guid: guid.clone(),
                        url: None,
                        canonical_url: None,
                        article_id: None,
                        outcome: "rejected".into(),
                    };
                    if guid.is_empty() {
                        self.ingest_items(vec![reject], total)?;
                    } else {
                        settled.push((reject, seen));
                    }
                }
            }
        }
        let links: Vec<String> = wanted.iter().map(|(_, _, l)| l.clone()).collect();
        // Each page is extracted by the worker that fetched it, so only articles (not
        // page bodies) are held until the batch is ingested.
        let opts = &self.opts;
        let title = feed_title.as_deref();
        let results = fetch_all(&self.fetcher, &links, |i, result| {
            let (link, item) = match wanted.get(i) {
                Some((_, item, link)) => (link.as_str(), *item),
                None => return (fetch::reject("?", "internal error: no such item"), true),
            };
            match result {
                Ok(FetchOutcome::Fetched(p)) => {
                    (fetch::page_item(&p, Some(item), title, opts), false)
                }
                Ok(FetchOutcome::NotModified { .. }) => (
                    fetch::reject(link, "HTTP 304 Not Modified without a conditional request"),
                    true,
                ),
                Err(e) => {
                    let transient = e.is_transient();
                    (fetch::reject(link, e), transient)
                }
            }
        });
        let mut items: Vec<Item> = Vec::new();
        let mut seen_items: Vec<Option<SeenItem>> = Vec::new();
        let mut retry_later = false;
        for ((_, item, link), (it, transient)) in wanted.iter().zip(results) {
            retry_later |= transient;
            let seen = (!transient).then(|| SeenItem {
                feed_url: url.to_string(),
                guid: item.guid.clone(),
                url: Some(link.clone()),
                canonical_url: Some(canonical_url(link)),
                article_id: match &it {
                    Item::Article(a) => Some(a.id.clone()),
                    Item::Reject(_) => None,
                },
                outcome: String::new(),
            });
            items.push(it);
            seen_items.push(seen);
        }
        for (it, seen) in settled {
            items.push(it);
            seen_items.push(Some(seen));
        }
        // Which articles are already stored (another feed, an earlier file): duplicates.
        let ids: Vec<_> = items
            .iter()
            .filter_map(|i| match i {
                Item::Article(a) => Some(a.id.clone()),
                Item::Reject(_) => None,
            })
            .collect();
        let stored = self.engine.store().existing(&ids)?;
        let mut record = Vec::new();
        for (it, seen) in items.iter().zip(seen_items) {
            let Some(mut seen) = seen else { continue };
            seen.outcome = match it {
                Item::Article(a) if stored.contains(&a.id) => "duplicate",
                Item::Article(_) => "ingested",
                Item::Reject(_) => "rejected",
            }
            .to_string();
            record.push(seen);
        }
        let r = self.ingest_items(items, total)?;
        run.ingested = r.ingested;
        run.rejected = r.rejected;
        self.engine.store_mut().record_items(&record)?;

        let mut st = known.unwrap_or_else(|| FeedState {
            url: url.to_string(),
            ..FeedState::default()
        });
        st.title = feed_title.or(st.title);
        // Items whose page failed for a passing reason are retried at the next poll; a
        // 304 would hide them, so the next request is made unconditional.
        match page {
            Some(p) if !retry_later => {
                st.etag = p.validators.etag.clone();
                st.last_modified = p.validators.last_modified.clone();
            }
            _ => {
                st.etag = None;
                st.last_modified = None;
            }
        }
        st.last_success = Some(now());
        st.consecutive_errors = 0;
        st.next_poll = self.every.map(later);
        self.engine.store_mut().save_feed(&st)?;
        run.next_poll = st.next_poll.clone();
        self.feeds.push(run);
        Ok(())
    }
}

/// The bytes of a source: fetched (conditionally when `validators` are given) or
/// read from a local file (at most the feed size limit).
fn load(fetcher: &Fetcher, src: &str, state: Option<&FeedState>) -> Result<Loaded, LoadError> {
    if is_url(src) {
        let validators = state.map(|s| fetch::Validators {
            etag: s.etag.clone(),
            last_modified: s.last_modified.clone(),
        });
        return match fetcher.get(src, validators.as_ref()) {
            Ok(FetchOutcome::Fetched(page)) => Ok(Loaded::Page(page)),
            Ok(FetchOutcome::NotModified { .. }) => Ok(Loaded::NotModified),
            Err(e) => Err(LoadError {
                reason: e.to_string(),
                retry_after: e.retry_after(),
            }),
        };
    }
    let file = std::fs::File::open(src).map_err(|e| format!("cannot open {src}: {e}"))?;
    let mut bytes = Vec::new();
    let limit = feed::MAX_FEED_BYTES as u64;
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {src}: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(format!("file is over the limit of {limit} bytes for a feed").into());
    }
    Ok(Loaded::File(bytes))
}

/// Why a source could not be loaded, and how long its server asked us to wait.
#[derive(Debug)]
struct LoadError {
    reason: String,
    retry_after: Option<Duration>,
}

impl From<String> for LoadError {
    fn from(reason: String) -> Self {
        LoadError {
            reason,
            retry_after: None,
        }
    }
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.reason)
    }
}

/// What loading a source gave.
enum Loaded {
    Page(Page),
    NotModified,
    File(Vec<u8>),
}

/// `f(0)`, …, `f(n - 1)` computed by a few threads, in that order.
fn par_map<T: Send>(n: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let slots: Vec<Mutex<Option<T>>> = (0..n).map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..WORKERS.min(n) {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(slot) = slots.get(i) else { break };
                    let r = f(i);
                    *slot.lock().unwrap_or_else(|p| p.into_inner()) = Some(r);
                }
            });
        }
    });
    slots
        .into_iter()
        .enumerate()
        .map(|(i, m)| {
            // Every slot was filled unless a worker panicked; compute what is missing here.
            m.into_inner()
                .unwrap_or_else(|p| p.into_inner())
                .unwrap_or_else(|| f(i))
        })
        .collect()
}

/// Fetch `urls` with a few threads and pass each result through `then` on the thread
/// that fetched it (so pages are extracted in parallel and only the results are kept);
/// the outputs come back in the order of `urls`.
fn fetch_all<T: Send>(
    fetcher: &Fetcher,
    urls: &[String],
    then: impl Fn(usize, Result<FetchOutcome, FetchError>) -> T + Sync,
) -> Vec<T> {
    par_map(urls.len(), |i| match urls.get(i) {
        Some(url) => then(i, fetcher.get_page(url)),
        None => then(i, Err(FetchError::Network("no such URL".into()))),
    })
}

/// The wait before the next poll after `errors` failures in a row: the interval (at
/// least a minute) doubled per error, at most a day.
fn backoff(every: Option<Duration>, errors: u32) -> Duration {
    let base = every.unwrap_or(MIN_BACKOFF_BASE).max(MIN_BACKOFF_BASE);
    let factor = 2u32.saturating_pow(errors.min(16));
    base.saturating_mul(factor).min(MAX_BACKOFF)
}

fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn later(d: Duration) -> String {
    let d = chrono::Duration::from_std(d).unwrap_or(chrono::Duration::MAX);
    Utc::now()
        .checked_add_signed(d)
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
        .to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|d| d.with_timezone(&Utc))
}

fn print_feed_line(out: &mut impl Write, f: &FeedRun) -> std::io::Result<()> {
    let name = match &f.title {
        Some(t) => format!("{} ({t})", f.url),
        None => f.url.clone(),
    };
    match f.status {
        "ok" => writeln!(
            out,
            "feed {name}: {} items, {} new, {} seen before; {} ingested, {} rejected",
            f.items, f.new_items, f.seen_before, f.ingested, f.rejected
        ),
        "not_modified" => writeln!(out, "feed {name}: not modified"),
        "backing_off" => writeln!(
            out,
            "feed {name}: backing off until {} after errors",
            f.next_poll.as_deref().unwrap_or("?")
        ),
        _ => writeln!(
            out,
            "feed {name}: error: {}",
            f.error.as_deref().unwrap_or("?")
        ),
    }
}

fn print_summary(g: &Global, total: &Report, feeds: &[FeedRun]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    if g.json {
        let mut v = serde_json::to_value(total)?;
        v["feeds"] = serde_json::to_value(feeds)?;
        serde_json::to_writer(&mut out, &v)?;
        writeln!(out)?;
    } else if !g.quiet {
        for f in feeds {
            print_feed_line(&mut out, f)?;
        }
        writeln!(
            out,
            "ingested {} new articles ({} duplicates), {} already stored, {} rejected, in {:.2} s",
            total.ingested, total.duplicates, total.already_present, total.rejected, total.seconds
        )?;
        if total.rejected > 0 {
            writeln!(out, "see `newsdesk rejects` for the reasons")?;
        }
    }
    Ok(())
}

fn print_round(g: &Global, round: u64, total: &Report, feeds: &[FeedRun]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    if g.json {
        let mut v = serde_json::to_value(total)?;
        v["round"] = round.into();
        v["feeds"] = serde_json::to_value(feeds)?;
        serde_json::to_writer(&mut out, &v)?;
        writeln!(out)?;
    } else if !g.quiet {
        let count = |s: &str| feeds.iter().filter(|f| f.status == s).count();
        writeln!(
            out,
            "round {round} at {}: {} feeds ({} not modified, {} failed, {} backing off); {} new articles, {} rejected",
            now(),
            feeds.len(),
            count("not_modified"),
            count("error"),
            count("backing_off"),
            total.ingested,
            total.rejected
        )?;
        for f in feeds {
            write!(out, "  ")?;
            print_feed_line(&mut out, f)?;
        }
    }
    out.flush()?;
    Ok(())
}

/// `newsdesk feeds`: every feed with its health.
pub fn feeds(g: &Global) -> Result<Outcome> {
    let store =
        newsdesk_store::open(&g.db).with_context(|| format!("cannot open the store {}", g.db))?;
    let list = store.feeds()?;
    let mut out = std::io::stdout().lock();
    let now = Utc::now();
    for f in &list {
        let backing_off = f.consecutive_errors > 0
            && f.next_poll
                .as_deref()
                .and_then(parse_time)
                .is_some_and(|t| t > now);
        if g.json {
            let mut v = serde_json::to_value(f)?;
            v["backing_off"] = backing_off.into();
            serde_json::to_writer(&mut out, &v)?;
            writeln!(out)?;
            continue;
        }
        writeln!(
            out,
            "{}  {}",
            f.url,
            f.title.as_deref().unwrap_or("(untitled)")
        )?;
        writeln!(
            out,
            "  last success {}; {} items seen, {} ingested",
            f.last_success.as_deref().unwrap_or("never"),
            f.items_seen,
            f.items_ingested
        )?;
        if let Some(e) = &f.last_error {
            writeln!(
                out,
                "  last error {}: {e}",
                f.last_error_time.as_deref().unwrap_or("?")
            )?;
        }
        let next = f.next_poll.as_deref().unwrap_or("at the next run");
        if backing_off {
            writeln!(
                out,
                "  {} errors in a row; backing off, next poll {next}",
                f.consecutive_errors
            )?;
        } else {
            writeln!(
                out,
                "  {} errors in a row; next poll {next}",
                f.consecutive_errors
            )?;
        }
    }
    Ok(if list.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Done
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("5m"), Ok(Duration::from_secs(300)));
        assert_eq!(parse_duration("2"), Ok(Duration::from_secs(2)));
        assert_eq!(parse_duration("1.5s"), Ok(Duration::from_millis(1500)));
        assert!(parse_duration("5 parsecs").is_err());
        assert!(parse_duration("").is_err());
    }

    #[test]
    fn backoff_doubles_and_is_capped() {
        let every = Some(Duration::from_secs(300));
        assert_eq!(backoff(every, 1), Duration::from_secs(600));
        assert_eq!(backoff(every, 2), Duration::from_secs(1200));
        assert_eq!(backoff(every, 40), MAX_BACKOFF);
        // A very short interval still backs off by minutes.
        assert_eq!(
            backoff(Some(Duration::from_millis(10)), 1),
            Duration::from_secs(120)
        );
    }
}
