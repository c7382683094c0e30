//! The one reader of the TSV layout every dictionary in `crates/analyze/data/` shares.
//!
//! Why one reader: the actors, cues and events loaders all read the same layout (blank
//! lines skipped, `#` comment lines, exactly one `#columns:` line naming the tab-separated
//! columns before any record, every record as wide as that line), and they must reject a
//! bad file the same way, naming the line. Each loader only says what the columns mean
//! and what a record holds.

/// What is wrong with a file's layout or with one of its records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TsvError {
    /// 1-based line number, or `None` when the file as a whole is wrong.
    pub line: Option<usize>,
    pub message: String,
}

/// Walk the records of `text`.
///
/// `columns` is called once, with the names of the `#columns:` line; it returns what the
/// records need to be read (a column order, say) or a message rejecting the layout.
/// `record` is called with that state, the 1-based line number and the trimmed fields of
/// every data line (exactly as many as the `#columns:` line names). Returns the state, or
/// `None` when the text has no `#columns:` line (and therefore no record).
pub fn read<S>(
    text: &str,
    mut columns: impl FnMut(&[&str]) -> Result<S, String>,
    mut record: impl FnMut(&S, usize, &[&str]) -> Result<(), String>,
) -> Result<Option<S>, TsvError> {
    let mut state: Option<(S, usize)> = None;
    let mut fields: Vec<&str> = Vec::new();
    for (n, raw) in text.split('\n').enumerate() {
        let line = n + 1;
        let err = |message: String| TsvError {
            line: Some(line),
            message,
        };
        let text_line = raw.strip_suffix('\r').unwrap_or(raw);
        if text_line.trim().is_empty() {
            continue;
        }
        if let Some(rest) = text_line.trim_start().strip_prefix('#') {
            if let Some(cols) = rest.trim_start().strip_prefix("columns:") {
                if state.is_some() {
                    return Err(err("a second #columns: line".into()));
                }
                let names: Vec<&str> = cols
                    .split('\t')
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .collect();
                state = Some((columns(&names).map_err(err)?, names.len()));
            }
            continue;
        }
        let Some((s, width)) = &state else {
            return Err(err(
                "a data line before the #columns: line that names the columns".into(),
            ));
        };
        fields.clear();
        fields.extend(text_line.split('\t').map(str::trim));
        if fields.len() != *width {
            return Err(err(format!(
                "{} fields, the #columns: line names {width}",
                fields.len()
            )));
        }
        record(s, line, &fields).map_err(err)?;
    }
    Ok(state.map(|(s, _)| s))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Records as (line, fields).
    type Records = Vec<(usize, Vec<String>)>;

    fn collect(text: &str) -> Result<Option<Records>, TsvError> {
        let mut out = Vec::new();
        let r = read(
            text,
            |names| {
                if names == ["a", "b"] {
                    Ok(())
                } else {
                    Err(format!("bad columns {names:?}"))
                }
            },
            |_, line, f| {
                if f[0] == "bad" {
                    return Err("a bad record".into());
                }
                out.push((line, f.iter().map(|s| s.to_string()).collect()));
                Ok(())
            },
        )?;
        Ok(r.map(|()| out))
    }

    #[test]
    fn reads_records_after_the_columns_line() {
        let got = collect("# about\n#columns:\ta\tb\n\nx\t y \r\n# c\nz\t\n").expect("reads");
        let got = got.expect("has columns");
        assert_eq!(
            got,
            vec![
                (4, vec!["x".into(), "y".into()]),
                (6, vec!["z".into(), "".into()])
            ]
        );
        assert_eq!(collect("# only comments\n"), Ok(None));
    }

    #[test]
    fn layout_errors_name_their_line() {
        let line = |t: &str| collect(t).expect_err("must fail").line;
        assert_eq!(line("x\ty\n"), Some(1));
        assert_eq!(line("#columns:\ta\tb\n#columns:\ta\tb\n"), Some(2));
        assert_eq!(line("#columns:\ta\tc\n"), Some(1));
        assert_eq!(line("#columns:\ta\tb\nx\n"), Some(2));
        assert_eq!(line("#columns:\ta\tb\nok\t1\nbad\t2\n"), Some(3));
    }
}
