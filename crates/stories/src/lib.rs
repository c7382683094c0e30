//! `newsdesk-stories`: the incremental story index.
//!
//! Articles arrive one at a time ([`StoryIndex::add`]) and each is, in this order:
//! 1. an **exact duplicate** when its folded text was seen before (same words, other
//!    spacing or case): it joins the original's story with `duplicate_of` set;
//! 2. a **near-duplicate** (a syndicated copy with light edits) when the MinHash estimate
//!    of its word-shingle Jaccard similarity with an article of a candidate story is at
//!    least [`Config::near_duplicate`];
//! 3. otherwise it joins the most similar **story** (cosine of TF-IDF over stemmed content
//!    words, title words counted twice, against the story's centroid) when that similarity
//!    reaches [`Config::join`] and the story was active within [`Config::window_days`];
//! 4. or it starts a new story.
//!
//! The whole index serialises to JSON ([`StoryIndex::to_state`]) so the engine can save it
//! in the same transaction as the articles it has seen, and resume after a crash.
//!
//! This is the first, simple grouping; the stories issue deepens it (LSH, story summaries,
//! timelines, disputes). Its output shape stays.

use chrono::NaiveDate;
use newsdesk_core::text::{Stemmer, content_fingerprint, fnv1a, is_stop_word, words};
use newsdesk_core::{Analysis, Article, ArticleId, Assignment, KeyPoints, Story, StoryId};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Number of MinHash functions per article.
const MINHASHES: usize = 32;
/// Words per shingle for near-duplicate detection.
const SHINGLE: usize = 5;
/// Terms kept in a story centroid (the heaviest).
const CENTROID_TERMS: usize = 300;
/// An article looks for candidate stories through this many of its heaviest terms.
const PROBE_TERMS: usize = 24;
/// At most this many candidate stories get a full cosine comparison.
const MAX_CANDIDATES: usize = 48;

/// A term's id in the index vocabulary: stemmed words are interned once, so vectors are
/// small sorted lists of integers instead of maps of strings.
type TermId = u32;

/// Thresholds of the index. The defaults were chosen on the demo corpus, where they
/// separate every story from its hard negatives (same kind of event, other place).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Config {
    /// Minimum cosine similarity to join a story.
    pub join: f32,
    /// Minimum estimated Jaccard similarity of shingles to be a near-duplicate.
    pub near_duplicate: f32,
    /// A story not updated for this many days (by publication date) takes no new articles.
    pub window_days: i64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            join: 0.22,
            near_duplicate: 0.6,
            window_days: 7,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Member {
    id: ArticleId,
    minhash: Vec<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct StoryState {
    id: StoryId,
    title: String,
    /// Articles in arrival order.
    members: Vec<Member>,
    /// Outlet -> number of articles.
    outlets: BTreeMap<String, u32>,
    first_published: Option<String>,
    last_published: Option<String>,
    /// Summed (log) term frequencies of the non-duplicate members.
    centroid: HashMap<TermId, f32>,
    key_points: KeyPoints,
    /// Last publication day seen, for the time window.
    last_day: Option<NaiveDate>,
}

/// The incremental story index (see the crate docs).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoryIndex {
    config: Config,
    stories: Vec<StoryState>,
    /// Story position by id.
    by_id: HashMap<StoryId, usize>,
    /// Story position of every article added.
    article_story: HashMap<ArticleId, usize>,
    /// Exact-duplicate fingerprints -> first article with that text.
    fingerprints: HashMap<u64, ArticleId>,
    /// Term ids of stemmed words.
    vocab: HashMap<String, TermId>,
    /// Document frequency of each term id over all non-duplicate articles.
    df: Vec<u32>,
    docs: u32,
    /// Inverted index: term id -> positions of the stories whose centroid holds it (may
    /// hold stale entries after centroid pruning; candidates are re-scored in full).
    postings: HashMap<TermId, Vec<u32>>,
    /// `ln(1 + df)` per term id, kept in step with `df` so that idf needs no logarithm in
    /// the comparison loops. Derived: rebuilt after [`StoryIndex::from_state`].
    #[serde(skip)]
    ln_df: Vec<f32>,
    /// `ln(1 + docs)`, kept in step with `docs`.
    #[serde(skip)]
    ln_docs: f32,
    /// Stories changed since the last [`StoryIndex::take_changed`].
    #[serde(default)]
    changed: HashSet<usize>,
    /// The latest publication day seen, and the day stories were last pruned.
    #[serde(default)]
    newest_day: Option<NaiveDate>,
    #[serde(default)]
    pruned_on: Option<NaiveDate>,
}

