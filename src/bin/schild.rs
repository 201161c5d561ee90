//! `schild`: the classifier on the command line, for evaluation, training
//! and for people who moderate comments.
//!
//! ```text
//! schild classify [--sensitivity LEVEL] < comments.jsonl > verdicts.jsonl
//! schild eval [--json] [--sensitivity LEVEL] [--mistakes N] [--model FILE] [--baseline] FILE...
//! schild eval --generalisation [--json] [--config model/train.toml]
//! schild train [--config model/train.toml] [--check]
//! schild bench [--json] FILE...
//! ```

use std::collections::HashMap;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use schild::corpus::{self, Record};
use schild::eval;
use schild::train::{self, Config};
use schild::{Classifier, Comment, Model, Page, Sensitivity};

const USAGE: &str = "\
usage:
  schild classify [--sensitivity relaxed|balanced|strict]
      reads JSON Lines {\"text\", \"author\"?, \"thread\"?, \"links\"?} on stdin,
      writes one verdict {\"score\", \"sexspam\", \"reasons\"} per line
  schild eval [--json] [--sensitivity LEVEL] [--mistakes N] [--model FILE] [--baseline] FILE...
      measures the classifier on labelled JSON Lines (label: sexspam, spam_other, ham);
      --model evaluates another model file than the built-in one;
      --baseline evaluates the plain keyword list Schild is compared with
  schild eval --generalisation [--json] [--config PATH]
      trains without each corpus family and each language in turn and measures
      the classifier on what it did not see (leave one source out, leave one
      language out), with a random split beside them; writes nothing
  schild train [--config model/train.toml] [--check]
      trains the model from the corpora and synthetic rows the config lists,
      measures its generalisation, writes the model and model/figures.json;
      with --check, verifies that both are what training produces
  schild bench [--json] FILE...
      times the classifier, the keyword baseline and the normaliser on the
      comments of JSON Lines files, and one 1 MB comment (tools/bench.sh)";

const DEFAULT_CONFIG: &str = "model/train.toml";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("classify") => classify(&args[1..]),
        Some("eval") => evaluate(&args[1..]),
        Some("train") => train(&args[1..]),
        Some("bench") => bench(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("schild: {message}");
            ExitCode::from(2)
        }
    }
}

/// Command-line options shared by the subcommands.
#[derive(Default)]
struct Options {
    json: bool,
    generalisation: bool,
    baseline: bool,
    check: bool,
    sensitivity: Sensitivity,
    mistakes: usize,
    config: Option<PathBuf>,
    model: Option<PathBuf>,
    files: Vec<PathBuf>,
}

