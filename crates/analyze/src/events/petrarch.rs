//! Reader of PETRARCH verb dictionaries (`CAMEO.2.0.txt`, `PETR.Validate.verbs.txt`), so
//! that analysts can bring the verb patterns they already maintain with `--verbs FILE`.
//!
//! Why a reader and not a converter: users extend PETRARCH dictionaries in place; reading
//! the file they edit keeps one source of truth. We read the parts our coder can use and
//! say (as warnings) what we skipped.
//!
//! The format, as those files use it:
//!
//! ```text
//! # a comment; <!-- … --> lines are comments too
//! &SYNSET            # a set of words, used in patterns as &SYNSET
//! +WORD              # a member (words joined by `_`)
//!
//! --- ATTACK [190] ---          # a block: its default code ([---]: none)
//! ATTACK                        # a verb; regular forms are made from it
//! STRIKE {STRIKES STRUCK}       # irregular forms listed in braces
//! DOWNPLAY [014]                # a verb with a code of its own
//! +BREAK_DOWN {+BROKE_DOWN}     # several words; `+` marks the verb
//! - * ON + [195]                # a pattern: `*` the verb, `+` the target, `$` the
//!                               #   source, `%` both, `^` a skipped phrase,
//!                               #   `_` joins words that must be adjacent
//! ```
//!
//! How we read it (our coder has no parse tree, so patterns are approximate):
//! * every verb of a block gets the block's code (or its own), as a verb row with no
//!   pattern; each pattern of the block gives one row per verb; every row is coded as
//!   written ([`VerbRow::literal`]);
//! * a pattern's words after `*` become our pattern: a word joined to the previous one by
//!   `_` must follow it; a word after a space may come after up to three others (our
//!   `*`); `+` and `%` are the target slot; `^` and `$` after the verb are skipped words;
//!   `&SYNSET` gives one row per member (a treebank contraction in a member, "DID N'T",
//!   is joined back: "didn't");
//! * words before `*` become the row's `before` part, read the same way backwards from the
//!   verb ([`VerbRow::before`]); `$` there is the subject (nothing to check), `^` a gap,
//!   `%` makes the row one for a compound subject ([`VerbRow::compound`]); a `+` before
//!   the verb (the target as subject) is not modelled: such patterns are skipped with a
//!   warning;
//! * codes are kept as written when they are two to four digits ("903" in the validation
//!   suite is a code of its own); a code of another shape ("075A", "def", "---") makes
//!   the pattern uncoded; a pair `a:b` codes `a` from source to target and `b` from
//!   target to source ([`VerbRow::reverse`]).

use super::dict::{EventDictError, HeadKind, Pat, VerbDict, VerbRow};
use std::collections::HashMap;

/// A line of a PETRARCH verbs file we could read only in part, or not at all.
pub type Warning = String;

/// Whether `text` looks like a PETRARCH verbs file (a `--- NAME [code] ---` block header).
pub fn is_petrarch_verbs(text: &str) -> bool {
    text.lines().any(|l| {
        let l = l.trim();
        l.starts_with("---") && l.ends_with("---") && l.contains('[')
    })
}

/// Strip a `#` comment.
fn uncomment(line: &str) -> &str {
    match line.find('#') {
        Some(i) => &line[..i],
        None => line,
    }
}

/// Whether `c` is a code we keep: two to four digits.
fn is_code(c: &str) -> bool {
    (2..=4).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_digit())
}

/// A code as PETRARCH emits it: the digits of one written with a letter suffix marking
/// a variant of the validation suite ("174K" is 174).
fn digits(c: &str) -> &str {
    let c = c.trim();
    let n = c.bytes().take_while(u8::is_ascii_digit).count();
    if n >= 2 && c[n..].bytes().all(|b| b.is_ascii_alphabetic()) {
        &c[..n]
    } else {
        c
    }
}

/// The code in `[…]`, if it is two to four digits (a letter suffix dropped), and for a
/// paired code `[a:b]` the code of the reverse event (target to source), when that is
/// one too.
fn code_of(s: &str) -> Option<(String, Option<String>)> {
    let inner = s.trim().strip_prefix('[')?.split(']').next()?;
    let mut parts = inner.split(':');
    let c = digits(parts.next()?);
    let rev = parts
        .next()
        .map(digits)
        .filter(|r| is_code(r))
        .map(str::to_string);
    is_code(c).then(|| (c.to_string(), rev))
}

