//! Throughput of the classifier on typical comments, next to the keyword
//! baseline and the normaliser alone: `cargo bench --bench classify`.
//!
//! The comments are the corpora's YouTube comments when ../shared/data is
//! there (real lengths and languages), else the project's own fixtures.

// criterion_group! defines an undocumented function.
#![allow(missing_docs)]

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use schild::corpus::read_labelled;
use schild::{Classifier, Comment, Page, Sensitivity, baseline, normalize};

/// Up to 2,000 comments: a mix of real YouTube comments, or the fixtures.
fn comments() -> Vec<Comment> {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/dev");
    let files = [
        "youtube_pt_kids_comments.jsonl",
        "youtube2023.jsonl",
        "youtube_fr_comments.jsonl",
        "youtube_ko_comments.jsonl",
    ];
    let mut comments: Vec<Comment> = files
        .iter()
        .filter_map(|f| read_labelled(&shared.join(f)).ok())
        .flat_map(|records| records.into_iter().take(500).map(|r| r.comment))
        .collect();
    if comments.is_empty() {
        eprintln!("../shared/data not found: benchmarking on tests/fixtures/comments.jsonl");
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/comments.jsonl");
        comments = read_labelled(&fixtures)
            .expect("fixtures")
            .into_iter()
            .map(|r| r.comment)
            .collect();
    }
    comments
}

fn bench(c: &mut Criterion) {
    let comments = comments();
    let bytes: usize = comments
        .iter()
        .map(|c| c.text.len() + c.author().len())
        .sum();
    eprintln!(
        "{} comments, {} bytes on average",
        comments.len(),
        bytes / comments.len()
    );
    let classifier = Classifier::new(Sensitivity::Balanced);

    let mut group = c.benchmark_group("comments");
    group.throughput(Throughput::Elements(comments.len() as u64));
    group.bench_function("classifier score", |b| {
        b.iter(|| {
            for comment in &comments {
                black_box(classifier.score(black_box(comment)));
            }
        })
    });
    group.bench_function("page verdicts with reasons (the extension's call)", |b| {
        b.iter(|| {
            let mut page = Page::new(Sensitivity::Balanced);
            for comment in &comments {
                black_box(page.classify(black_box(comment)));
            }
        })
    });
    group.bench_function("keyword-list baseline", |b| {
        b.iter(|| {
            for comment in &comments {
                black_box(baseline::flags(black_box(comment)));
            }
        })
    });
    group.bench_function("normalize only", |b| {
        b.iter(|| {
            for comment in &comments {
                black_box(normalize::fold(black_box(&comment.text)));
                black_box(normalize::fold_name(black_box(comment.author())));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
