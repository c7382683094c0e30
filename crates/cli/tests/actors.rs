//! End-to-end tests of the actors side of the binary: `--actors FILE` and `eval ner`.

use serde_json::Value;
use std::process::Command;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_newsdesk"));
    c.env_remove("NEWSDESK_DB").env("NO_COLOR", "1");
    c
}

#[test]
fn analyze_with_a_user_dictionary() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    std::fs::write(
        &input,
        "{\"id\": \"a1\", \"published\": \"2025-06-20\", \"text\": \"Zorblax Vantor met Iran's foreign minister, Abbas Araghchi, in Oslo.\"}\n",
    )
    .unwrap();
    let dict = dir.path().join("mine.tsv");
    std::fs::write(
        &dict,
        "# ours\n#columns:\tname\taliases\tcountry\tsector\trole\tstart\tend\tkind\n\
         Zorblax Vantor\tVantor\tNOR\tGOV\tenvoy\t2024-01-01\t\tperson\n",
    )
    .unwrap();
    let o = bin()
        .args(["analyze", "--jsonl", "--json", "--actors"])
        .arg(&dict)
        .arg(&input)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let codes: Vec<(&str, &str)> = v["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["text"].as_str().unwrap(),
                m["actor"]["code"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(codes.contains(&("Zorblax Vantor", "NORGOV")), "{codes:?}");
    assert!(codes.contains(&("Abbas Araghchi", "IRNGOV")), "{codes:?}");
    assert!(v["actors"].as_array().is_some_and(|a| !a.is_empty()));

    // a bad dictionary line is an error naming the file and line, exit code 2
    std::fs::write(&dict, "#columns:\tcode\tlabel\tterms\tkind\nGOV\n").unwrap();
    let o = bin()
        .args(["analyze", "--jsonl", "--json", "--actors"])
        .arg(&dict)
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("mine.tsv:2:"), "{err}");
}

#[test]
fn eval_ner_on_a_small_file_of_ours() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("tiny.conll");
    std::fs::write(
        &data,
        "-DOCSTART- -X- -X- O\n\nForeign NNP B-NP O\nMinister NNP I-NP O\nAbbas NNP I-NP B-PER\n\
         Araghchi NNP I-NP I-PER\nvisited VBD B-VP O\nOslo NNP B-NP B-LOC\n. . O O\n\n\
         Iranian JJ B-NP B-MISC\nlawmakers NNS I-NP O\nmet VBD B-VP O\nthe DT B-NP O\n\
         IAEA NNP I-NP B-ORG\n. . O O\n",
    )
    .unwrap();
    let o = bin()
        .args(["eval", "ner", "--json", "--data"])
        .arg(&data)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["overall"]["gold"], 4);
    assert_eq!(v["overall"]["f1"], 1.0, "{v}");
    assert_eq!(v["per_type"].as_array().unwrap().len(), 4);
    assert!(v["tokens_per_second"].as_f64().unwrap() > 0.0);
    let o = bin()
        .args(["eval", "ner", "--data"])
        .arg(dir.path().join("missing"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn analyze_with_a_user_verbs_file() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    std::fs::write(
        &input,
        "{\"id\": \"v1\", \"published\": \"2025-06-20\", \"text\": \"Israel zorbed Iran on Friday.\"}\n",
    )
    .unwrap();
    let codes = |o: &std::process::Output| -> Vec<String> {
        let v: Value = serde_json::from_slice(&o.stdout).unwrap();
        v["events"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|e| e["code"].as_str().unwrap_or("").to_string())
                    .collect()
            })
            .unwrap_or_default()
    };
    // without the file, "zorbed" is no verb of ours
    let o = bin()
        .args(["analyze", "--jsonl", "--json"])
        .arg(&input)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(codes(&o).is_empty());
    // a PETRARCH verbs file of ours: a block, a verb, a pattern with the target slot
    let verbs = dir.path().join("mine.verbs.txt");
    std::fs::write(&verbs, "--- ZORB [172] ---\nZORB\n- * + [173]\n").unwrap();
    let o = bin()
        .args(["analyze", "--jsonl", "--json", "--verbs"])
        .arg(&verbs)
        .arg(&input)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(codes(&o), vec!["173"]);
    // our TSV layout, with a code that is not CAMEO's: an error naming the line
    let tsv = dir.path().join("mine.tsv");
    std::fs::write(
        &tsv,
        "#columns:\tcode\tkind\thead\tpattern\tnote\n999\tverb\tzorbed\t\t\n",
    )
    .unwrap();
    let o = bin()
        .args(["analyze", "--jsonl", "--json", "--verbs"])
        .arg(&tsv)
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("mine.tsv:2:"));
}
