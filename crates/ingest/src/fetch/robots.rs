//! The Robots Exclusion Protocol (RFC 9309): which pages of a site a crawler may fetch.
//!
//! newsdesk is a crawler when it follows a feed to the pages it lists: site owners say in
//! `/robots.txt` which paths automated clients must leave alone, and a tool that ignores
//! them gets blocked (and deserves it). URLs a user names on the command line are fetched
//! as asked; only the pages reached through feeds are checked (see
//! [`super::Fetcher::get_page`]).
//!
//! What is implemented, after the RFC:
//! * groups of `user-agent` lines followed by `allow`/`disallow` rules; the groups naming
//!   our product token (`newsdesk`, case-insensitive) are merged and used, else the `*`
//!   groups, else everything is allowed;
//! * the longest matching rule wins, `allow` on a tie; `*` matches any run of characters
//!   and a final `$` anchors the end; `/robots.txt` itself is always allowed;
//! * the non-standard but common `crawl-delay` of the chosen group, which the fetcher
//!   turns into a per-host delay (capped, see [`MAX_CRAWL_DELAY`]);
//! * lines are read from the first [`MAX_ROBOTS_BYTES`] of the file; unknown lines,
//!   comments and garbage are skipped, so no file can fail to parse.
//!
//! How a missing file counts (the fetcher's side): 4xx means no rules, a 5xx or an
//! unreachable server means "assume complete disallow" for this run, as the RFC asks.

use std::time::Duration;

/// The part of a robots.txt file that is read (the RFC asks crawlers to read at least
/// 500 KiB).
pub const MAX_ROBOTS_BYTES: usize = 512 * 1024;

/// The longest `crawl-delay` honoured: a feed of fifty items at a larger delay would hold a
/// run for most of an hour; beyond this, the pages wait for a later run instead.
pub const MAX_CRAWL_DELAY: Duration = Duration::from_secs(30);

/// The rules of one site for one user agent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Robots {
    /// `(allow, pattern)` of the group(s) that apply to us.
    rules: Vec<(bool, String)>,
    /// The group's `crawl-delay`, if any.
    crawl_delay: Option<Duration>,
}

#[derive(Default)]
struct Group {
    agents: Vec<String>,
    rules: Vec<(bool, String)>,
    crawl_delay: Option<Duration>,
}

impl Robots {
    /// Rules allowing everything (no file, or a 4xx for it).
    pub fn allow_all() -> Self {
        Robots::default()
    }

    /// Read `text` (a robots.txt body) for the client whose product token is `agent`
    /// (e.g. `newsdesk`).
    pub fn parse(text: &[u8], agent: &str) -> Self {
        let text = &text[..text.len().min(MAX_ROBOTS_BYTES)];
        let text = String::from_utf8_lossy(text);
        let agent = agent.to_ascii_lowercase();
        let mut groups: Vec<Group> = Vec::new();
        // Whether the last meaningful line was a user-agent line (consecutive ones share a
        // group).
        let mut in_agents = false;
        for raw in text.lines() {
            let line = raw.split('#').next().unwrap_or("").trim();
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let key = key.trim().to_ascii_lowercase();
            let value = value.trim();
            match key.as_str() {
                "user-agent" => {
                    if !in_agents || groups.is_empty() {
                        groups.push(Group::default());
                    }
                    if let Some(g) = groups.last_mut() {
                        g.agents.push(value.to_ascii_lowercase());
                    }
                    in_agents = true;
                }
                "allow" | "disallow" => {
                    in_agents = false;
                    // Rules before any user-agent line belong to no group.
                    let Some(g) = groups.last_mut() else { continue };
                    if value.is_empty() {
                        // "Disallow:" with nothing: no rule (allows all).
                        continue;
                    }
                    g.rules.push((key == "allow", value.to_string()));
                }
                "crawl-delay" => {
                    in_agents = false;
                    if let (Some(g), Ok(secs)) = (groups.last_mut(), value.parse::<f64>())
                        && secs.is_finite()
                        && secs >= 0.0
                    {
                        g.crawl_delay = Some(Duration::from_secs_f64(secs.min(86_400.0)));
                    }
                }
                _ => {
                    // Sitemap and unknown keys do not end a group of user-agent lines'
                    // rules but do end a run of user-agent lines.
                    in_agents = false;
                }
            }
        }
        let ours: Vec<&Group> = groups
            .iter()
            .filter(|g| g.agents.iter().any(|a| a == &agent))
            .collect();
        let chosen: Vec<&Group> = if ours.is_empty() {
            groups
                .iter()
                .filter(|g| g.agents.iter().any(|a| a == "*"))
                .collect()
        } else {
            ours
        };
        Robots {
            rules: chosen
                .iter()
                .flat_map(|g| g.rules.iter().cloned())
                .collect(),
            crawl_delay: chosen.iter().find_map(|g| g.crawl_delay),
        }
    }

