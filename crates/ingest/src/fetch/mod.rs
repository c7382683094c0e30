//! Fetching feeds and pages over HTTP(S), politely and with every limit a hostile or
//! broken server needs.
//!
//! Why ureq (3.x): a blocking client fits the rest of newsdesk (the engine is blocking and
//! uses threads for parallelism; an async runtime would be one more world to bridge), it
//! is small, rustls-based (no system OpenSSL), decompresses gzip itself, and exposes the
//! body as a `Read`, which is what lets the size limit be enforced while streaming.
//!
//! What every request gets ([`FetchConfig`]):
//! * a `User-Agent` naming newsdesk and its version, so that site owners know who calls;
//! * connect, per-read and whole-exchange timeouts (a server that drips one byte a second
//!   cannot hold a worker forever);
//! * a size limit counted while the body streams in (a `Content-Length` over it is refused
//!   before reading; a 2 GB body without one is cut off after the limit, never buffered);
//! * redirects followed by us, not by ureq, up to a limit, with a loop named as such;
//! * conditional GET: the `ETag` and `Last-Modified` of the previous response are sent
//!   back (`If-None-Match`, `If-Modified-Since`) and a 304 is [`FetchOutcome::NotModified`];
//! * statuses other than 2xx/304 as [`FetchError::Status`];
//! * the per-host concurrency limit and delay of [`HostLimiter`];
//! * a `Retry-After` on a 429 or 503 is obeyed: the host is not called again in this run
//!   until it has passed (a short wait is slept through, a long one fails the requests
//!   fast as [`FetchError::Deferred`]), and the error carries it for the feed's backoff;
//! * pages reached through feeds ([`Fetcher::get_page`]) are checked against the site's
//!   robots.txt first ([`robots`]), whose `crawl-delay` also spaces the host's requests.
//!
//! [`page_item`] turns a fetched page into an [`Item`] through the HTML extractor, with
//! the `Content-Type` charset passed along and a feed item's metadata filling the gaps.

mod hosts;
pub mod robots;

pub use hosts::{HostLimiter, HostPermit};
use robots::Robots;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use crate::feed::FeedItem;
use crate::{Item, Options};
use newsdesk_core::{Reject, SourceRef};
use std::io::Read;
use std::time::Duration;

/// Settings of a [`Fetcher`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchConfig {
    /// The `User-Agent` header.
    pub user_agent: String,
    /// Time allowed to open the connection (and TLS handshake).
    pub connect_timeout: Duration,
    /// Time allowed for each read from the server (headers or body).
    pub read_timeout: Duration,
    /// Time allowed for a whole exchange, redirects and body included.
    pub total_timeout: Duration,
    /// The largest body accepted, in bytes (after gzip decoding).
    pub max_bytes: u64,
    /// Redirects followed before giving up.
    pub max_redirects: u32,
    /// Requests in flight per host.
    pub per_host_concurrency: usize,
    /// Least time between the starts of two requests to one host.
    pub per_host_delay: Duration,
    /// Whether pages reached through feeds are checked against robots.txt (`--ignore-robots`
    /// turns it off, for sites that allowed the user by other means).
    pub respect_robots: bool,
    /// Certificates (DER) trusted as roots for HTTPS instead of the built-in Mozilla set
    /// (`--ca-cert FILE`, like curl's `--cacert`): for a newsroom proxy or an internal CA.
    /// Empty: the Mozilla roots bundled with the binary (no dependence on the system).
    pub root_certs: Vec<Vec<u8>>,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            user_agent: default_user_agent(),
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(20),
            total_timeout: Duration::from_secs(60),
            max_bytes: crate::html::MAX_HTML_BYTES as u64,
            max_redirects: 5,
            per_host_concurrency: 2,
            per_host_delay: Duration::from_millis(500),
            respect_robots: true,
            root_certs: Vec::new(),
        }
    }
}

impl FetchConfig {
    /// One timeout for connecting, each read and the whole exchange (what `--timeout`
    /// sets): short in tests, generous by default.
    pub fn with_timeout(mut self, t: Duration) -> Self {
        self.connect_timeout = t;
        self.read_timeout = t;
        self.total_timeout = t;
        self
    }
}