/// Regular English forms of a verb (lower case): base, -s, -ed, -ing.
fn inflect(base: &str) -> Vec<String> {
    let b = base.to_lowercase();
    let mut out = vec![b.clone()];
    let ends = |s: &str| b.ends_with(s);
    let vowel = |c: char| "aeiou".contains(c);
    // third person
    if ends("s") || ends("x") || ends("z") || ends("ch") || ends("sh") || ends("o") {
        out.push(format!("{b}es"));
    } else if ends("y") && b.len() > 1 && !b[..b.len() - 1].ends_with(vowel) {
        out.push(format!("{}ies", &b[..b.len() - 1]));
    } else {
        out.push(format!("{b}s"));
    }
    // past and gerund
    if ends("e") {
        out.push(format!("{b}d"));
        if !ends("ee") {
            out.push(format!("{}ing", &b[..b.len() - 1]));
        } else {
            out.push(format!("{b}ing"));
        }
    } else if ends("y") && b.len() > 1 && !b[..b.len() - 1].ends_with(vowel) {
        out.push(format!("{}ied", &b[..b.len() - 1]));
        out.push(format!("{b}ing"));
    } else {
        out.push(format!("{b}ed"));
        out.push(format!("{b}ing"));
    }
    out
}

/// The head forms of a verb line: `ATTACK`, `BAN {BANS BANNED}`, `+BREAK_DOWN {…}`,
/// `KLM_NOP_+RST`. Regular forms inflect the word marked `+` (else the last one).
fn verb_forms(spec: &str) -> Vec<String> {
    let (base, explicit) = match spec.find('{') {
        Some(i) => (
            &spec[..i],
            Some(spec[i + 1..].split('}').next().unwrap_or("")),
        ),
        None => (spec, None),
    };
    let words = |s: &str| -> Vec<String> {
        s.split('_')
            .map(|w| w.trim_start_matches('+').to_lowercase())
            .filter(|w| !w.is_empty())
            .collect()
    };
    let base = base.trim();
    let ws = words(base);
    if ws.is_empty() {
        return Vec::new();
    }
    let marked = base
        .split('_')
        .filter(|w| !w.is_empty())
        .position(|w| w.starts_with('+'))
        .unwrap_or(ws.len() - 1);
    let mut forms: Vec<String> = inflect(&ws[marked.min(ws.len() - 1)])
        .into_iter()
        .map(|f| {
            let mut v = ws.clone();
            if let Some(x) = v.get_mut(marked) {
                *x = f;
            }
            v.join(" ")
        })
        .collect();
    if let Some(ex) = explicit {
        for f in ex.split_whitespace() {
            let v = words(f);
            if !v.is_empty() {
                forms.push(v.join(" "));
            }
        }
    }
    forms.sort();
    forms.dedup();
    forms
}

/// A code and, for a paired code, the reverse event's code.
type Coded = (String, Option<String>);

/// A row's pattern: words before and after the verb, and `%`.
#[derive(Debug, Clone, Default)]
struct Shape {
    before: Vec<Pat>,
    after: Vec<Pat>,
    compound: bool,
}

/// One pattern element before synsets are expanded.
#[derive(Debug, Clone)]
enum El {
    Word(String),
    Syn(String),
    Target,
    Gap,
}

/// A pattern split at its verb (`*`): the elements before and after it, and whether
/// it names a compound subject (`%`).
#[derive(Debug, Clone, Default)]
struct Split {
    before: Vec<El>,
    after: Vec<El>,
    compound: bool,
}

/// Elements of one side of a pattern: words separated by a space may have up to three
/// others between them (a gap); words joined by `_` are adjacent. `$` (the source, which
/// is the subject anyway) is skipped; `^` (a skipped phrase) is a gap; `+` is the target
/// slot; `%` sets `compound` before the verb and is a target slot after it (a compound
/// object is expanded by the coder anyway).
fn elements(side: &str, compound: &mut bool, before: bool) -> Vec<El> {
    let mut out = Vec::new();
    for tok in side.split_whitespace() {
        // "_WITH": joined to what comes before it
        let mut first = !tok.starts_with('_');
        for w in tok.split('_') {
            if w.is_empty() {
                continue;
            }
            if first && !out.is_empty() {
                out.push(El::Gap);
            }
            first = false;
            match w {
                "+" => out.push(El::Target),
                "$" => {}
                "%" if before => *compound = true,
                "%" => out.push(El::Target),
                "^" => out.push(El::Gap),
                w if w.starts_with('&') => out.push(El::Syn(w.trim_start_matches('&').to_string())),
                w => out.push(El::Word(w.trim_start_matches('+').to_lowercase())),
            }
        }
    }
    out
}

