//! The `schild` command line: what it prints, and what it does with bad input
//! (a clear error naming the file and line; nothing crashes, nothing lost).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn schild(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_schild"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("schild runs");
    let mut input = child.stdin.take().expect("stdin");
    let stdin = stdin.to_string();
    // Write from another thread: a big input must not deadlock on a full pipe.
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(stdin.as_bytes());
    });
    let output = child.wait_with_output().expect("schild finishes");
    writer.join().expect("stdin written");
    output
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A temporary file with `body`, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, body: &[u8]) -> TempFile {
        let dir = std::env::temp_dir().join(format!("schild-cli-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join(name);
        std::fs::write(&path, body).expect("write");
        TempFile(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().expect("utf-8 path")
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

const FIXTURES: &str = "tests/fixtures/comments.jsonl";

#[test]
fn classify_writes_one_verdict_per_line() {
    let input = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURES))
        .expect("fixtures");
    let output = schild(&["classify"], &input);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let lines: Vec<serde_json::Value> = text(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), input.lines().count());
    for verdict in &lines {
        assert!(
            verdict["score"]
                .as_f64()
                .is_some_and(|s| (0.0..=1.0).contains(&s))
        );
        assert!(verdict["sexspam"].is_boolean());
        assert!(verdict["reasons"].is_array());
    }
    // The third fixture is a bot with a disguised lure name.
    assert_eq!(lines[2]["sexspam"], true);
    assert!(
        lines[2]["reasons"][0]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty())
    );
}

#[test]
fn classify_reports_bad_lines_in_place_and_carries_on() {
    let input = [
        r#"{"text":"hello there","author":"@a"}"#,
        "{not json",
        r#"{"author":"@no-text"}"#,
        "",
        r#"{"text":"","author":"F?СК MЕ. ТАP ON MY Р1С","thread":null,"extra":{"x":1}}"#,
    ]
    .join("\n");
    let output = schild(&["classify", "--sensitivity", "balanced"], &input);
    assert_eq!(
        output.status.code(),
        Some(1),
        "bad lines make the exit status 1"
    );
    let lines: Vec<serde_json::Value> = text(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(lines.len(), 4, "one output line per non-empty input line");
    assert_eq!(lines[0]["sexspam"], false);
    assert!(
        lines[1]["error"]
            .as_str()
            .is_some_and(|e| e.starts_with("line 2: invalid JSON"))
    );
    assert!(
        lines[2]["error"]
            .as_str()
            .is_some_and(|e| e.contains("line 3: missing field `text`"))
    );
    assert_eq!(
        lines[3]["sexspam"], true,
        "name-only records are classified"
    );
    assert!(text(&output.stderr).contains("stdin:2: invalid JSON"));
}

#[test]
fn classify_survives_a_huge_line() {
    let huge = format!(
        "{{\"text\":\"{}\"}}\n{{\"text\":\"after\"}}\n",
        "ha ".repeat(600_000)
    );
    let output = schild(&["classify"], &huge);
    let out = text(&output.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].contains("line too long"));
    assert!(lines[1].contains("\"sexspam\":false"));
}

#[test]
fn eval_json_ends_with_the_summary_object() {
    let output = schild(&["eval", "--json", FIXTURES], "");
    assert!(output.status.success(), "{}", text(&output.stderr));
    let out = text(&output.stdout);
    let last: serde_json::Value =
        serde_json::from_str(out.lines().last().expect("output")).expect("JSON");
    for field in [
        "n",
        "tp",
        "fp",
        "fn",
        "tn",
        "precision",
        "recall",
        "fpr",
        "f1",
        "by_lang",
        "by_platform",
    ] {
        assert!(!last[field].is_null(), "{field} missing from {last}");
    }
    assert_eq!(last["n"], 40);
    let n = ["tp", "fp", "fn", "tn"]
        .iter()
        .map(|f| last[f].as_u64().expect("count"))
        .sum::<u64>();
    assert_eq!(n, 40);
    assert!(last["by_lang"]["nl"]["n"].as_u64().is_some_and(|n| n >= 4));
    assert!(last["by_platform"]["instagram"].is_object());
}

#[test]
fn eval_names_the_file_and_line_of_bad_input() {
    let cases: [(&str, &[u8], &str); 4] = [
        (
            "broken.jsonl",
            b"{\"text\":\"a\",\"label\":\"ham\"}\n{\"text\":",
            "broken.jsonl:2: invalid JSON",
        ),
        (
            "nolabel.jsonl",
            b"{\"text\":\"a\"}\n",
            "nolabel.jsonl:1: missing field `label`",
        ),
        (
            "badlabel.jsonl",
            b"{\"text\":\"a\",\"label\":\"porn\"}\n",
            "badlabel.jsonl:1: unknown label",
        ),
        (
            "binary.jsonl",
            b"{\"text\":\"\xff\xfe\",\"label\":\"ham\"}\n",
            "binary.jsonl:1: not valid UTF-8",
        ),
    ];
    for (name, body, expected) in cases {
        let file = TempFile::new(name, body);
        let output = schild(&["eval", file.path()], "");
        assert_eq!(output.status.code(), Some(2), "{name}");
        let stderr = text(&output.stderr);
        assert!(stderr.contains(expected), "{name}: {stderr}");
    }
    let missing = schild(&["eval", "no/such/file.jsonl"], "");
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("no/such/file.jsonl: cannot open"));
}

#[test]
fn usage_errors_explain_themselves() {
    for args in [
        &[][..],
        &["frobnicate"][..],
        &["eval"][..],
        &["classify", "--sensitivity", "extreme"][..],
    ] {
        let output = schild(args, "");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(!text(&output.stderr).trim().is_empty(), "{args:?}");
    }
    assert!(text(&schild(&["--help"], "").stdout).contains("schild eval"));
}
