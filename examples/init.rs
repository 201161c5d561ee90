//! Times the first classification (building the lexicon's index).
fn main() {
    let t = std::time::Instant::now();
    let v = schild::Classifier::default().classify(&schild::Comment::new("hi", "@x"));
    println!("first classification {:?} ({})", t.elapsed(), v.score);
}
