//! The README's commands work on the shipped files: every `protracted ...` (or `cargo run
//! --release -- ...`) line of its shell blocks and every inline command without placeholders
//! is run, with fewer runs, no charts and a temporary `--out` so that the test stays quick and
//! writes nothing under the repository; `serve` is started on a free port and stopped once it
//! says where it serves.

use crate::common::{bin, root};
use std::io::BufRead;
use std::process::Stdio;
use tempfile::TempDir;

/// Split a shell line into words: single and double quotes group, `#` outside quotes starts
/// a comment.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut has = false;
    let mut quote: Option<char> = None;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => cur.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                has = true;
            }
            (None, '#') if !has => break,
            (None, c) if c.is_whitespace() => {
                if has {
                    out.push(std::mem::take(&mut cur));
                    has = false;
                }
            }
            (None, c) => {
                cur.push(c);
                has = true;
            }
        }
    }
    if has {
        out.push(cur);
    }
    out
}

/// The arguments after `protracted` of one command line, if it is one.
fn command(line: &str) -> Option<Vec<String>> {
    let line = line.trim().trim_start_matches("$ ");
    let rest = line.strip_prefix("protracted ").or_else(|| line.strip_prefix("cargo run --release -- "))?;
    Some(words(rest))
}

/// Whether an inline command is a synopsis (placeholders such as SCENARIO, `[...]`, `...`)
/// or a mention of a command that needs a scenario (`protracted run` in a sentence).
fn is_synopsis(args: &[String]) -> bool {
    let needs_a_file = !matches!(args.first().map(String::as_str), Some("list" | "serve"));
    (needs_a_file && args.len() < 2)
        || args.iter().any(|a| {
            a.contains('[')
                || a.contains("...")
                || a.contains('…')
                || (a.chars().any(|c| c.is_ascii_uppercase()) && !a.contains('/') && !a.starts_with("--"))
        })
}

/// Every command of the README: shell and text blocks, then inline code.
fn readme_commands() -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let mut out = Vec::new();
    let mut block: Option<String> = None;
    for line in text.lines() {
        if let Some(lang) = line.strip_prefix("```") {
            block = if block.is_some() { None } else { Some(lang.to_string()) };
            continue;
        }
        match block.as_deref() {
            Some("sh") | Some("text") => {
                if let Some(args) = command(line) {
                    out.push(args);
                }
            }
            Some(_) => {}
            None => {
                for (i, span) in line.split('`').enumerate() {
                    if i % 2 == 1
                        && let Some(args) = command(span)
                        && !is_synopsis(&args)
                    {
                        out.push(args);
                    }
                }
            }
        }
    }
    out
}

/// `args` made quick: at most `max` runs, no charts, quiet, a temporary output.
fn quick(args: &[String], out: &std::path::Path) -> Vec<String> {
    let cmd = args[0].as_str();
    let max = match cmd {
        "seek" => 200,
        "sweep" => 10,
        _ => 50,
    };
    let mut v: Vec<String> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        if args[i] == "--runs" && i + 1 < args.len() {
            i += 2;
            continue;
        }
        v.push(args[i].clone());
        i += 1;
    }
    if matches!(cmd, "run" | "compare" | "report" | "sweep" | "seek" | "sensitivity") {
        v.extend(["--runs".into(), max.to_string(), "--quiet".into(), "--out".into()]);
        v.push(if cmd == "report" { out.join("report.html") } else { out.to_path_buf() }.display().to_string());
    }
    if matches!(cmd, "run" | "compare" | "sweep" | "seek" | "sensitivity") {
        v.push("--no-charts".into());
    }
    if cmd == "sensitivity" && args.iter().any(|a| a == "sobol") {
        v.extend(["--base-rows".into(), "4".into()]);
    }
    v
}

#[test]
fn the_words_of_a_line_are_split_as_a_shell_does() {
    assert_eq!(words("run a.toml --set 'x=[[0, 1]]'   # note"), ["run", "a.toml", "--set", "x=[[0, 1]]"]);
    assert_eq!(
        words("seek b --target \"russia tips by 36 in 40%\""),
        ["seek", "b", "--target", "russia tips by 36 in 40%"]
    );
}

#[test]
fn every_readme_command_works_on_the_shipped_files() {
    let commands = readme_commands();
    let names: Vec<&str> = commands.iter().map(|c| c[0].as_str()).collect();
    for expected in ["run", "compare", "report", "serve", "sweep", "seek", "sensitivity", "list"] {
        assert!(names.contains(&expected), "the README shows no `protracted {expected}`: {names:?}");
    }
    let tmp = TempDir::new().expect("temp dir");
    for (i, args) in commands.iter().enumerate() {
        if args[0] == "serve" {
            let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("protracted"))
                .current_dir(root())
                .args(args)
                .args(["--port", "0", "--runs", "50"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawns");
            let mut first = String::new();
            let stdout = child.stdout.take().expect("stdout");
            let _ = std::io::BufReader::new(stdout).read_line(&mut first);
            let _ = child.kill();
            let o = child.wait_with_output().expect("waits");
            assert!(first.starts_with("Serving "), "{args:?}: {first}{}", String::from_utf8_lossy(&o.stderr));
            continue;
        }
        let run = quick(args, &tmp.path().join(format!("c{i}")));
        let o = bin().args(&run).output().expect("protracted runs");
        assert!(o.status.success(), "README: protracted {}\n{}", args.join(" "), String::from_utf8_lossy(&o.stderr));
    }
}
