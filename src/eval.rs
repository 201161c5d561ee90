//! Measuring the classifier on labelled comments: confusion counts, the
//! usual rates, and breakdowns by language, platform and file.
//!
//! Comments that share a `thread` are classified together as one page, in
//! file order, so that page context (copied comments) works as it does in
//! the browser. Positive means `sexspam`; `spam_other` and `ham` are both
//! negatives, and the false-positive rate on `ham` alone is reported too.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::classifier::Classifier;
use crate::corpus::{self, Label, Record};
use crate::page::Page;

/// Confusion counts for one slice of the data.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Sex-spam flagged.
    pub tp: u64,
    /// Not sex-spam, flagged.
    pub fp: u64,
    /// Sex-spam missed.
    pub fn_: u64,
    /// Not sex-spam, not flagged.
    pub tn: u64,
    /// Of the false positives, those labelled `ham`.
    pub fp_ham: u64,
    /// How many `ham` comments there were.
    pub ham: u64,
}

impl Counts {
    /// Counts one comment with its label and whether it was flagged.
    pub fn add(&mut self, label: Label, flagged: bool) {
        match (label.is_positive(), flagged) {
            (true, true) => self.tp += 1,
            (true, false) => self.fn_ += 1,
            (false, true) => self.fp += 1,
            (false, false) => self.tn += 1,
        }
        if label == Label::Ham {
            self.ham += 1;
            if flagged {
                self.fp_ham += 1;
            }
        }
    }

    /// All comments counted.
    pub fn n(&self) -> u64 {
        self.tp + self.fp + self.fn_ + self.tn
    }

    /// tp / (tp + fp), if anything was flagged.
    pub fn precision(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fp)
    }

    /// tp / (tp + fn), if there was sex-spam.
    pub fn recall(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// fp / (fp + tn), if there were negatives.
    pub fn fpr(&self) -> Option<f64> {
        ratio(self.fp, self.fp + self.tn)
    }

    /// False positives among `ham` comments only.
    pub fn fpr_ham(&self) -> Option<f64> {
        ratio(self.fp_ham, self.ham)
    }

    /// The harmonic mean of precision and recall.
    pub fn f1(&self) -> Option<f64> {
        ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }

    fn json(&self) -> CountsJson {
        CountsJson {
            n: self.n(),
            tp: self.tp,
            fp: self.fp,
            r#fn: self.fn_,
            tn: self.tn,
            precision: self.precision(),
            recall: self.recall(),
            fpr: self.fpr(),
            f1: self.f1(),
            fpr_ham: self.fpr_ham(),
        }
    }
}

fn ratio(a: u64, b: u64) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

#[derive(Serialize)]
struct CountsJson {
    n: u64,
    tp: u64,
    fp: u64,
    r#fn: u64,
    tn: u64,
    precision: Option<f64>,
    recall: Option<f64>,
    fpr: Option<f64>,
    f1: Option<f64>,
    fpr_ham: Option<f64>,
}

/// One comment the classifier got wrong, for the text report.
#[derive(Debug, Clone)]
pub struct Mistake {
    /// File and line.
    pub place: String,
    /// Its label.
    pub label: Label,
    /// The score it got.
    pub score: f32,
    /// The author and text, shortened.
    pub author: String,
    /// The text, shortened.
    pub text: String,
}

/// The result of an evaluation.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Everything.
    pub overall: Counts,
    /// By `lang` (`?` when unknown).
    pub by_lang: BTreeMap<String, Counts>,
    /// By `platform` (`?` when unknown).
    pub by_platform: BTreeMap<String, Counts>,
    /// By file name.
    pub by_file: BTreeMap<String, Counts>,
    /// The mistakes, most confident first.
    pub mistakes: Vec<Mistake>,
}

/// The score of each record, classified page by page (records sharing a
/// `thread` form a page, in their order), exactly as the extension does.
pub fn scores(records: &[Record], classifier: &Classifier) -> Vec<f32> {
    let mut scores = vec![0.0f32; records.len()];
    for indices in corpus::pages(records) {
        let mut page = Page::with_classifier(classifier.clone());
        for i in indices {
            scores[i] = page.score(&records[i].comment);
        }
    }
    scores
}

/// Evaluates `classifier` on `records` at its sensitivity.
pub fn evaluate(records: &[Record], classifier: &Classifier) -> Report {
    let threshold = classifier.model().threshold(classifier.sensitivity());
    report(records, &scores(records, classifier), threshold)
}

/// Evaluates the keyword-list baseline ([`crate::baseline`]) on `records`.
pub fn evaluate_baseline(records: &[Record]) -> Report {
    let scores: Vec<f32> = records
        .iter()
        .map(|r| f32::from(u8::from(crate::baseline::flags(&r.comment))))
        .collect();
    report(records, &scores, 0.5)
}