fn parse(args: &[String], allowed: &[&str]) -> Result<Options, String> {
    let mut options = Options {
        mistakes: 10,
        ..Options::default()
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let flag = arg.as_str();
        if flag.starts_with("--") && !allowed.contains(&flag) {
            return Err(format!("unknown option {flag}\n{USAGE}"));
        }
        let mut value = || {
            args.next()
                .cloned()
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag {
            "--json" => options.json = true,
            "--generalisation" => options.generalisation = true,
            "--baseline" => options.baseline = true,
            "--check" => options.check = true,
            "--sensitivity" => options.sensitivity = value()?.parse()?,
            "--mistakes" => {
                options.mistakes = value()?
                    .parse()
                    .map_err(|_| "--mistakes needs a number".to_string())?
            }
            "--config" => options.config = Some(PathBuf::from(value()?)),
            "--model" => options.model = Some(PathBuf::from(value()?)),
            _ => options.files.push(PathBuf::from(arg)),
        }
    }
    Ok(options)
}

/// `schild classify`: a verdict per input line; a bad line gets an
/// `{"error"}` line instead, so output lines stay aligned with input lines.
fn classify(args: &[String]) -> Result<ExitCode, String> {
    let options = parse(args, &["--sensitivity"])?;
    if !options.files.is_empty() {
        return Err("classify reads standard input; it takes no files".into());
    }
    // One page per thread, as in the browser; a comment without a thread is
    // judged on its own.
    let classifier = Classifier::new(options.sensitivity);
    let mut pages: HashMap<String, Page> = HashMap::new();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut errors = 0usize;
    for (line, raw) in corpus::raw_lines(std::io::stdin().lock()) {
        let verdict = raw.and_then(|raw| {
            let text = raw.text.ok_or("missing field `text`")?;
            let comment = Comment {
                text,
                author: raw.author,
                links: raw.links,
                trusted: raw.trusted,
            };
            Ok(match raw.thread {
                Some(thread) => pages
                    .entry(thread)
                    .or_insert_with(|| Page::with_classifier(classifier.clone()))
                    .classify(&comment),
                None => classifier.classify(&comment),
            })
        });
        let json = match verdict {
            Ok(verdict) => serde_json::to_string(&verdict).map_err(|e| e.to_string())?,
            Err(problem) => {
                errors += 1;
                eprintln!("schild: stdin:{line}: {problem}");
                serde_json::json!({ "error": format!("line {line}: {problem}") }).to_string()
            }
        };
        writeln!(out, "{json}").map_err(|e| format!("cannot write: {e}"))?;
    }
    out.flush().map_err(|e| format!("cannot write: {e}"))?;
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `schild eval`.
fn evaluate(args: &[String]) -> Result<ExitCode, String> {
    let options = parse(
        args,
        &[
            "--json",
            "--sensitivity",
            "--mistakes",
            "--generalisation",
            "--config",
            "--model",
            "--baseline",
        ],
    )?;
    if options.generalisation {
        if !options.files.is_empty() || options.model.is_some() || options.baseline {
            return Err(
                "--generalisation trains its own models on the corpora; give no files, --model or --baseline".into(),
            );
        }
        let config = load_config(&options)?;
        let (_, figures, report) =
            train::train(&config, Path::new(".")).map_err(|e| e.to_string())?;
        if options.json {
            print!("{}", figures.to_json());
            return Ok(ExitCode::SUCCESS);
        }
        print!("{}", figures.to_text());
        if options.mistakes > 0 && !report.mistakes.is_empty() {
            println!(
                "\nmistakes held out (most confident first, {} in all):",
                report.mistakes.len()
            );
            for m in report.mistakes.iter().take(options.mistakes) {
                let kind = if m.label.is_positive() {
                    "missed"
                } else {
                    "false alarm"
                };
                let one_line = |s: &str, n: usize| -> String {
                    s.replace(['\n', '\r'], " ").chars().take(n).collect()
                };
                println!(
                    "  {kind:<11} {:.3} {:<22} {:<34} [{}] {}",
                    m.score,
                    m.held_out,
                    m.place,
                    one_line(&m.author, 40),
                    one_line(&m.text, 100)
                );
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    if options.files.is_empty() {
        return Err(format!("eval needs labelled files\n{USAGE}"));
    }
    let mut records: Vec<Record> = Vec::new();
    for file in &options.files {
        records.extend(corpus::read_labelled(file).map_err(|e| e.to_string())?);
    }
    let classifier = match &options.model {
        Some(path) => {
            let bytes =
                std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
            let model =
                Model::from_bytes(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
            Classifier::with_model(Arc::new(model), options.sensitivity)
        }
        None => Classifier::new(options.sensitivity),
    };
    let report = if options.baseline {
        eval::evaluate_baseline(&records)
    } else {
        eval::evaluate(&records, &classifier)
    };
    print!(
        "{}",
        report.to_text(if options.json { 0 } else { options.mistakes })
    );
    if options.json {
        println!("{}", report.to_json(options.sensitivity.name()));
    }
    Ok(ExitCode::SUCCESS)
}

fn load_config(options: &Options) -> Result<Config, String> {
    let path = options
        .config
        .clone()
        .unwrap_or_else(|| PathBuf::from(DEFAULT_CONFIG));
    Config::load(&path).map_err(|e| e.to_string())
}

/// `schild train`.
fn train(args: &[String]) -> Result<ExitCode, String> {
    let options = parse(args, &["--config", "--check"])?;
    let config = load_config(&options)?;
    let started = std::time::Instant::now();
    let (model, figures, report) =
        train::train(&config, Path::new(".")).map_err(|e| e.to_string())?;
    println!(
        "trained on {} real rows and {} synthetic ({} examples with disguised copies); {:.1} s",
        report.real_records,
        report.synthetic_records,
        report.examples,
        started.elapsed().as_secs_f64()
    );
    println!(
        "model: {} non-zero hashed weights of {}, {} bytes\n",
        report.nonzero_hashed,
        1usize << model.hash_bits(),
        report.model_bytes
    );
    print!("{}", figures.to_text());

    let bytes = model.to_bytes();
    let json = figures.to_json();
    if options.check {
        let mut stale = Vec::new();
        for (path, fresh) in [
            (&config.model, &bytes[..]),
            (&config.figures, json.as_bytes()),
        ] {
            let committed =
                std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
            if committed != fresh {
                stale.push(path.display().to_string());
            }
        }
        if !stale.is_empty() {
            eprintln!(
                "schild: {} not what `schild train` produces from the committed config, lexicon, synthetic rows and corpora: run `cargo run --release -- train`",
                stale.join(" and ")
            );
            return Ok(ExitCode::from(1));
        }
        println!(
            "\n{} and {} are exactly what training produces",
            config.model.display(),
            config.figures.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    Model::from_bytes(&bytes).map_err(|e| format!("the new model does not read back: {e}"))?;
    std::fs::write(&config.model, bytes)
        .map_err(|e| format!("{}: cannot write: {e}", config.model.display()))?;
    std::fs::write(&config.figures, json)
        .map_err(|e| format!("{}: cannot write: {e}", config.figures.display()))?;
    println!(
        "\nwrote {} and {}",
        config.model.display(),
        config.figures.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// `schild bench`: comments per second of the classifier's calls, the
/// keyword baseline and the normaliser, as medians of timed rounds over the
/// given comments; and the time one 1 MB comment takes (the core reads only
/// its first `MAX_TEXT_BYTES`, so this stays near a normal comment's).
fn bench(args: &[String]) -> Result<ExitCode, String> {
    use std::hint::black_box;
    use std::time::Instant;

    use schild::{baseline, normalize};

    let options = parse(args, &["--json"])?;
    if options.files.is_empty() {
        return Err(format!("bench needs JSON Lines files of comments\n{USAGE}"));
    }
    let mut comments = Vec::new();
    for path in &options.files {
        let file = std::fs::File::open(path)
            .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
        for (line, raw) in corpus::raw_lines(std::io::BufReader::new(file)) {
            let raw = raw.map_err(|e| format!("{}:{line}: {e}", path.display()))?;
            comments.push(Comment {
                text: raw.text.unwrap_or_default(),
                author: raw.author,
                links: raw.links,
                trusted: raw.trusted,
            });
        }
    }
    if comments.is_empty() {
        return Err("bench: no comments in the files".into());
    }
    // Median seconds of `rounds` timed runs after two untimed ones.
    let time = |rounds: usize, run: &mut dyn FnMut()| -> f64 {
        run();
        run();
        let mut times: Vec<f64> = (0..rounds)
            .map(|_| {
                let start = Instant::now();
                run();
                start.elapsed().as_secs_f64()
            })
            .collect();
        times.sort_by(f64::total_cmp);
        times[times.len() / 2]
    };
    let per_second = |seconds: f64| (comments.len() as f64 / seconds).round();
    let classifier = Classifier::new(Sensitivity::Balanced);
    let score = per_second(time(10, &mut || {
        for comment in &comments {
            black_box(classifier.score(black_box(comment)));
        }
    }));
    let page_verdicts = per_second(time(10, &mut || {
        let mut page = Page::new(Sensitivity::Balanced);
        for comment in &comments {
            black_box(page.classify(black_box(comment)));
        }
    }));
    let keyword_baseline = per_second(time(10, &mut || {
        for comment in &comments {
            black_box(baseline::flags(black_box(comment)));
        }
    }));
    let normalize_only = per_second(time(10, &mut || {
        for comment in &comments {
            black_box(normalize::fold(black_box(&comment.text)));
            black_box(normalize::fold_name(black_box(comment.author())));
        }
    }));
    let huge = Comment::new(
        format!(
            "Tap my profile for my hot video 🍓 {}",
            "and so on ".repeat(1 << 17)
        ),
        "@maria",
    );
    let mut page = Page::new(Sensitivity::Balanced);
    let megabyte_micros = time(20, &mut || {
        black_box(page.classify(black_box(&huge)));
    }) * 1e6;
    let bytes: usize = comments
        .iter()
        .map(|c| c.text.len() + c.author().len())
        .sum();
    let report = serde_json::json!({
        "comments": comments.len(),
        "average_bytes": bytes / comments.len(),
        "score_per_second": score,
        "page_verdicts_per_second": page_verdicts,
        "baseline_per_second": keyword_baseline,
        "normalize_per_second": normalize_only,
        "megabyte_comment_bytes": huge.text.len(),
        "megabyte_comment_micros": (megabyte_micros * 10.0).round() / 10.0,
    });
    if options.json {
        println!("{report}");
    } else {
        println!(
            "{} comments, {} bytes on average (median of 10 rounds)",
            comments.len(),
            bytes / comments.len()
        );
        println!("  classifier, score only           {score:>9.0} comments/s");
        println!("  page verdicts with reasons       {page_verdicts:>9.0} comments/s");
        println!("  keyword-list baseline            {keyword_baseline:>9.0} comments/s");
        println!("  normalize name and text only     {normalize_only:>9.0} comments/s");
        println!("  one 1 MB comment                 {megabyte_micros:>9.1} µs");
    }
    Ok(ExitCode::SUCCESS)
}
