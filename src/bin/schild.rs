//! `schild`: the classifier on the command line, for evaluation, training
//! and for people who moderate comments.
//!
//! ```text
//! schild classify [--sensitivity LEVEL] < comments.jsonl > verdicts.jsonl
//! schild eval [--json] [--sensitivity LEVEL] [--mistakes N] [--model FILE] [--baseline] FILE...
//! schild eval --validation [--json] [--config model/train.toml]
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
use schild::train::{self, Config, Side};
use schild::{Classifier, Comment, CopyDetector, Model, Sensitivity};

const USAGE: &str = "\
usage:
  schild classify [--sensitivity relaxed|balanced|strict]
      reads JSON Lines {\"text\", \"author\"?, \"thread\"?, \"links\"?} on stdin,
      writes one verdict {\"score\", \"sexspam\", \"reasons\"} per line
  schild eval [--json] [--sensitivity LEVEL] [--mistakes N] [--model FILE] [--baseline] FILE...
      measures the classifier on labelled JSON Lines (label: sexspam, spam_other, ham);
      --model evaluates another model file than the built-in one;
      --baseline evaluates the plain keyword list Schild is compared with
  schild eval --validation [--json] [--sensitivity LEVEL] [--config PATH]
      measures it on the validation split held out by `schild train`
  schild train [--config model/train.toml] [--check]
      trains the model from the corpora the config lists and writes it;
      with --check, verifies that the committed model is what training produces
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
    validation: bool,
    baseline: bool,
    check: bool,
    sensitivity: Sensitivity,
    mistakes: usize,
    config: Option<PathBuf>,
    model: Option<PathBuf>,
    hold_out: Vec<String>,
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
            "--validation" => options.validation = true,
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
            "--hold-out" => options.hold_out.push(value()?),
            _ => options.files.push(PathBuf::from(arg)),
        }
    }
    Ok(options)
}

fn sensitivity_name(sensitivity: Sensitivity) -> &'static str {
    match sensitivity {
        Sensitivity::Relaxed => "relaxed",
        Sensitivity::Balanced => "balanced",
        Sensitivity::Strict => "strict",
    }
}

/// `schild classify`: a verdict per input line; a bad line gets an
/// `{"error"}` line instead, so output lines stay aligned with input lines.
fn classify(args: &[String]) -> Result<ExitCode, String> {
    let options = parse(args, &["--sensitivity"])?;
    if !options.files.is_empty() {
        return Err("classify reads standard input; it takes no files".into());
    }
    let classifier = Classifier::new(options.sensitivity);
    let mut pages: HashMap<String, CopyDetector> = HashMap::new();
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
            let context = match raw.thread {
                Some(thread) => pages.entry(thread).or_default().observe(&comment),
                None => Default::default(),
            };
            Ok(classifier.classify_in_context(&comment, context))
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
            "--validation",
            "--config",
            "--model",
            "--baseline",
        ],
    )?;
    let records = if options.validation {
        if !options.files.is_empty() {
            return Err(
                "--validation evaluates the training corpus's held-out split; give no files".into(),
            );
        }
        validation_records(&options)?
    } else {
        if options.files.is_empty() {
            return Err(format!("eval needs labelled files\n{USAGE}"));
        }
        let mut records = Vec::new();
        for file in &options.files {
            records.extend(corpus::read_labelled(file).map_err(|e| e.to_string())?);
        }
        records
    };
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
        println!("{}", report.to_json(sensitivity_name(options.sensitivity)));
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

fn validation_records(options: &Options) -> Result<Vec<Record>, String> {
    let config = load_config(options)?;
    let (records, _) = train::load_corpus(&config, Path::new(".")).map_err(|e| e.to_string())?;
    let groups = train::groups(&records);
    Ok(records
        .into_iter()
        .enumerate()
        .filter(|(i, _)| config.split_of(&groups, *i) == Side::Validation)
        .map(|(_, record)| record)
        .collect())
}

