//! Text for people: colours (only on a terminal, never under NO_COLOR), and the layouts of
//! listings. JSON for machines is serde's, printed by the commands.

use newsdesk_core::{KeyPoints, Story};
use newsdesk_store::ArticleSummary;
use std::io::{IsTerminal, Write};

/// Styling decided once per run.
#[derive(Clone, Copy)]
pub struct Style {
    color: bool,
}

impl Style {
    /// Colour when stdout is a terminal and `NO_COLOR` is unset or empty.
    pub fn detect() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Style {
            color: !no_color && std::io::stdout().is_terminal(),
        }
    }

    fn wrap(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    pub fn bold(&self, s: &str) -> String {
        self.wrap("1", s)
    }

    pub fn dim(&self, s: &str) -> String {
        self.wrap("2", s)
    }

    pub fn accent(&self, s: &str) -> String {
        self.wrap("36", s)
    }
}

/// `2025-06-25T14:10:00+02:00` → `2025-06-25`; listings show the day.
pub fn day(published: Option<&str>) -> &str {
    published.and_then(|p| p.get(..10)).unwrap_or("undated")
}

/// Write a brief: headline, then bullets.
pub fn key_points(
    out: &mut impl Write,
    st: Style,
    kp: &KeyPoints,
    indent: &str,
) -> std::io::Result<()> {
    if !kp.headline.is_empty() {
        writeln!(out, "{indent}{}", st.bold(&kp.headline))?;
    }
    for p in &kp.points {
        writeln!(out, "{indent}  • {}", p.text)?;
    }
    Ok(())
}

/// One line per article.
pub fn article_line(out: &mut impl Write, st: Style, a: &ArticleSummary) -> std::io::Result<()> {
    let dup = if a.duplicate_of.is_some() {
        " (duplicate)"
    } else {
        ""
    };
    writeln!(
        out,
        "{}  {}  {}{}  {}",
        st.dim(a.id.as_str()),
        day(a.published.as_deref()),
        a.title.as_deref().unwrap_or("(untitled)"),
        st.dim(dup),
        st.accent(a.outlet.as_deref().unwrap_or("")),
    )
}

/// A story's header: id, dates, size, sources.
pub fn story_header(out: &mut impl Write, st: Style, s: &Story) -> std::io::Result<()> {
    writeln!(out, "{}  {}", st.bold(&s.title), st.dim(&s.id.0))?;
    let first = day(s.first_published.as_deref());
    let last = day(s.last_published.as_deref());
    let span = if first == last {
        first.to_string()
    } else {
        format!("{first} – {last}")
    };
    writeln!(
        out,
        "  {} · {} article{} · {}",
        span,
        s.articles.len(),
        if s.articles.len() == 1 { "" } else { "s" },
        st.accent(&s.outlets.join(", "))
    )
}