/// `newsdesk/VERSION (+URL)`: the product, its version and where to read about it.
pub fn default_user_agent() -> String {
    format!(
        "newsdesk/{} (+https://example.invalid/newsdesk; news analysis)",
        env!("CARGO_PKG_VERSION")
    )
}

/// The validators of a response, sent back on the next request for a conditional GET.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Validators {
    /// The `ETag` header, as received.
    pub etag: Option<String>,
    /// The `Last-Modified` header, as received.
    pub last_modified: Option<String>,
}

impl Validators {
    /// Whether there is anything to send.
    pub fn is_empty(&self) -> bool {
        self.etag.is_none() && self.last_modified.is_none()
    }
}

/// A successful response's body and what we need of its headers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The URL asked for.
    pub requested: String,
    /// The URL that answered, after redirects.
    pub url: String,
    /// The HTTP status (2xx).
    pub status: u16,
    /// The `Content-Type` header (its charset wins over the page's own).
    pub content_type: Option<String>,
    /// The body, decompressed, at most [`FetchConfig::max_bytes`].
    pub body: Vec<u8>,
    /// For the next conditional GET.
    pub validators: Validators,
}

/// What a GET gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchOutcome {
    /// A 2xx with its body.
    Fetched(Page),
    /// A 304: the resource has not changed since the validators sent.
    NotModified {
        /// The URL that answered, after redirects.
        url: String,
    },
}

/// Why a GET failed. The text does not repeat the URL asked for (rejects and feed errors
/// show it beside the reason) but names any other URL involved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FetchError {
    /// The URL is not an absolute http(s) URL.
    #[error("invalid URL: {0}")]
    BadUrl(String),
    /// A status other than 2xx and 304.
    #[error("HTTP {status}{}{}",
        if reason.is_empty() { String::new() } else { format!(" {reason}") },
        retry_after.map(|s| format!(" (retry after {s} s)")).unwrap_or_default())]
    Status {
        /// The status code.
        status: u16,
        /// Its reason phrase ("Not Found").
        reason: String,
        /// The `Retry-After` of a 429 or 503, in seconds.
        retry_after: Option<u64>,
    },
    /// The host asked us to wait (an earlier `Retry-After`) and the wait is not over.
    #[error("not fetched: the host asked to wait {secs} s more (Retry-After)")]
    Deferred {
        /// Seconds left of the wait.
        secs: u64,
    },
    /// The site's robots.txt does not allow newsdesk to fetch this page.
    #[error("not fetched: disallowed by {robots}")]
    Disallowed {
        /// The robots.txt URL.
        robots: String,
    },
    /// The site's robots.txt could not be read (5xx or network error): the RFC asks
    /// crawlers to assume everything is disallowed then.
    #[error("not fetched: {robots} is unreachable ({reason}), so the site counts as disallowed")]
    RobotsUnreachable {
        /// The robots.txt URL.
        robots: String,
        /// Why it could not be read.
        reason: String,
    },
    /// No answer (or no complete body) in time.
    #[error("timed out after {} s ({phase})", *millis as f64 / 1000.0)]
    Timeout {
        /// The timeout that fired, in milliseconds.
        millis: u64,
        /// What was being waited for.
        phase: String,
    },
    /// The body is larger than the limit; reading stopped there.
    #[error("response is over the size limit of {limit} bytes; download stopped")]
    TooLarge {
        /// [`FetchConfig::max_bytes`].
        limit: u64,
    },
    /// A redirect back to a URL already visited.
    #[error("redirect loop: {chain}")]
    RedirectLoop {
        /// The URLs visited, joined by ` -> `.
        chain: String,
    },
    /// More redirects than allowed.
    #[error("too many redirects (more than {limit}), last to {last}")]
    TooManyRedirects {
        /// [`FetchConfig::max_redirects`].
        limit: u32,
        /// Where the last one pointed.
        last: String,
    },
    /// A redirect status without a usable `Location`.
    #[error("redirect (HTTP {status}) without a valid Location header")]
    BadRedirect {
        /// The status.
        status: u16,
    },
    /// A `--ca-cert` file holds no usable certificate.
    #[error("bad certificate file: {0}")]
    BadCertificates(String),
    /// Connection refused, host not found, TLS failure, protocol error...
    #[error("network error: {0}")]
    Network(String),
}