    /// Whether `path` (the URL's path and query, starting with `/`) may be fetched.
    pub fn allowed(&self, path: &str) -> bool {
        if path == "/robots.txt" {
            return true;
        }
        let mut best: Option<(usize, bool)> = None;
        for (allow, pattern) in &self.rules {
            if !matches(pattern.as_bytes(), path.as_bytes()) {
                continue;
            }
            let len = pattern.len();
            best = match best {
                Some((l, a)) if l > len || (l == len && a) => Some((l, a)),
                _ => Some((len, *allow)),
            };
        }
        best.is_none_or(|(_, allow)| allow)
    }

    /// The delay the site asks for between two requests, capped at [`MAX_CRAWL_DELAY`].
    pub fn crawl_delay(&self) -> Option<Duration> {
        self.crawl_delay.map(|d| d.min(MAX_CRAWL_DELAY))
    }
}

/// Whether `pattern` matches a prefix of `path` (`*` = any run, a final `$` = the end).
fn matches(pattern: &[u8], path: &[u8]) -> bool {
    let (pattern, anchored) = match pattern.split_last() {
        Some((b'$', rest)) => (rest, true),
        _ => (pattern, false),
    };
    // Greedy wildcard matching with one backtrack point (the last `*` seen).
    let (mut p, mut s) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    loop {
        if p == pattern.len() {
            if !anchored || s == path.len() {
                return true;
            }
        } else if pattern[p] == b'*' {
            star = Some((p, s));
            p += 1;
            continue;
        } else if s < path.len() && pattern[p] == path[s] {
            p += 1;
            s += 1;
            continue;
        }
        // Mismatch (or an anchored pattern ended early): let the last `*` eat one more.
        match star {
            Some((sp, ss)) if ss < path.len() => {
                star = Some((sp, ss + 1));
                p = sp + 1;
                s = ss + 1;
            }
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "\
# A site's rules, written for these tests.
User-agent: *
Disallow: /private/
Allow: /private/press-
Disallow: /*.pdf$
Disallow: /search

User-agent: otherbot
User-agent: NewsDesk
Disallow: /drafts/
Crawl-delay: 2.5

User-agent: thirdbot
Disallow: /
";

    #[test]
    fn our_group_wins_over_the_star_group() {
        let r = Robots::parse(FILE.as_bytes(), "newsdesk");
        assert!(!r.allowed("/drafts/story.html"));
        // The `*` rules do not apply once a group names us.
        assert!(r.allowed("/private/memo.html"));
        assert_eq!(r.crawl_delay(), Some(Duration::from_millis(2500)));
    }

    #[test]
    fn star_group_longest_match_and_wildcards() {
        let r = Robots::parse(FILE.as_bytes(), "somebot");
        assert!(!r.allowed("/private/memo.html"));
        assert!(
            r.allowed("/private/press-release.html"),
            "longer allow wins"
        );
        assert!(!r.allowed("/files/report.pdf"));
        assert!(r.allowed("/files/report.pdf?page=2"), "$ anchors the end");
        assert!(!r.allowed("/search?q=iran"));
        assert!(r.allowed("/world/iran.html"));
        assert!(r.allowed("/robots.txt"));
        assert_eq!(r.crawl_delay(), None);
    }

    #[test]
    fn tie_goes_to_allow_and_empty_disallow_allows() {
        let r = Robots::parse(b"User-agent: *\nDisallow: /a\nAllow: /a\n", "newsdesk");
        assert!(r.allowed("/a/b"));
        let r = Robots::parse(b"User-agent: *\nDisallow:\n", "newsdesk");
        assert!(r.allowed("/anything"));
        let r = Robots::parse(b"User-agent: *\nDisallow: /\n", "newsdesk");
        assert!(!r.allowed("/anything"));
        assert!(!r.allowed("/"));
    }

    #[test]
    fn garbage_and_huge_delays_are_harmless() {
        let r = Robots::parse(
            b"\xff\xfe<html>not robots</html>\nDisallow: /x\n",
            "newsdesk",
        );
        assert!(r.allowed("/x"), "rules outside any group are ignored");
        let r = Robots::parse(b"User-agent: *\nCrawl-delay: 99999999\n", "newsdesk");
        assert_eq!(r.crawl_delay(), Some(MAX_CRAWL_DELAY));
        let r = Robots::parse(b"User-agent: *\nCrawl-delay: soon\n", "newsdesk");
        assert_eq!(r.crawl_delay(), None);
    }

    #[test]
    fn wildcard_matching() {
        assert!(matches(b"/a*b", b"/axxb/c"));
        assert!(matches(b"/a*b$", b"/axxb"));
        assert!(!matches(b"/a*b$", b"/axxbc"));
        assert!(matches(b"/a*b$", b"/abxb"));
        assert!(matches(b"*", b""));
        assert!(matches(b"/$", b"/"));
        assert!(!matches(b"/$", b"/x"));
        assert!(!matches(b"/abc", b"/ab"));
    }
}
