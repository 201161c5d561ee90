//! Scores every comment of a JSON Lines file `rounds` times (for counting
//! instructions with perf or callgrind).
use std::io::BufRead;
fn main() {
    let path = std::env::args().nth(1).expect("a file");
    let rounds: usize = std::env::args().nth(2).and_then(|r| r.parse().ok()).unwrap_or(10);
    let comments: Vec<schild::Comment> = std::io::BufReader::new(std::fs::File::open(path).unwrap())
        .lines()
        .map_while(Result::ok)
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(&l).unwrap();
            schild::Comment::new(v["text"].as_str().unwrap_or(""), v["author"].as_str().unwrap_or(""))
        })
        .collect();
    let classifier = schild::Classifier::default();
    let mut sum = 0.0;
    let start = std::time::Instant::now();
    for _ in 0..rounds {
        for c in &comments {
            sum += classifier.score(c);
        }
    }
    let n = (rounds * comments.len()) as f64;
    println!("{:.0} comments/s ({sum:.1})", n / start.elapsed().as_secs_f64());
}