impl FetchError {
    /// Whether trying again later may succeed (timeouts, network errors, 5xx, 429), as
    /// opposed to answers that will not change soon (404, 410, a redirect loop, too large).
    /// Items whose page failed transiently are not marked seen, so a later run retries.
    pub fn is_transient(&self) -> bool {
        match self {
            FetchError::Timeout { .. }
            | FetchError::Network(_)
            | FetchError::Deferred { .. }
            | FetchError::RobotsUnreachable { .. } => true,
            FetchError::Status { status, .. } => *status >= 500 || *status == 429,
            _ => false,
        }
    }

    /// How long the server asked us to wait before calling again, if it did.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            FetchError::Status {
                retry_after: Some(s),
                ..
            }
            | FetchError::Deferred { secs: s } => Some(Duration::from_secs(*s)),
            _ => None,
        }
    }
}

/// The certificates (DER) of a PEM file, for [`FetchConfig::root_certs`]; private keys and
/// other sections are skipped, a file with no certificate is an error.
pub fn read_pem_certificates(pem: &[u8]) -> Result<Vec<Vec<u8>>, FetchError> {
    let mut out = Vec::new();
    for item in ureq::tls::parse_pem(pem) {
        match item {
            Ok(ureq::tls::PemItem::Certificate(c)) => out.push(c.der().to_vec()),
            Ok(_) => {}
            Err(e) => return Err(FetchError::BadCertificates(e.to_string())),
        }
    }
    if out.is_empty() {
        return Err(FetchError::BadCertificates(
            "no PEM certificate (-----BEGIN CERTIFICATE-----) in it".into(),
        ));
    }
    Ok(out)
}

/// A wait the fetcher sleeps through instead of failing (a `Retry-After` of a few seconds).
const SHORT_WAIT: Duration = Duration::from_secs(5);

/// The longest `Retry-After` taken at its word (a week); longer ones are cut to it.
const MAX_RETRY_AFTER: u64 = 7 * 24 * 3600;

/// Read a `Retry-After` value: delay-seconds or an HTTP date.
fn parse_retry_after(value: &str) -> Option<u64> {
    let v = value.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(secs.min(MAX_RETRY_AFTER));
    }
    let when = chrono::DateTime::parse_from_rfc2822(v).ok()?;
    let secs = (when.timestamp() - chrono::Utc::now().timestamp()).max(0);
    Some(u64::try_from(secs).unwrap_or(0).min(MAX_RETRY_AFTER))
}

/// What was learnt of one site's robots.txt.
#[derive(Debug)]
enum RobotsEntry {
    /// The rules (none when the file is missing).
    Rules(Robots),
    /// The file could not be read: everything counts as disallowed.
    Unreachable(String),
}

/// A blocking HTTP client with newsdesk's limits; share one across threads (`Sync`).
#[derive(Debug)]
pub struct Fetcher {
    agent: ureq::Agent,
    config: FetchConfig,
    hosts: HostLimiter,
    /// robots.txt per origin (`scheme://host:port`), read once per run; the `OnceLock`
    /// makes the other threads wanting the same site wait for the first one's answer.
    robots: Mutex<HashMap<String, Arc<OnceLock<RobotsEntry>>>>,
}

impl Fetcher {
    /// A client with these settings.
    pub fn new(config: FetchConfig) -> Self {
        let mut builder = ureq::Agent::config_builder();
        if !config.root_certs.is_empty() {
            let roots: Vec<ureq::tls::Certificate<'static>> = config
                .root_certs
                .iter()
                .map(|der| ureq::tls::Certificate::from_der(der).to_owned())
                .collect();
            builder = builder.tls_config(
                ureq::tls::TlsConfig::builder()
                    .root_certs(ureq::tls::RootCerts::new_with_certs(&roots))
                    .build(),
            );
        }
        let agent_config = builder
            .user_agent(config.user_agent.as_str())
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_connect(Some(config.connect_timeout))
            .timeout_per_read(Some(config.read_timeout))
            .timeout_global(Some(config.total_timeout))
            .build();
        Fetcher {
            agent: ureq::Agent::new_with_config(agent_config),
            hosts: HostLimiter::new(config.per_host_concurrency, config.per_host_delay),
            robots: Mutex::new(HashMap::new()),
            config,
        }
    }