/// `schild train --hold-out FILE...`: how well a model trained without
/// these files does on them (a new source the model never saw). Writes
/// nothing.
fn hold_out(config: Config, names: &[String]) -> Result<ExitCode, String> {
    let (held_files, kept): (Vec<_>, Vec<_>) = config
        .files
        .iter()
        .cloned()
        .partition(|f| names.contains(&f.name));
    if held_files.len() != names.len() {
        return Err(format!(
            "--hold-out names a file the config does not list: {names:?}"
        ));
    }
    let trained_config = Config {
        files: kept,
        ..config.clone()
    };
    let (model, _, _, _) =
        train::train(&trained_config, Path::new(".")).map_err(|e| e.to_string())?;
    if let Some(path) = std::env::var_os("SCHILD_SAVE_MODEL") {
        std::fs::write(&path, model.to_bytes()).map_err(|e| e.to_string())?;
    }
    let held_config = Config {
        files: held_files,
        ..config
    };
    let (held, _) = train::load_corpus(&held_config, Path::new(".")).map_err(|e| e.to_string())?;
    if std::env::var_os("SCHILD_SHOW_WEIGHTS").is_some() {
        let mut weights: Vec<(usize, f32)> =
            model.named_weights().iter().copied().enumerate().collect();
        weights.sort_by(|a, b| b.1.total_cmp(&a.1));
        println!("bias {:.2}", model.bias());
        for (i, w) in weights {
            println!("  {:>7.3} {}", w, schild::features::named_feature_name(i));
        }
    }
    let model = Arc::new(model);
    for level in [
        Sensitivity::Relaxed,
        Sensitivity::Balanced,
        Sensitivity::Strict,
    ] {
        let report = eval::evaluate(&held, &Classifier::with_model(model.clone(), level));
        let c = report.overall;
        println!(
            "held out {}, {:<8}: recall {:.4} ({} of {}), false-positive rate {:.5} ({} of {})",
            names.join(" "),
            sensitivity_name(level),
            c.recall().unwrap_or(f64::NAN),
            c.tp,
            c.tp + c.fn_,
            c.fpr().unwrap_or(f64::NAN),
            c.fp,
            c.fp + c.tn
        );
        if level == Sensitivity::Balanced {
            print!(
                "{}",
                report
                    .to_text(25)
                    .split("mistakes")
                    .nth(1)
                    .map(|m| format!("mistakes{m}"))
                    .unwrap_or_default()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `schild train`.
fn train(args: &[String]) -> Result<ExitCode, String> {
    let options = parse(args, &["--config", "--check", "--hold-out"])?;
    let config = load_config(&options)?;
    if !options.hold_out.is_empty() {
        return hold_out(config, &options.hold_out);
    }
    let started = std::time::Instant::now();
    let (model, report, records, sides) =
        train::train(&config, Path::new(".")).map_err(|e| e.to_string())?;
    let t = report.thresholds;
    println!(
        "trained on {} comments ({} examples with disguised copies); {} held out for validation; {:.1} s",
        report.train_records,
        report.examples,
        report.validation_records,
        started.elapsed().as_secs_f64()
    );
    println!(
        "thresholds: relaxed {:.3}, balanced {:.3}, strict {:.3}",
        t.relaxed, t.balanced, t.strict
    );
    for (level, recall, fpr) in &report.out_of_fold {
        println!(
            "  out-of-fold on the training split, {:<8}: recall {:.4}, false-positive rate {:.5}",
            sensitivity_name(*level),
            recall,
            fpr
        );
    }
    println!(
        "model: {} non-zero hashed weights of {}, {} bytes",
        report.nonzero_hashed,
        1usize << model.hash_bits(),
        report.model_bytes
    );
    let validation: Vec<Record> = records
        .into_iter()
        .zip(&sides)
        .filter(|(_, side)| **side == Side::Validation)
        .map(|(record, _)| record)
        .collect();
    let model = Arc::new(model);
    for level in [
        Sensitivity::Relaxed,
        Sensitivity::Balanced,
        Sensitivity::Strict,
    ] {
        let classifier = Classifier::with_model(model.clone(), level);
        let counts = eval::evaluate(&validation, &classifier).overall;
        println!(
            "  validation, {:<8}: recall {:.4}, false-positive rate {:.5} (ham {:.5}), precision {:.4}",
            sensitivity_name(level),
            counts.recall().unwrap_or(f64::NAN),
            counts.fpr().unwrap_or(f64::NAN),
            counts.fpr_ham().unwrap_or(f64::NAN),
            counts.precision().unwrap_or(f64::NAN),
        );
    }

    let bytes = model.to_bytes();
    if options.check {
        let committed = std::fs::read(&config.model)
            .map_err(|e| format!("{}: cannot read: {e}", config.model.display()))?;
        if committed != bytes {
            eprintln!(
                "schild: {} is not what `schild train` produces from the committed config and corpora",
                config.model.display()
            );
            return Ok(ExitCode::from(1));
        }
        println!(
            "{} is exactly what training produces",
            config.model.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    Model::from_bytes(&bytes).map_err(|e| format!("the new model does not read back: {e}"))?;
    std::fs::write(&config.model, bytes)
        .map_err(|e| format!("{}: cannot write: {e}", config.model.display()))?;
    println!("wrote {}", config.model.display());
    Ok(ExitCode::SUCCESS)
}

/// `schild bench`: comments per second of the classifier's calls, the
/// keyword baseline and the normaliser, as medians of timed rounds over the
/// given comments; and the time one 1 MB comment takes (the core reads only
/// its first `MAX_TEXT_BYTES`, so this stays near a normal comment's).
fn bench(args: &[String]) -> Result<ExitCode, String> {
    use std::hint::black_box;
    use std::time::Instant;

    use schild::features::PageContext;
    use schild::{Page, baseline, normalize};

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
            black_box(classifier.score(black_box(comment), PageContext::default()));
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