/// Split a pattern at `*`. `Err` says why a pattern cannot be read: a target slot
/// before the verb (the target as subject), which our coder does not model.
fn split_pattern(pat: &str) -> Result<Split, &'static str> {
    let star = pat.find('*').ok_or("no `*` for the verb")?;
    let (before_s, after_s) = (&pat[..star], &pat[star + 1..]);
    let mut sp = Split::default();
    sp.before = elements(before_s, &mut sp.compound, true);
    if sp.before.iter().any(|e| matches!(e, El::Target)) {
        return Err("a target before the verb is not read");
    }
    // the last word before `*` is adjacent to the verb only when joined by `_`
    if !sp.before.is_empty() && !before_s.trim_end().ends_with('_') {
        sp.before.push(El::Gap);
    }
    while matches!(sp.before.first(), Some(El::Gap)) {
        sp.before.remove(0);
    }
    let mut after = Vec::new();
    let joined_to_verb = after_s.trim_start().starts_with('_');
    let els = elements(after_s, &mut sp.compound, false);
    if !els.is_empty() && !joined_to_verb && !matches!(els.first(), Some(El::Target)) {
        after.push(El::Gap);
    }
    after.extend(els);
    // a target is found within a few words anyway: no gap before it
    let mut cleaned: Vec<El> = Vec::with_capacity(after.len());
    for e in after {
        if matches!(e, El::Target) && matches!(cleaned.last(), Some(El::Gap)) {
            cleaned.pop();
        }
        cleaned.push(e);
    }
    // our patterns allow one target slot
    let mut seen = false;
    cleaned.retain(|e| {
        if matches!(e, El::Target) {
            let keep = !seen;
            seen = true;
            keep
        } else {
            true
        }
    });
    sp.after = cleaned;
    Ok(sp)
}

/// Expand synsets: every combination of members (at most 64 patterns), each member's
/// words in sequence. Gaps at the ends are kept (the caller trims the side it needs).
fn expand(els: &[El], syn: &HashMap<String, Vec<Vec<String>>>) -> Vec<Vec<Pat>> {
    let mut outs: Vec<Vec<Pat>> = vec![Vec::new()];
    for e in els {
        match e {
            El::Word(w) => outs.iter_mut().for_each(|o| o.push(Pat::Word(w.clone()))),
            El::Target => outs.iter_mut().for_each(|o| o.push(Pat::Target)),
            El::Gap => outs.iter_mut().for_each(|o| {
                if o.last() != Some(&Pat::Gap) {
                    o.push(Pat::Gap)
                }
            }),
            El::Syn(name) => {
                let members = syn.get(name).cloned().unwrap_or_default();
                if members.is_empty() {
                    return Vec::new();
                }
                let mut next = Vec::new();
                for o in &outs {
                    for m in &members {
                        if next.len() >= 64 {
                            break;
                        }
                        let mut v = o.clone();
                        v.extend(m.iter().map(|w| Pat::Word(w.clone())));
                        next.push(v);
                    }
                }
                outs = next;
            }
        }
    }
    outs
}

/// Synset member words as our tokeniser sees them: the treebank's split contractions
/// ("DID N'T", "WO N'T") are joined back ("didn't", "won't").
fn member_words(m: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in m
        .split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        let w = w.to_lowercase();
        match out.last_mut() {
            Some(prev) if w.starts_with("n'") => prev.push_str(&w),
            _ => out.push(w),
        }
    }
    out
}