    /// The settings.
    pub fn config(&self) -> &FetchConfig {
        &self.config
    }

    /// GET a page reached by crawling (a feed's item): like [`Fetcher::get`] after the
    /// site's robots.txt allowed it (when [`FetchConfig::respect_robots`]).
    pub fn get_page(&self, url: &str) -> Result<FetchOutcome, FetchError> {
        if self.config.respect_robots {
            let parsed = url::Url::parse(url.trim())
                .map_err(|e| FetchError::BadUrl(format!("{url}: {e}")))?;
            self.check_robots(&parsed)?;
        }
        self.get(url, None)
    }

    /// Whether robots.txt lets us fetch `url` (reading it on the first call for its site).
    fn check_robots(&self, url: &url::Url) -> Result<(), FetchError> {
        if !matches!(url.scheme(), "http" | "https") {
            return Ok(());
        }
        let origin = url.origin().ascii_serialization();
        let robots_url = format!("{origin}/robots.txt");
        let cell = {
            let mut map = self.robots.lock().unwrap_or_else(|p| p.into_inner());
            Arc::clone(map.entry(origin).or_default())
        };
        let entry = cell.get_or_init(|| self.read_robots(url, &robots_url));
        match entry {
            RobotsEntry::Unreachable(reason) => Err(FetchError::RobotsUnreachable {
                robots: robots_url,
                reason: reason.clone(),
            }),
            RobotsEntry::Rules(r) => {
                let mut path = url.path().to_string();
                if let Some(q) = url.query() {
                    path.push('?');
                    path.push_str(q);
                }
                if r.allowed(&path) {
                    Ok(())
                } else {
                    Err(FetchError::Disallowed { robots: robots_url })
                }
            }
        }
    }

    /// Fetch and read one site's robots.txt: 2xx parsed, 4xx no rules, else unreachable.
    fn read_robots(&self, url: &url::Url, robots_url: &str) -> RobotsEntry {
        let product = self
            .config
            .user_agent
            .split(['/', ' '])
            .next()
            .unwrap_or("newsdesk")
            .to_string();
        match self.get(robots_url, None) {
            Ok(FetchOutcome::Fetched(page)) => {
                let rules = Robots::parse(&page.body, &product);
                if let Some(d) = rules.crawl_delay() {
                    self.hosts.set_delay(&host_key(url), d);
                }
                RobotsEntry::Rules(rules)
            }
            Ok(FetchOutcome::NotModified { .. }) => RobotsEntry::Rules(Robots::allow_all()),
            Err(FetchError::Status { status, .. }) if (400..500).contains(&status) => {
                RobotsEntry::Rules(Robots::allow_all())
            }
            // A robots.txt over the size limit: its first part is what counts, but the
            // limit is far above any real file; treat it as no rules rather than a wall.
            Err(FetchError::TooLarge { .. }) => RobotsEntry::Rules(Robots::allow_all()),
            Err(e) => RobotsEntry::Unreachable(e.to_string()),
        }
    }