/// Why a saved state could not be restored.
#[derive(Debug, thiserror::Error)]
#[error("story index state is unreadable: {0}")]
pub struct StateError(#[from] serde_json::Error);

impl Default for StoryIndex {
    fn default() -> Self {
        StoryIndex::new(Config::default())
    }
}

impl StoryIndex {
    pub fn new(config: Config) -> Self {
        StoryIndex {
            config,
            stories: Vec::new(),
            by_id: HashMap::new(),
            article_story: HashMap::new(),
            fingerprints: HashMap::new(),
            vocab: HashMap::new(),
            df: Vec::new(),
            docs: 0,
            postings: HashMap::new(),
            ln_df: Vec::new(),
            ln_docs: 0.0,
            changed: HashSet::new(),
            newest_day: None,
            pruned_on: None,
        }
    }

    /// Restore an index saved with [`StoryIndex::to_state`].
    pub fn from_state(state: &str) -> Result<Self, StateError> {
        let mut ix: StoryIndex = serde_json::from_str(state)?;
        ix.ln_df = ix.df.iter().map(|&d| (d as f32).ln_1p()).collect();
        ix.ln_docs = (ix.docs as f32).ln_1p();
        Ok(ix)
    }

    /// The index as JSON, to be saved with the articles it has seen.
    pub fn to_state(&self) -> String {
        // Serialising plain maps and vectors of strings and numbers cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Number of stories.
    pub fn len(&self) -> usize {
        self.stories.len()
    }

    pub fn is_empty(&self) -> bool {
        self.stories.is_empty()
    }

    /// Whether `id` was added before.
    pub fn contains(&self, id: &ArticleId) -> bool {
        self.article_story.contains_key(id)
    }

    /// Place an article in a story. Adding an article already added returns its first
    /// assignment again and changes nothing.
    pub fn add(&mut self, article: &Article, analysis: &Analysis) -> Assignment {
        if let Some(&pos) = self.article_story.get(&article.id) {
            let s = &self.stories[pos];
            return Assignment {
                article: article.id.clone(),
                story: s.id.clone(),
                duplicate_of: None,
                new_story: false,
            };
        }
        let day = article.published_date();
        if let Some(d) = day
            && self.newest_day.is_none_or(|n| d > n)
        {
            self.newest_day = Some(d);
            self.prune_cold();
        }

        // 1. exact duplicate
        let fp = content_fingerprint(&article.text);
        if let Some(orig) = self.fingerprints.get(&fp).cloned()
            && let Some(&pos) = self.article_story.get(&orig)
        {
            self.join(pos, article, day, Vec::new(), None);
            return self.assignment(article, pos, Some(orig), false);
        }
        self.fingerprints.insert(fp, article.id.clone());

        let minhash = minhash(&article.text);
        let terms = self.term_vector(article);

        // candidate stories through the inverted index, then full cosine on the best
        let mut scored: Vec<(usize, f32)> = self
            .candidates(&terms, day)
            .into_iter()
            .map(|i| (i, self.cosine(&terms, &self.stories[i].centroid)))
            .filter(|&(_, sim)| sim > 0.05)
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));

        // 2. near-duplicate of a member of one of the best candidates
        for &(pos, _) in scored.iter().take(3) {
            let best = self.stories[pos]
                .members
                .iter()
                .filter(|m| !m.minhash.is_empty())
                .map(|m| (jaccard_estimate(&minhash, &m.minhash), &m.id))
                .max_by(|a, b| a.0.total_cmp(&b.0));
            if let Some((j, orig)) = best
                && j >= self.config.near_duplicate
            {
                let orig = orig.clone();
                self.join(pos, article, day, minhash, None);
                return self.assignment(article, pos, Some(orig), false);
            }
        }

        // this article counts for term statistics from now on
        for &(t, _) in &terms {
            if let Some(d) = self.df.get_mut(t as usize) {
                *d += 1;
                if let Some(l) = self.ln_df.get_mut(t as usize) {
                    *l = (*d as f32).ln_1p();
                }
            }
        }
        self.docs += 1;
        self.ln_docs = (self.docs as f32).ln_1p();

        // 3. join the best story, or 4. start one
        if let Some(&(pos, sim)) = scored.first()
            && sim >= self.config.join
        {
            self.join(pos, article, day, minhash, Some(terms.as_slice()));
            return self.assignment(article, pos, None, false);
        }
        let pos = self.stories.len();
        let id = StoryId(format!(
            "s{}",
            article.id.as_str().chars().take(15).collect::<String>()
        ));
        self.stories.push(StoryState {
            id: id.clone(),
            title: article
                .title
                .clone()
                .unwrap_or_else(|| analysis.key_points.headline.clone()),
            members: Vec::new(),
            outlets: BTreeMap::new(),
            first_published: None,
            last_published: None,
            centroid: HashMap::new(),
            key_points: analysis.key_points.clone(),
            last_day: None,
        });
        self.by_id.insert(id, pos);
        self.join(pos, article, day, minhash, Some(terms.as_slice()));
        self.assignment(article, pos, None, true)
    }

    /// The stories changed since the last call, as full [`Story`] values to store.
    pub fn take_changed(&mut self) -> Vec<Story> {
        let mut changed: Vec<usize> = self.changed.drain().collect();
        changed.sort_unstable();
        changed
            .into_iter()
            .filter_map(|p| self.story_at(p))
            .collect()
    }

    /// One story by id.
    pub fn story(&self, id: &StoryId) -> Option<Story> {
        self.by_id.get(id).and_then(|&p| self.story_at(p))
    }

    /// All stories, in creation order.
    pub fn stories(&self) -> Vec<Story> {
        (0..self.stories.len())
            .filter_map(|p| self.story_at(p))
            .collect()
    }

    fn story_at(&self, pos: usize) -> Option<Story> {
        let s = self.stories.get(pos)?;
        Some(Story {
            id: s.id.clone(),
            title: s.title.clone(),
            articles: s.members.iter().map(|m| m.id.clone()).collect(),
            outlets: s.outlets.keys().cloned().collect(),
            first_published: s.first_published.clone(),
            last_published: s.last_published.clone(),
            key_points: s.key_points.clone(),
            disputes: Vec::new(),
        })
    }

    fn assignment(
        &self,
        article: &Article,
        pos: usize,
        duplicate_of: Option<ArticleId>,
        new_story: bool,
    ) -> Assignment {
        Assignment {
            article: article.id.clone(),
            story: self.stories[pos].id.clone(),
            duplicate_of,
            new_story,
        }
    }

    fn join(
        &mut self,
        pos: usize,
        article: &Article,
        day: Option<NaiveDate>,
        minhash: Vec<u32>,
        terms: Option<&[(TermId, f32)]>,
    ) {
        self.article_story.insert(article.id.clone(), pos);
        self.changed.insert(pos);
        let s = &mut self.stories[pos];
        s.members.push(Member {
            id: article.id.clone(),
            minhash,
        });
        if let Some(o) = &article.outlet {
            *s.outlets.entry(o.clone()).or_insert(0) += 1;
        }
        if let Some(p) = &article.published {
            if s.first_published.as_ref().is_none_or(|f| p < f) {
                s.first_published = Some(p.clone());
            }
            if s.last_published.as_ref().is_none_or(|l| p > l) {
                s.last_published = Some(p.clone());
            }
        }
        if let Some(d) = day
            && s.last_day.is_none_or(|l| d > l)
        {
            s.last_day = Some(d);
        }
        if let Some(terms) = terms {
            for &(t, w) in terms {
                let slot = s.centroid.entry(t).or_insert(0.0);
                if *slot == 0.0 {
                    self.postings.entry(t).or_default().push(pos as u32);
                }
                *slot += w;
            }
            if s.centroid.len() > CENTROID_TERMS * 2 {
                let mut all: Vec<(TermId, f32)> = s.centroid.drain().collect();
                all.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                all.truncate(CENTROID_TERMS);
                s.centroid = all.into_iter().collect();
            }
        }
    }

    /// Stories that can take no new article (quiet for more than the window before the
    /// newest day seen, with a day's margin) drop their centroid and MinHash signatures:
    /// memory and saved state stay bounded by the stories of the current window, whatever
    /// the size of the archive. Runs at most once per new newest day.
    fn prune_cold(&mut self) {
        let Some(newest) = self.newest_day else {
            return;
        };
        if self.pruned_on == Some(newest) {
            return;
        }
        self.pruned_on = Some(newest);
        let horizon = self.config.window_days + 1;
        let mut any = false;
        for s in &mut self.stories {
            let cold = s
                .last_day
                .is_some_and(|l| (newest - l).num_days() > horizon);
            if cold && !s.centroid.is_empty() {
                s.centroid = HashMap::new();
                for m in &mut s.members {
                    m.minhash = Vec::new();
                }
                any = true;
            }
        }
        if any {
            // rebuild the inverted index over the warm stories only
            self.postings.clear();
            for (pos, s) in self.stories.iter().enumerate() {
                for &t in s.centroid.keys() {
                    self.postings.entry(t).or_default().push(pos as u32);
                }
            }
        }
    }

    /// Stories worth a full comparison with an article: those sharing its heaviest
    /// distinctive terms (very common terms are skipped: their posting lists are long and
    /// say little), ranked by the summed weight of shared terms.
    fn candidates(&self, terms: &[(TermId, f32)], day: Option<NaiveDate>) -> Vec<usize> {
        let mut probe: Vec<(TermId, f32)> =
            terms.iter().map(|&(t, w)| (t, w * self.idf(t))).collect();
        probe.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let common = (self.docs / 10).max(50);
        let mut overlap: HashMap<u32, f32> = HashMap::new();
        for &(t, w) in probe
            .iter()
            .filter(|(t, _)| self.df.get(*t as usize).is_some_and(|&d| d <= common))
            .take(PROBE_TERMS)
        {
            for &pos in self.postings.get(&t).map(Vec::as_slice).unwrap_or(&[]) {
                *overlap.entry(pos).or_insert(0.0) += w;
            }
        }
        let mut ranked: Vec<(u32, f32)> = overlap
            .into_iter()
            .filter(|&(pos, _)| {
                self.stories
                    .get(pos as usize)
                    .is_some_and(|s| self.in_window(s, day))
            })
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(MAX_CANDIDATES);
        ranked.into_iter().map(|(p, _)| p as usize).collect()
    }

    fn in_window(&self, s: &StoryState, day: Option<NaiveDate>) -> bool {
        if s.centroid.is_empty() {
            return false; // pruned: cold
        }
        match (day, s.last_day) {
            (Some(d), Some(l)) => (d - l).num_days().abs() <= self.config.window_days,
            _ => true,
        }
    }

    /// Smoothed idf: `ln((1 + docs) / (1 + df)) + 1`, from the cached logarithms.
    fn idf(&self, term: TermId) -> f32 {
        let ln_df = self.ln_df.get(term as usize).copied().unwrap_or(0.0);
        self.ln_docs - ln_df + 1.0
    }

    /// Cosine of TF-IDF vectors (the idf of the index as it is now).
    fn cosine(&self, a: &[(TermId, f32)], centroid: &HashMap<TermId, f32>) -> f32 {
        let mut dot = 0.0;
        let mut norm_a = 0.0;
        for &(t, wa) in a {
            let idf = self.idf(t);
            norm_a += (wa * idf) * (wa * idf);
            if let Some(wb) = centroid.get(&t) {
                dot += wa * wb * idf * idf;
            }
        }
        if dot == 0.0 {
            return 0.0;
        }
        let norm_b: f32 = centroid
            .iter()
            .map(|(&t, w)| {
                let x = w * self.idf(t);
                x * x
            })
            .sum();
        let n = norm_a.sqrt() * norm_b.sqrt();
        if n > 0.0 { dot / n } else { 0.0 }
    }

    /// Log-scaled term frequencies of stemmed content words (title words count twice), as
    /// term ids sorted by id. New words are added to the vocabulary.
    fn term_vector(&mut self, article: &Article) -> Vec<(TermId, f32)> {
        let mut counts: HashMap<TermId, f32> = HashMap::new();
        let title = article.title.as_deref().map(|t| (t, 2.0));
        for (text, weight) in title.into_iter().chain([(article.text.as_str(), 1.0)]) {
            for_each_term(text, |term| {
                let next = self.vocab.len() as TermId;
                let id = *self.vocab.entry(term.to_string()).or_insert(next);
                if id as usize == self.df.len() {
                    self.df.push(0);
                    self.ln_df.push(0.0);
                }
                *counts.entry(id).or_insert(0.0) += weight;
            });
        }
        let mut v: Vec<(TermId, f32)> =
            counts.into_iter().map(|(t, c)| (t, 1.0 + c.ln())).collect();
        v.sort_unstable_by_key(|&(t, _)| t);
        v
    }
}

