//! The README's API examples, run, so they cannot drift from the API.
//!
//! Every fenced block right after a `<!-- readme-test: run -->` line is run
//! by bash, in README order, in one shell (so `$TOKEN` from the quick start
//! is there for later examples), against a fresh server whose address
//! replaces `http://127.0.0.1:8080`. `curl` is wrapped with
//! `--fail-with-body`: an answer that is not 2xx stops the run and fails the
//! test with the problem document. A ```json block right after a
//! `<!-- readme-test: answer -->` line is the answer the README shows for the
//! last command of the block before it: each key it shows must be in the
//! real answer, lists must have as many items, and every value other than
//! `"…"` must be equal. A `curl` example left unmarked fails the test too.

use ecom_tests::TestApp;
use serde_json::Value;

const RUN: &str = "<!-- readme-test: run -->";
const ANSWER: &str = "<!-- readme-test: answer -->";
/// The address the README's examples use (`scripts/run`'s default).
const README_BASE: &str = "http://127.0.0.1:8080";
/// In a shown answer, any string.
const ANY: &str = "…";

/// One runnable example.
#[derive(Debug)]
struct Example {
    /// 1-based line of its opening fence in README.md.
    line: usize,
    script: String,
    /// The answer the README shows for its last command, with its line.
    answer: Option<(usize, Value)>,
}

/// The marked examples of a README, in order.
fn examples(readme: &str) -> Vec<Example> {
    let lines: Vec<&str> = readme.lines().collect();
    let mut found: Vec<Example> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim();
        if line.starts_with("```") {
            // A fenced block: marked by the line before it, or not at all.
            let start = i;
            let marker = start
                .checked_sub(1)
                .map(|before| lines[before].trim())
                .filter(|before| *before == RUN || *before == ANSWER);
            let end = (start + 1..lines.len())
                .find(|&j| lines[j].trim() == "```")
                .unwrap_or_else(|| {
                    panic!("README.md:{}: the fenced block is not closed", start + 1)
                });
            let body = lines[start + 1..end].join("\n");
            match marker {
                Some(RUN) => found.push(Example {
                    line: start + 1,
                    script: body,
                    answer: None,
                }),
                Some(_) => {
                    let shown: Value = serde_json::from_str(&body).unwrap_or_else(|e| {
                        panic!("README.md:{}: the shown answer is not JSON: {e}", start + 1)
                    });
                    let example = found.last_mut().unwrap_or_else(|| {
                        panic!("README.md:{}: an answer with no example before it", start + 1)
                    });
                    assert!(
                        example.answer.is_none(),
                        "README.md:{}: the example at line {} has an answer already",
                        start + 1,
                        example.line
                    );
                    example.answer = Some((start + 1, shown));
                }
                None => assert!(
                    !body.contains("curl "),
                    "README.md:{}: a curl example that is not run by this test; put `{RUN}` on the line before it",
                    start + 1
                ),
            }
            i = end + 1;
            continue;
        }
        if line == RUN || line == ANSWER {
            let next = lines.get(i + 1).map(|l| l.trim()).unwrap_or_default();
            assert!(
                next.starts_with("```"),
                "README.md:{}: `{line}` must be right before a fenced block",
                i + 1
            );
        }
        i += 1;
    }
    found
}

/// Where `shown` (the README's answer) and `real` differ, as `path: why`.
fn differences(shown: &Value, real: &Value, path: &str, out: &mut Vec<String>) {
    match (shown, real) {
        (Value::String(any), Value::String(_)) if any == ANY => {}
        (Value::Object(shown), Value::Object(real)) => {
            for (key, value) in shown {
                match real.get(key) {
                    Some(real) => differences(value, real, &format!("{path}.{key}"), out),
                    None => out.push(format!("{path}.{key}: not in the answer")),
                }
            }
        }
        (Value::Array(shown), Value::Array(real)) => {
            if shown.len() != real.len() {
                out.push(format!(
                    "{path}: {} items shown, {} answered",
                    shown.len(),
                    real.len()
                ));
            }
            for (n, (shown, real)) in shown.iter().zip(real).enumerate() {
                differences(shown, real, &format!("{path}[{n}]"), out);
            }
        }
        (shown, real) if shown == real => {}
        (shown, real) => out.push(format!("{path}: shown {shown}, answered {real}")),
    }
}