    /// GET `url`, following redirects, conditionally when `validators` hold anything.
    pub fn get(
        &self,
        url: &str,
        validators: Option<&Validators>,
    ) -> Result<FetchOutcome, FetchError> {
        let mut current =
            url::Url::parse(url.trim()).map_err(|e| FetchError::BadUrl(format!("{url}: {e}")))?;
        let mut visited = vec![current.to_string()];
        loop {
            if !matches!(current.scheme(), "http" | "https") {
                return Err(FetchError::BadUrl(format!(
                    "{current}: only http and https are fetched"
                )));
            }
            let host_key = host_key(&current);
            if let Some(wait) = self.hosts.deferred(&host_key) {
                if wait > SHORT_WAIT {
                    return Err(FetchError::Deferred {
                        secs: wait.as_secs().max(1),
                    });
                }
                std::thread::sleep(wait);
            }
            let permit = self.hosts.acquire(&host_key);
            let mut req = self.agent.get(current.as_str());
            if let Some(v) = validators {
                if let Some(etag) = &v.etag {
                    req = req.header("If-None-Match", etag.as_str());
                }
                if let Some(lm) = &v.last_modified {
                    req = req.header("If-Modified-Since", lm.as_str());
                }
            }
            let response = req.call().map_err(|e| self.map_error(e, "response"))?;
            let status = response.status();
            if status.is_redirection() && status.as_u16() != 304 {
                let next = response
                    .headers()
                    .get("location")
                    .and_then(|l| l.to_str().ok())
                    .and_then(|l| current.join(l.trim()).ok())
                    .ok_or(FetchError::BadRedirect {
                        status: status.as_u16(),
                    })?;
                drop(response);
                drop(permit);
                let next_s = next.to_string();
                if visited.contains(&next_s) {
                    visited.push(next_s);
                    return Err(FetchError::RedirectLoop {
                        chain: visited.join(" -> "),
                    });
                }
                if visited.len() > self.config.max_redirects as usize {
                    return Err(FetchError::TooManyRedirects {
                        limit: self.config.max_redirects,
                        last: next_s,
                    });
                }
                visited.push(next_s);
                current = next;
                continue;
            }
            if status.as_u16() == 304 {
                return Ok(FetchOutcome::NotModified {
                    url: current.to_string(),
                });
            }
            if !status.is_success() {
                let retry_after = matches!(status.as_u16(), 429 | 503)
                    .then(|| response.headers().get("retry-after"))
                    .flatten()
                    .and_then(|v| v.to_str().ok())
                    .and_then(parse_retry_after);
                if let Some(secs) = retry_after {
                    self.hosts.defer(&host_key, Duration::from_secs(secs));
                }
                return Err(FetchError::Status {
                    status: status.as_u16(),
                    reason: status.canonical_reason().unwrap_or("").to_string(),
                    retry_after,
                });
            }
            let header = |name: &str| {
                response
                    .headers()
                    .get(name)
                    .and_then(|v| v.to_str().ok())
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
            };
            let content_type = header("content-type");
            let validators = Validators {
                etag: header("etag"),
                last_modified: header("last-modified"),
            };
            let limit = self.config.max_bytes;
            if response.body().content_length().is_some_and(|l| l > limit) {
                return Err(FetchError::TooLarge { limit });
            }
            let body = self.read_body(response.into_body(), limit)?;
            drop(permit);
            return Ok(FetchOutcome::Fetched(Page {
                requested: url.to_string(),
                url: current.to_string(),
                status: status.as_u16(),
                content_type,
                body,
                validators,
            }));
        }
    }

    /// Read at most `limit` bytes of a body, failing as soon as there is one more.
    fn read_body(&self, body: ureq::Body, limit: u64) -> Result<Vec<u8>, FetchError> {
        let mut reader = body.into_reader().take(limit.saturating_add(1));
        let mut out = Vec::new();
        let mut chunk = vec![0u8; 64 * 1024];
        loop {
            let n = match reader.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(self.map_io(e)),
            };
            if out.len() as u64 + n as u64 > limit {
                return Err(FetchError::TooLarge { limit });
            }
            out.extend_from_slice(&chunk[..n]);
        }
        Ok(out)
    }

    fn map_io(&self, e: std::io::Error) -> FetchError {
        if let Some(inner) = e.get_ref().and_then(|x| x.downcast_ref::<ureq::Error>()) {
            return self.map_error_ref(inner, "body");
        }
        if matches!(
            e.kind(),
            std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
        ) {
            return self.timeout("body");
        }
        FetchError::Network(e.to_string())
    }

    fn map_error(&self, e: ureq::Error, phase: &str) -> FetchError {
        match e {
            ureq::Error::Io(io) => self.map_io(io),
            other => self.map_error_ref(&other, phase),
        }
    }

    fn map_error_ref(&self, e: &ureq::Error, phase: &str) -> FetchError {
        match e {
            ureq::Error::Timeout(_) => self.timeout(phase),
            ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge {
                limit: self.config.max_bytes,
            },
            ureq::Error::Io(io)
                if matches!(
                    io.kind(),
                    std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
                ) =>
            {
                self.timeout(phase)
            }
            ureq::Error::BadUri(u) => FetchError::BadUrl(u.clone()),
            other => FetchError::Network(other.to_string()),
        }
    }

    fn timeout(&self, phase: &str) -> FetchError {
        FetchError::Timeout {
            millis: u64::try_from(
                self.config
                    .read_timeout
                    .min(self.config.total_timeout)
                    .as_millis(),
            )
            .unwrap_or(u64::MAX),
            phase: format!("waiting for the {phase}"),
        }
    }
}