/// Call `f` with each stemmed content word of `text`: lowercased, possessive dropped, stop
/// words, numbers and words under three letters skipped.
fn for_each_term(text: &str, mut f: impl FnMut(&str)) {
    let stemmer = Stemmer::default();
    let mut lower = String::new();
    for span in words(text) {
        let w = span.slice(text);
        if w.len() < 3 || w.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            continue;
        }
        lower.clear();
        lower.extend(w.chars().flat_map(char::to_lowercase));
        let lw = lower.trim_end_matches("'s").trim_end_matches("’s");
        if is_stop_word(lw) {
            continue;
        }
        f(&stemmer.stem(lw));
    }
}

/// MinHash signature over word shingles of the lowercased text.
fn minhash(text: &str) -> Vec<u32> {
    let mut sig = vec![u32::MAX; MINHASHES];
    let toks: Vec<u64> = words(text)
        .map(|s| {
            let w = s.slice(text);
            let lower: String = w.chars().flat_map(char::to_lowercase).collect();
            fnv1a(lower.as_bytes())
        })
        .collect();
    if toks.is_empty() {
        return Vec::new();
    }
    let n = toks.len().saturating_sub(SHINGLE - 1).max(1);
    for i in 0..n {
        let mut h: u64 = 0x9e37_79b9_7f4a_7c15;
        for t in &toks[i..(i + SHINGLE).min(toks.len())] {
            h = (h ^ t).wrapping_mul(0x100_0000_01b3).rotate_left(17);
        }
        for (k, slot) in sig.iter_mut().enumerate() {
            let x = mix(h ^ ((k as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15))) as u32;
            if x < *slot {
                *slot = x;
            }
        }
    }
    sig
}