/// The report for `records` given their scores and the threshold.
pub fn report(records: &[Record], scores: &[f32], threshold: f32) -> Report {
    let mut report = Report::default();
    for (record, &score) in records.iter().zip(scores) {
        let flagged = score >= threshold;
        let key = |value: &Option<String>| value.clone().unwrap_or_else(|| "?".into());
        report.overall.add(record.label, flagged);
        report
            .by_lang
            .entry(key(&record.lang))
            .or_default()
            .add(record.label, flagged);
        report
            .by_platform
            .entry(key(&record.platform))
            .or_default()
            .add(record.label, flagged);
        report
            .by_file
            .entry(record.file.clone())
            .or_default()
            .add(record.label, flagged);
        if flagged != record.label.is_positive() {
            report.mistakes.push(Mistake {
                place: format!("{}:{}", record.file, record.line),
                label: record.label,
                score,
                author: shorten(record.comment.author(), 40),
                text: if record.comment.text.is_empty() {
                    shorten(&record.comment.links.join(" "), 100)
                } else {
                    shorten(&record.comment.text, 100)
                },
            });
        }
    }
    report.mistakes.sort_by(|a, b| {
        let confidence = |m: &Mistake| (m.score - threshold).abs();
        confidence(b)
            .total_cmp(&confidence(a))
            .then_with(|| a.place.cmp(&b.place))
    });
    report
}

fn shorten(text: &str, max: usize) -> String {
    let one_line = text.replace(['\n', '\r'], " ");
    if one_line.chars().count() <= max {
        one_line
    } else {
        one_line.chars().take(max - 1).chain(['…']).collect()
    }
}

impl Report {
    /// The machine-readable report: one JSON object.
    pub fn to_json(&self, sensitivity: &str) -> serde_json::Value {
        let slices = |map: &BTreeMap<String, Counts>| -> serde_json::Value {
            map.iter()
                .map(|(k, v)| {
                    (
                        k.clone(),
                        serde_json::to_value(v.json()).unwrap_or_default(),
                    )
                })
                .collect::<serde_json::Map<_, _>>()
                .into()
        };
        let mut json = serde_json::to_value(self.overall.json()).unwrap_or_default();
        if let Some(object) = json.as_object_mut() {
            object.insert("sensitivity".into(), sensitivity.into());
            object.insert("by_lang".into(), slices(&self.by_lang));
            object.insert("by_platform".into(), slices(&self.by_platform));
            object.insert("by_file".into(), slices(&self.by_file));
        }
        json
    }

    /// The human-readable report, with up to `mistakes` examples.
    pub fn to_text(&self, mistakes: usize) -> String {
        let mut out = String::new();
        let row = |name: &str, c: &Counts| {
            let pct =
                |v: Option<f64>| v.map_or("     -".to_string(), |v| format!("{:6.2}", 100.0 * v));
            format!(
                "{name:<32} {:>6} {:>5} {:>5} {:>5} {:>6}  {} {} {} {}\n",
                c.n(),
                c.tp,
                c.fp,
                c.fn_,
                c.tn,
                pct(c.precision()),
                pct(c.recall()),
                pct(c.fpr()),
                pct(c.fpr_ham()),
            )
        };
        let header = format!(
            "{:<32} {:>6} {:>5} {:>5} {:>5} {:>6}  {:>6} {:>6} {:>6} {:>6}\n",
            "", "n", "tp", "fp", "fn", "tn", "prec%", "recall%", "fpr%", "fprham%"
        );
        out.push_str(&header);
        out.push_str(&row("all", &self.overall));
        for (title, map) in [
            ("platform", &self.by_platform),
            ("lang", &self.by_lang),
            ("file", &self.by_file),
        ] {
            out.push_str(&format!("by {title}:\n"));
            for (name, counts) in map {
                out.push_str(&row(&format!("  {name}"), counts));
            }
        }
        if mistakes > 0 && !self.mistakes.is_empty() {
            out.push_str(&format!(
                "\nmistakes (most confident first, {} in all):\n",
                self.mistakes.len()
            ));
            for m in self.mistakes.iter().take(mistakes) {
                let kind = if m.label.is_positive() {
                    "missed"
                } else {
                    "false alarm"
                };
                out.push_str(&format!(
                    "  {kind:<11} {:.3} {}  [{}] {}\n",
                    m.score, m.place, m.author, m.text
                ));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_follow_the_counts() {
        let mut c = Counts::default();
        for (label, flagged) in [
            (Label::SexSpam, true),
            (Label::SexSpam, true),
            (Label::SexSpam, false),
            (Label::Ham, true),
            (Label::Ham, false),
            (Label::OtherSpam, false),
        ] {
            c.add(label, flagged);
        }
        assert_eq!((c.tp, c.fp, c.fn_, c.tn), (2, 1, 1, 2));
        assert_eq!(c.precision(), Some(2.0 / 3.0));
        assert_eq!(c.recall(), Some(2.0 / 3.0));
        assert_eq!(c.fpr(), Some(1.0 / 3.0));
        assert_eq!(c.fpr_ham(), Some(0.5));
        assert_eq!(Counts::default().recall(), None);
    }
}