/// Runs the examples in one bash; each one's output goes to `<dir>/<n>.out`.
/// Returns bash's status and stderr.
fn run(examples: &[Example], base: &str, dir: &std::path::Path) -> (bool, String) {
    let mut script = String::from(
        "set -euo pipefail\n\
         curl() { command curl --show-error --fail-with-body \"$@\"; }\n",
    );
    for (n, example) in examples.iter().enumerate() {
        script.push_str(&format!(
            "{{\n{}\n}} > \"$OUT/{n}.out\"\n",
            example.script.replace(README_BASE, base)
        ));
    }
    let output = std::process::Command::new("bash")
        .arg("-c")
        .arg(&script)
        .env("OUT", dir)
        .output()
        .expect("bash runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[tokio::test]
async fn the_readme_api_examples_run_and_answer_as_shown() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md"))
        .expect("README.md");
    let examples = examples(&readme);
    assert!(
        examples.len() >= 2,
        "the quick start and the API key example are marked: {examples:?}"
    );
    let app = TestApp::spawn().await;
    let dir = tempfile::tempdir().expect("temporary folder");
    let out = dir.path().to_path_buf();
    let base = app.base.clone();
    let (examples, (ok, stderr)) = tokio::task::spawn_blocking(move || {
        let result = run(&examples, &base, &out);
        (examples, result)
    })
    .await
    .expect("the examples ran");
    let output = |n: usize| std::fs::read_to_string(dir.path().join(format!("{n}.out")));
    if !ok {
        // The last example that started is the one that failed.
        let failed = (0..examples.len())
            .rev()
            .find(|n| output(*n).is_ok())
            .unwrap_or_default();
        panic!(
            "the README example at README.md:{} failed\n--- its output:\n{}\n--- stderr:\n{stderr}",
            examples[failed].line,
            output(failed).unwrap_or_default()
        );
    }
    for (n, example) in examples.iter().enumerate() {
        let Some((line, shown)) = &example.answer else {
            continue;
        };
        let printed = output(n).expect("the example's output");
        let answers: Vec<Value> = serde_json::Deserializer::from_str(&printed)
            .into_iter::<Value>()
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| {
                panic!(
                    "README.md:{}: the example did not print JSON ({e}):\n{printed}",
                    example.line
                )
            });
        let last = answers
            .last()
            .unwrap_or_else(|| panic!("README.md:{}: the example printed nothing", example.line));
        let mut found = Vec::new();
        differences(shown, last, "answer", &mut found);
        assert!(
            found.is_empty(),
            "README.md:{line}: the shown answer differs from the server's:\n{}\nthe server answered: {last}",
            found.join("\n")
        );
    }
}

#[test]
fn a_shown_answer_is_matched_key_by_key_and_a_drifted_one_is_not() {
    let real =
        serde_json::json!({"items": [{"id": "abc", "name": "Els", "extra": 1}], "next": null});
    let mut found = Vec::new();
    differences(
        &serde_json::json!({"items": [{"id": "…", "name": "Els"}]}),
        &real,
        "answer",
        &mut found,
    );
    assert!(found.is_empty(), "{found:?}");
    differences(
        &serde_json::json!({"items": [{"name": "An"}, {"name": "Els"}], "total": 2}),
        &real,
        "answer",
        &mut found,
    );
    assert_eq!(
        found,
        [
            "answer.items: 2 items shown, 1 answered",
            "answer.items[0].name: shown \"An\", answered \"Els\"",
            "answer.total: not in the answer",
        ]
    );
}

#[test]
fn unmarked_curl_examples_and_stray_markers_are_refused() {
    let unmarked = "text\n```sh\ncurl -s http://127.0.0.1:8080/api/v1/me\n```\n";
    assert!(std::panic::catch_unwind(|| examples(unmarked)).is_err());
    let stray = format!("{RUN}\n\n```sh\ntrue\n```\n");
    assert!(std::panic::catch_unwind(|| examples(&stray)).is_err());
    let marked = format!("{RUN}\n```sh\ncurl -s x\n```\n{ANSWER}\n```json\n{{\"a\": 1}}\n```\n");
    let found = examples(&marked);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].line, 2);
    assert_eq!(found[0].answer.as_ref().map(|(line, _)| *line), Some(6));
}