/// A 64-bit finaliser (splitmix64) so the MinHash functions are independent enough.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn jaccard_estimate(a: &[u32], b: &[u32]) -> f32 {
    if a.len() != b.len() || a.is_empty() {
        return 0.0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f32 / a.len() as f32
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsdesk_core::{ArticleId, SourceRef};

    fn art(id: &str, title: &str, text: &str, date: &str, outlet: &str) -> Article {
        Article {
            id: ArticleId(id.to_string()),
            input_id: None,
            url: None,
            title: Some(title.to_string()),
            text: text.to_string(),
            published: Some(date.to_string()),
            outlet: Some(outlet.to_string()),
            lang: None,
            authors: Vec::new(),
            origin: SourceRef::default(),
        }
    }

    fn add(ix: &mut StoryIndex, a: &Article) -> Assignment {
        ix.add(a, &Analysis::empty(a.id.clone()))
    }

    const IRAN: &str = "Iran's parliament voted to suspend cooperation with the International Atomic Energy Agency after American strikes on the Fordow and Natanz nuclear sites. Lawmakers in Tehran said inspectors would not return until the security of the facilities was guaranteed. The agency's director said inspections were essential.";

    #[test]
    fn exact_and_near_duplicates_join_their_original() {
        let mut ix = StoryIndex::default();
        let a = art(
            "a",
            "Iran suspends IAEA cooperation",
            IRAN,
            "2025-06-25",
            "Wire",
        );
        let b = art(
            "b",
            "Tehran halts work with watchdog",
            IRAN,
            "2025-06-25",
            "Post",
        );
        let near = format!(
            "{} A spokesman added nothing further.",
            IRAN.replace("American", "U.S.")
        );
        let c = art("c", "Iran's lawmakers vote", &near, "2025-06-26", "Gazette");
        let ra = add(&mut ix, &a);
        let rb = add(&mut ix, &b);
        let rc = add(&mut ix, &c);
        assert!(ra.new_story && ra.duplicate_of.is_none());
        assert_eq!(rb.duplicate_of, Some(ArticleId("a".into())));
        assert_eq!(rc.duplicate_of, Some(ArticleId("a".into())));
        assert_eq!(rb.story, ra.story);
        assert_eq!(rc.story, ra.story);
        let s = ix.story(&ra.story).expect("story");
        assert_eq!(s.articles.len(), 3);
        assert_eq!(s.outlets, vec!["Gazette", "Post", "Wire"]);
        assert_eq!(s.first_published.as_deref(), Some("2025-06-25"));
        assert_eq!(s.last_published.as_deref(), Some("2025-06-26"));
    }

    #[test]
    fn related_articles_group_and_unrelated_ones_do_not() {
        let mut ix = StoryIndex::default();
        let a = add(
            &mut ix,
            &art(
                "a",
                "Iran suspends IAEA cooperation",
                IRAN,
                "2025-06-25",
                "Wire",
            ),
        );
        let b = add(
            &mut ix,
            &art(
                "b",
                "Iranian lawmakers back bill on nuclear watchdog",
                "Iranian lawmakers approved a bill halting cooperation with the IAEA, the nuclear agency, days after strikes on Fordow and Natanz. The parliament vote still needs approval from the Guardian Council, and inspectors have left the nuclear sites.",
                "2025-06-26",
                "Post",
            ),
        );
        let c = add(
            &mut ix,
            &art(
                "c",
                "Leaders agree on defence spending at NATO summit",
                "NATO leaders meeting in The Hague agreed to raise defence spending to five percent of economic output by 2035. The alliance's secretary general called the pledge historic, while Spain secured flexibility on the target.",
                "2025-06-25",
                "Post",
            ),
        );
        assert_eq!(a.story, b.story);
        assert!(b.duplicate_of.is_none());
        assert_ne!(a.story, c.story);
        assert!(c.new_story);
        assert_eq!(ix.len(), 2);
    }

    #[test]
    fn the_time_window_closes_old_stories() {
        let mut ix = StoryIndex::default();
        let a = add(
            &mut ix,
            &art(
                "a",
                "Iran suspends IAEA cooperation",
                IRAN,
                "2025-06-25",
                "Wire",
            ),
        );
        let text2 = IRAN.replace("Lawmakers", "Deputies");
        let b = add(
            &mut ix,
            &art(
                "b",
                "Iran suspends IAEA cooperation again",
                &format!("{text2} More."),
                "2025-09-25",
                "Wire",
            ),
        );
        assert_ne!(a.story, b.story);
    }

    #[test]
    fn state_round_trips_and_adding_twice_changes_nothing() {
        let mut ix = StoryIndex::default();
        let a = art(
            "a",
            "Iran suspends IAEA cooperation",
            IRAN,
            "2025-06-25",
            "Wire",
        );
        let first = add(&mut ix, &a);
        assert_eq!(ix.take_changed().len(), 1);
        assert!(ix.take_changed().is_empty());
        let mut restored = StoryIndex::from_state(&ix.to_state()).expect("state");
        let again = add(&mut restored, &a);
        assert_eq!(again.story, first.story);
        assert_eq!(restored.stories()[0].articles.len(), 1);
        assert!(StoryIndex::from_state("{not json").is_err());
    }

    #[test]
    fn cold_stories_are_pruned_from_the_state() {
        let mut ix = StoryIndex::default();
        add(
            &mut ix,
            &art(
                "a",
                "Iran suspends IAEA cooperation",
                IRAN,
                "2025-06-01",
                "Wire",
            ),
        );
        let before = ix.to_state().len();
        let text = "NATO leaders agreed in The Hague to raise defence spending to five percent.";
        add(
            &mut ix,
            &art("b", "NATO summit", text, "2025-07-01", "Post"),
        );
        assert!(
            ix.stories[0].centroid.is_empty(),
            "the June story went cold"
        );
        assert!(ix.to_state().len() < before + text.len() * 4);
        // an article about the cold story starts a new one
        let again = IRAN.replace("Lawmakers", "Deputies");
        let c = add(
            &mut ix,
            &art(
                "c",
                "Iran suspends IAEA cooperation",
                &again,
                "2025-07-01",
                "W",
            ),
        );
        assert!(c.new_story);
    }

    #[test]
    fn empty_texts_do_not_panic() {
        let mut ix = StoryIndex::default();
        let a = add(&mut ix, &art("a", "", "", "2025-06-25", "W"));
        let b = add(&mut ix, &art("b", "", " ", "bad-date", "W"));
        assert!(a.new_story);
        assert_eq!(b.duplicate_of, Some(ArticleId("a".into())));
    }
}
