//! Trains without one family (or language: `lang:xx`) and prints every
//! feature's contribution for comments read from stdin (JSON Lines).
use std::io::BufRead;
use std::sync::Arc;
fn main() {
    let held = std::env::args().nth(1).unwrap_or_default();
    let config = schild::train::Config::load(std::path::Path::new("model/train.toml")).unwrap();
    let corpus = schild::train::load_corpus(&config, std::path::Path::new(".")).unwrap();
    let model = schild::train::fit(&config, &corpus, |i| {
        if let Some(lang) = held.strip_prefix("lang:") {
            corpus.records[i].lang.as_deref() != Some(lang)
        } else {
            corpus.families[i] != held
        }
    });
    let model = Arc::new(model);
    println!("bias {:.2}", model.bias());
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        let comment = schild::Comment::new(v["text"].as_str().unwrap_or(""), v["author"].as_str().unwrap_or(""));
        let prepared = schild::features::Prepared::new(&comment);
        let mut parts: Vec<(String, f32)> = Vec::new();
        let mut hashed = 0.0;
        schild::features::extract(&prepared, Default::default(), model.hash_bits(), &mut |i, value, _| {
            let w = model.weight(i) * value;
            if (i as usize) < schild::signals::COUNT { if w != 0.0 { parts.push((schild::signals::feature_name(i as usize), w)); } } else { hashed += w; }
        });
        let score = model.score(&prepared, Default::default());
        println!("{score:.3} [{}] {}", comment.author(), comment.text.chars().take(80).collect::<String>());
        println!("    hashed {hashed:.2} (cap {:.1}); {}", model.hashed_cap(), parts.iter().map(|(n, w)| format!("{n} {w:+.2}")).collect::<Vec<_>>().join(", "));
    }
}