/// Read a PETRARCH verbs file into a [`VerbDict`] (codes are not checked against the
/// CAMEO table: a user's file may use codes of its own). Returns the rows and warnings
/// for what was skipped; a file with no block at all is an error.
pub fn parse(file: &str, text: &str) -> Result<(VerbDict, Vec<Warning>), EventDictError> {
    let mut warnings = Vec::new();
    // first pass: synsets (they may be defined after their use)
    let mut syn: HashMap<String, Vec<Vec<String>>> = HashMap::new();
    let mut cur: Option<String> = None;
    for raw in text.lines() {
        let line = uncomment(raw).trim();
        if line.starts_with("<!--") {
            continue;
        }
        if let Some(name) = line.strip_prefix('&') {
            let name = name.split_whitespace().next().unwrap_or("").to_string();
            syn.entry(name.clone()).or_default();
            cur = Some(name);
        } else if let (Some(name), Some(m)) = (&cur, line.strip_prefix('+')) {
            let words = member_words(m);
            if !words.is_empty() {
                syn.entry(name.clone()).or_default().push(words);
            }
        } else {
            cur = None;
        }
    }
    // expand nested synsets (a member "&OTHER") one level deep
    let snapshot = syn.clone();
    for members in syn.values_mut() {
        let mut out = Vec::new();
        for m in members.iter() {
            match m.as_slice() {
                [one] if one.starts_with('&') => {
                    let inner = one.trim_start_matches('&').to_uppercase();
                    out.extend(snapshot.get(&inner).cloned().unwrap_or_default());
                }
                _ => out.push(m.clone()),
            }
        }
        *members = out;
    }

    let mut d = VerbDict::default();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut add = |d: &mut VerbDict, code: &Coded, forms: &[String], sp: Shape| {
        let row = d.rows.len() as u32;
        d.rows.push(VerbRow {
            code: code.0.clone(),
            kind: HeadKind::Verb,
            pattern: sp.after,
            before: sp.before,
            reverse: code.1.clone(),
            compound: sp.compound,
            literal: true,
        });
        for f in forms {
            let i = *index.entry(f.clone()).or_insert_with(|| {
                d.heads.push(f.clone());
                d.by_head.push(Vec::new());
                d.heads.len() - 1
            });
            if let Some(rows) = d.by_head.get_mut(i)
                && !rows.contains(&row)
            {
                rows.push(row);
            }
        }
    };

    let mut blocks = 0usize;
    let mut in_block = false;
    let mut block_code: Option<Coded> = None;
    // the block's verbs: (forms, code)
    let mut verbs: Vec<(Vec<String>, Option<Coded>)> = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = uncomment(raw).trim();
        if line.is_empty() || line.starts_with("<!--") {
            continue;
        }
        if line.starts_with("---") {
            blocks += 1;
            in_block = true;
            let inner = line.trim_matches('-').trim();
            block_code = inner.find('[').and_then(|i| code_of(&inner[i..]));
            verbs.clear();
            continue;
        }
        if line.starts_with('&') {
            in_block = false; // a synset between blocks
            continue;
        }
        if !in_block {
            continue;
        }
        if let Some(p) = line.strip_prefix('-') {
            // a pattern of the block
            let (pat, code) = match p.rfind('[') {
                Some(i) => (&p[..i], code_of(&p[i..])),
                None => (p, None),
            };
            let Some(code) = code.or_else(|| block_code.clone()) else {
                continue; // uncoded: a pattern that stops a code
            };
            let sp = match split_pattern(pat) {
                Ok(sp) => sp,
                Err(why) => {
                    warnings.push(format!("{file}:{}: {why}: {}", n + 1, p.trim()));
                    continue;
                }
            };
            let befores = if sp.before.is_empty() {
                vec![Vec::new()]
            } else {
                expand(&sp.before, &syn)
            };
            let afters = expand(&sp.after, &syn);
            if befores.is_empty() || afters.is_empty() {
                warnings.push(format!("{file}:{}: unknown synset in {}", n + 1, p.trim()));
                continue;
            }
            let forms: Vec<String> = verbs.iter().flat_map(|(f, _)| f.clone()).collect();
            let mut made = 0usize;
            'combos: for before in &befores {
                for after in &afters {
                    let mut after = after.clone();
                    while after.last() == Some(&Pat::Gap) {
                        after.pop();
                    }
                    let mut before = before.clone();
                    while before.first() == Some(&Pat::Gap) {
                        before.remove(0);
                    }
                    if after.is_empty() && before.is_empty() && !sp.compound {
                        continue;
                    }
                    if made >= 64 {
                        break 'combos;
                    }
                    made += 1;
                    let shape = Shape {
                        before,
                        after,
                        compound: sp.compound,
                    };
                    add(&mut d, &code, &forms, shape);
                }
            }
            continue;
        }
        if line.starts_with('+')
            && !verbs.is_empty()
            && !line.contains('{')
            && !line[1..].contains('_')
        {
            continue; // a stray synonym line we cannot place
        }
        // a verb of the block, perhaps with forms and a code of its own
        let (spec, code) = match line.rfind('[') {
            Some(i) if !line[i..].contains('{') => (&line[..i], code_of(&line[i..])),
            _ => (line, None),
        };
        let spec = spec.split('[').next().unwrap_or(spec);
        let forms = verb_forms(spec);
        if forms.is_empty() {
            continue;
        }
        let code = code.or_else(|| block_code.clone());
        if let Some(c) = &code {
            add(&mut d, c, &forms, Shape::default());
        }
        verbs.push((forms, code));
    }
    if blocks == 0 {
        return Err(EventDictError::File {
            file: file.to_string(),
            message: "no `--- VERB [code] ---` block: not a PETRARCH verbs file".into(),
        });
    }
    Ok((d, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "<!-- a test dictionary of ours -->\n\
&TIES\n+TRADE\n+MILITARY\n\n\
&NEVERMORE\n+WO N'T\n+SHALL_NOT\n\n\
--- QUARREL [111] ---\n\
QUARREL   # a note\n\
SPAT {SPATS SPATTED}\n\
- * OVER &TIES TIES [112]\n\
- * _WITH + [113]\n\
- * FOR_GOOD [118K]\n\
- NEARLY * [114]\n\
- + WAS_* BY $ [115]\n\
- % HAVE * [116]\n\
- &NEVERMORE_* AGAIN [117]\n\
--- CHEER [---] ---\n\
CHEER\n\
- * ON + [0215:0216]\n";

    #[test]
    fn reads_blocks_forms_patterns_and_synsets() {
        let (d, warnings) = parse("t.verbs.txt", SAMPLE).unwrap();
        assert!(is_petrarch_verbs(SAMPLE));
        for f in ["quarrel", "quarrels", "quarreled", "spatted", "cheering"] {
            assert!(d.heads.iter().any(|h| h == f), "{f}: {:?}", d.heads);
        }
        // the bare verb rows: QUARREL and SPAT coded 111, CHEER uncoded
        let bare: Vec<&str> = d
            .rows
            .iter()
            .filter(|r| r.pattern.is_empty() && r.before.is_empty() && !r.compound)
            .map(|r| r.code.as_str())
            .collect();
        assert_eq!(bare, vec!["111", "111"]);
        assert!(d.rows.iter().all(|r| r.literal));
        // the synset gives one row per member
        let over: Vec<&VerbRow> = d.rows.iter().filter(|r| r.code == "112").collect();
        assert_eq!(over.len(), 2);
        assert_eq!(
            over[0].pattern,
            vec![
                Pat::Gap,
                Pat::Word("over".into()),
                Pat::Gap,
                Pat::Word("trade".into()),
                Pat::Gap,
                Pat::Word("ties".into())
            ]
        );
        // `_WITH +`: adjacent word, then the target slot
        let with = d.rows.iter().find(|r| r.code == "113").unwrap();
        assert_eq!(with.pattern, vec![Pat::Word("with".into()), Pat::Target]);
        // a letter suffix is dropped
        let good = d.rows.iter().find(|r| r.code == "118").unwrap();
        assert_eq!(
            good.pattern,
            vec![Pat::Gap, Pat::Word("for".into()), Pat::Word("good".into())]
        );
        // a code pair: the first part, and the reverse event's code
        let cheer = d.rows.iter().find(|r| r.code == "0215").unwrap();
        assert_eq!(cheer.reverse.as_deref(), Some("0216"));
        // words before the verb: a gap before the verb unless joined by `_`
        let nearly = d.rows.iter().find(|r| r.code == "114").unwrap();
        assert_eq!(nearly.before, vec![Pat::Word("nearly".into()), Pat::Gap]);
        assert!(nearly.pattern.is_empty());
        // `%` before the verb: a compound subject
        let have = d.rows.iter().find(|r| r.code == "116").unwrap();
        assert!(have.compound);
        assert_eq!(have.before, vec![Pat::Word("have".into()), Pat::Gap]);
        // a synset before the verb, its treebank contraction joined back
        let never: Vec<&VerbRow> = d.rows.iter().filter(|r| r.code == "117").collect();
        assert_eq!(never.len(), 2);
        assert_eq!(never[0].before, vec![Pat::Word("won't".into())]);
        assert_eq!(
            never[1].before,
            vec![Pat::Word("shall".into()), Pat::Word("not".into())]
        );
        // a target before the verb is not read, with a warning naming the line
        assert!(!d.rows.iter().any(|r| r.code == "115"));
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].starts_with("t.verbs.txt:17:"), "{warnings:?}");
    }

    #[test]
    fn not_a_verbs_file_is_an_error() {
        assert!(parse("x.txt", "HAMAS [PSEREB]\n").is_err());
        assert!(!is_petrarch_verbs(
            "#columns:\tcode\tkind\thead\tpattern\tnote\n"
        ));
    }

    #[test]
    fn regular_forms() {
        assert_eq!(inflect("deny"), vec!["deny", "denies", "denied", "denying"]);
        assert_eq!(
            inflect("arrive"),
            vec!["arrive", "arrives", "arrived", "arriving"]
        );
        assert_eq!(
            inflect("attack"),
            vec!["attack", "attacks", "attacked", "attacking"]
        );
        assert_eq!(
            verb_forms("+BREAK_DOWN {+BROKE_DOWN}"),
            vec![
                "break down",
                "breaked down",
                "breaking down",
                "breaks down",
                "broke down"
            ]
        );
    }
}