/// The key of a URL's host for the [`HostLimiter`]: host and port.
fn host_key(url: &url::Url) -> String {
    format!(
        "{}:{}",
        url.host_str().unwrap_or(""),
        url.port_or_known_default().unwrap_or(0)
    )
}

/// A reject of `url` with `reason`.
pub fn reject(url: &str, reason: impl std::fmt::Display) -> Item {
    Item::Reject(Reject {
        origin: SourceRef {
            source: url.to_string(),
            position: 0,
        },
        reason: reason.to_string(),
    })
}

/// The least text (bytes, in two paragraphs or more) for a page linked from a feed to be
/// taken as an article when the extractor found no article markers on it.
pub const FEED_PAGE_MIN_TEXT: usize = 500;

/// Make the article of a fetched page, or the reject saying why there is none.
///
/// The page's `Content-Type` charset is given to the extractor; the URL that answered is
/// the fallback canonical URL. When `item` (the feed entry that linked the page) is given,
/// its title and publication time fill what the page lacks, and `feed_title` fills the
/// outlet. The origin is the URL asked for, so rejects name it.
pub fn page_item(
    page: &Page,
    item: Option<&FeedItem>,
    feed_title: Option<&str>,
    opts: &Options,
) -> Item {
    let origin = SourceRef {
        source: page.requested.clone(),
        position: 0,
    };
    if let Some(ct) = page.content_type.as_deref() {
        let mime = crate::html::charset::media_type(ct);
        let textual = mime.is_empty()
            || mime.starts_with("text/")
            || mime.contains("html")
            || mime.contains("xml");
        if !textual {
            return reject(
                &page.requested,
                format!("not a web page: the server sent {mime}"),
            );
        }
    }
    let extractor = crate::html::Extractor::default();
    let ctx = crate::html::PageContext {
        url: Some(&page.url),
        content_type: page.content_type.as_deref(),
    };
    let result = extractor
        .extract(&page.body, &ctx)
        .map(|mut x| {
            // A feed listing the page says it is an item of news: a page the extractor
            // only found no article markers in ("other"), but with real paragraphs of
            // text, is taken as the article. Listings, walls and error pages stay out.
            if item.is_some()
                && x.page_type == crate::html::PageType::Other
                && x.text.len() >= FEED_PAGE_MIN_TEXT
                && x.text.contains("\n\n")
            {
                x.page_type = crate::html::PageType::Article;
            }
            x
        })
        .and_then(crate::html::Extracted::into_draft)
        .and_then(|mut d| {
            if let Some(it) = item {
                if d.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
                    d.title = it.title.clone();
                }
                if d.published.is_none() {
                    d.published = it.published.clone();
                }
                if d.authors.is_empty() {
                    d.authors.extend(it.author.iter().cloned());
                }
            }
            if d.outlet.is_none() {
                d.outlet = feed_title.map(str::to_string);
            }
            if d.url.is_none() {
                d.url = Some(page.url.clone());
            }
            d.finish(origin.clone(), opts)
        });
    match result {
        Ok(a) => Item::Article(a),
        Err(reason) => reject(&page.requested, reason),
    }
}

#[cfg(test)]
mod tests;
