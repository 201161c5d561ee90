//! Prints the lexicon hits of each line of stdin (JSON Lines with text and
//! author, or plain text), for looking at the lexicon's coverage.
use std::io::BufRead;
fn main() {
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let (text, author) = match serde_json::from_str::<serde_json::Value>(&line) {
            Ok(v) if v.is_object() => (
                v["text"].as_str().unwrap_or("").to_string(),
                v["author"].as_str().unwrap_or("").to_string(),
            ),
            _ => (line.clone(), String::new()),
        };
        let show = |field: &str, is_name: bool| {
            let folded = if is_name { schild::normalize::fold_name(field) } else { schild::normalize::fold(field) };
            let hits = if is_name { schild::lexicon::find_in_name(&folded) } else { schild::lexicon::find(&folded) };
            hits.iter().map(|h| format!("{}:{}{}", h.concept.name(), h.phrase, if h.reversed {"(rev)"} else {""})).collect::<Vec<_>>().join(", ")
        };
        let score = schild::Classifier::default().classify(&schild::Comment::new(text.clone(), author.clone()));
        println!("{:.3} [{}] {} || name: {} || text: {}", score.score, author.chars().take(30).collect::<String>(), text.chars().take(120).collect::<String>(), show(&author, true), show(&text, false));
    }
}
