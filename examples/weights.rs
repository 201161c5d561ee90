//! Prints the embedded model's named weights, largest first.
fn main() {
    let model = schild::Model::embedded();
    let mut w: Vec<(usize, f32)> = model.named_weights().iter().copied().enumerate().collect();
    w.sort_by(|a, b| b.1.total_cmp(&a.1));
    println!("bias {:.2} cap {:.2} thresholds {:?}", model.bias(), model.hashed_cap(), model.thresholds());
    for (i, v) in w { if v != 0.0 { println!("{v:8.3} {}", schild::signals::feature_name(i)); } }
}
