fn main() {
    for t in std::env::args().skip(1) {
        let f = schild::normalize::fold(&t);
        println!("{t:?} -> {:?} squeezed {:?} disguises {:?}", f.text, f.squeezed, f.disguises);
    }
}
