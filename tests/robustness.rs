//! Adversarial and bad input (issue 9): whatever a page or a bot puts in a
//! comment, the classifier and the normaliser answer without panicking, in
//! work bounded by the input caps, with a finite score and a bounded list of
//! reasons.
//!
//! A property test generates comments from the pieces that break text
//! handling: combining-mark floods, long ZWJ emoji chains, bidi controls,
//! variation selectors and tags, mathematical letters, the code points next
//! to the surrogate range, NUL, very long single words, lure words and URL
//! fragments. The deterministic tests below it feed 1 MB names, texts and
//! links and check that the classifier reads no more than its caps: a huge
//! input gets exactly the verdict of the part that is read, so its cost does
//! not grow with its length (`tools/bench.sh` prints what a 1 MB comment
//! costs).

use proptest::prelude::*;
use schild::comment::{MAX_NAME_BYTES, MAX_TEXT_BYTES, truncate};
use schild::links::{MAX_LINK_BYTES, MAX_LINKS};
use schild::normalize::{self, Folded};
use schild::{Classifier, Comment, Page, Sensitivity, Verdict};

/// At most this many reasons per verdict (`classifier::MAX_REASONS`).
const MAX_REASONS: usize = 4;

/// Pieces that stress the normaliser, each repeated to build a field.
fn piece() -> impl Strategy<Value = String> {
    let chars = |ranges: &'static [(u32, u32)]| {
        proptest::sample::select(ranges).prop_flat_map(|(a, b)| {
            (a..=b).prop_map(|cp| char::from_u32(cp).map(String::from).unwrap_or_default())
        })
    };
    prop_oneof![
        // Any character at all.
        any::<char>().prop_map(String::from),
        "[a-zA-Z0-9]{1,12}",
        " ".prop_map(String::from),
        // Lure words, links and the characters disguises are made of.
        proptest::sample::select(vec![
            "sex",
            "hot",
            "girl",
            "video",
            "tap",
            "me",
            "xxx",
            "18+",
            "nudes",
            "porn",
            "s.e.x",
            "h0rny",
            "f?ck",
            "$ex",
            "t[a]p",
            "S E X",
            "http://",
            "https://",
            "//:sptth",
            ".com",
            "bit.ly/x",
            "t.me/",
            "@hot-k2x",
            "www.",
            "/redirect?q=",
            "%",
            "%F0%9F",
            "ß",
            "İ",
            "ﬀ",
            "ǅ",
            "\u{0}",
            "\r\n",
            "\t",
            "'",
            "’",
            "-",
            "_",
            ".",
            "[",
            "]",
            "{",
            "}",
            "|",
            "*",
            "!",
            "@",
            "$",
            "#",
            "?",
            "…",
        ])
        .prop_map(String::from),
        chars(&[
            // combining marks (zalgo)
            (0x0300, 0x036F),
            (0x1AB0, 0x1AFF),
            (0x1DC0, 0x1DFF),
            (0x20D0, 0x20FF),
            (0xFE20, 0xFE2F),
            // zero-width, joiners, bidi controls, invisible operators
            (0x200B, 0x200F),
            (0x202A, 0x202E),
            (0x2060, 0x206F),
            (0xFEFF, 0xFEFF),
            // variation selectors and tags
            (0xFE00, 0xFE0F),
            (0xE0000, 0xE007F),
            (0xE0100, 0xE01EF),
            // mathematical alphanumerics, enclosed, fullwidth, small caps
            (0x1D400, 0x1D7FF),
            (0x2460, 0x24FF),
            (0x1F130, 0x1F189),
            (0xFF01, 0xFF5E),
            (0x1D00, 0x1D2B),
            // Cyrillic, Greek, Hangul, CJK, Arabic, Hebrew, Thai, Devanagari
            (0x0370, 0x04FF),
            (0xAC00, 0xAC40),
            (0x4E00, 0x4E40),
            (0x3040, 0x30FF),
            (0x0600, 0x06FF),
            (0x0590, 0x05FF),
            (0x0E00, 0x0E7F),
            (0x0900, 0x097F),
            // emoji, skin tones, keycaps, regional indicators
            (0x1F300, 0x1F6FF),
            (0x1F900, 0x1F9FF),
            (0x1F3FB, 0x1F3FF),
            (0x20E3, 0x20E3),
            (0x1F1E6, 0x1F1FF),
            // next to the surrogates, private use, noncharacters, the last
            (0xD7F0, 0xD7FF),
            (0xE000, 0xE010),
            (0xFFF0, 0xFFFF),
            (0x10FFF0, 0x10FFFF),
            // control characters and unusual spaces
            (0x0000, 0x001F),
            (0x007F, 0x00A0),
            (0x2000, 0x200A),
            (0x2028, 0x2029),
            (0x3000, 0x3000),
            // Latin-1 and Latin Extended letters with diacritics
            (0x00C0, 0x024F),
        ]),
        // A ZWJ emoji chain.
        (1usize..8).prop_map(|n| "👩\u{1F3FD}\u{200D}❤\u{FE0F}\u{200D}".repeat(n)),
    ]
}

/// A field: pieces, most once or a few times, some up to `max_repeat`
/// times, so that floods (thousands of combining marks on one letter, a
/// long emoji chain, a single word of thousands of letters) come up among
/// mixtures.
fn field(max_pieces: usize, max_repeat: usize) -> impl Strategy<Value = String> {
    let repeat = prop_oneof![3 => 1..=3usize, 1 => 1..=max_repeat];
    proptest::collection::vec((piece(), repeat), 0..=max_pieces).prop_map(|pieces| {
        pieces
            .into_iter()
            .map(|(piece, repeat)| piece.repeat(repeat))
            .collect()
    })
}

fn comment() -> impl Strategy<Value = Comment> {
    (
        field(12, 400),
        proptest::option::of(field(6, 60)),
        proptest::collection::vec(field(4, 20), 0..4),
        any::<bool>(),
    )
        .prop_map(|(text, author, links, trusted)| Comment {
            text,
            author,
            links,
            trusted,
        })
}

/// What every verdict must satisfy, whatever the input.
fn check_verdict(verdict: &Verdict, classifier: &Classifier) -> Result<(), TestCaseError> {
    prop_assert!(
        verdict.score.is_finite() && (0.0..=1.0).contains(&verdict.score),
        "score {}",
        verdict.score
    );
    let threshold = classifier.model().threshold(classifier.sensitivity());
    prop_assert_eq!(verdict.sexspam, verdict.score >= threshold);
    prop_assert!(verdict.reasons.len() <= MAX_REASONS);
    // The documented promise: flagged comments say why, others say nothing.
    prop_assert_eq!(verdict.sexspam, !verdict.reasons.is_empty());
    for reason in &verdict.reasons {
        // Evidence is quoted from what was read (the capped text, name or
        // a capped link); what it reads as is that, folded.
        prop_assert!(reason.evidence.len() <= MAX_TEXT_BYTES.max(MAX_LINK_BYTES));
        let revealed = reason.revealed.as_deref().map_or(0, str::len);
        prop_assert!(revealed <= 4 * MAX_TEXT_BYTES, "revealed {revealed} bytes");
        prop_assert!(reason.message.len() <= 200 + reason.evidence.len() + revealed);
    }
    Ok(())
}

/// The folded field is internally consistent: every range it hands out
/// slices its own text and the original on character boundaries, in order.
fn check_folded(folded: &Folded, source: &str) -> Result<(), TestCaseError> {
    prop_assert_eq!(folded.words.len(), folded.squeezed_words.len());
    let mut previous_end = 0;
    for (i, word) in folded.words.iter().enumerate() {
        let (start, end) = (word.start as usize, word.end as usize);
        prop_assert!(start >= previous_end && start < end, "word {i}: {word:?}");
        prop_assert!(folded.text.get(start..end).is_some(), "word {i}: {word:?}");
        let (source_start, source_end) = (word.source_start as usize, word.source_end as usize);
        prop_assert!(source_start <= source_end, "word {i}: {word:?}");
        prop_assert!(
            source.get(source_start..source_end).is_some(),
            "word {i}: {word:?}"
        );
        let _ = folded.squeezed_word(i);
        previous_end = end;
    }
    Ok(())
}

proptest! {
    // 512 cases, most under 4 KB, some up to ~100 KB: about a second in
    // release mode.
    #![proptest_config(ProptestConfig {
        cases: 512,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_normaliser_is_total(text in field(16, 500)) {
        let folded = normalize::fold(&text);
        check_folded(&folded, &text)?;
        let name = normalize::fold_name(&text);
        check_folded(&name, normalize::name_source(&text))?;
        // Its output is text like any other.
        let again = normalize::fold(&folded.text);
        check_folded(&again, &folded.text)?;
    }

    #[test]
    fn any_comment_gets_a_sound_verdict(comment in comment(), other in comment()) {
        for level in [Sensitivity::Relaxed, Sensitivity::Balanced, Sensitivity::Strict] {
            let classifier = Classifier::new(level);
            let verdict = classifier.classify(&comment);
            check_verdict(&verdict, &classifier)?;
            // Buffers are reused between comments: classifying another one
            // in between must not change the answer.
            let _ = classifier.classify(&other);
            prop_assert_eq!(&classifier.classify(&comment), &verdict);
            prop_assert_eq!(
                classifier.score(&comment),
                verdict.score
            );
        }
        // On a page: the same checks, after the other comment was seen.
        let mut page = Page::new(Sensitivity::Balanced);
        let verdicts = page.classify_batch(&[other, comment]);
        for verdict in &verdicts {
            check_verdict(verdict, page.classifier())?;
        }
    }
}

// --- Huge inputs: read up to the caps, and no further.

/// The comment as far as the classifier reads it.
fn capped(comment: &Comment) -> Comment {
    Comment {
        text: truncate(&comment.text, MAX_TEXT_BYTES).to_string(),
        author: comment
            .author
            .as_deref()
            .map(|a| truncate(a, MAX_NAME_BYTES).to_string()),
        links: comment
            .links
            .iter()
            .take(MAX_LINKS)
            .map(|l| truncate(l, MAX_LINK_BYTES).to_string())
            .collect(),
        trusted: comment.trusted,
    }
}

const MB: usize = 1 << 20;

/// `unit` repeated to at least 1 MB.
fn megabyte(unit: &str) -> String {
    unit.repeat(MB / unit.len() + 1)
}

/// A huge comment gets exactly the verdict of the part that is read, alone
/// and on a page.
fn reads_only_the_caps(comment: Comment) -> Verdict {
    let classifier = Classifier::default();
    let verdict = classifier.classify(&comment);
    assert_eq!(verdict, classifier.classify(&capped(&comment)));
    let mut page = Page::default();
    let mut capped_page = Page::default();
    assert_eq!(
        page.classify(&comment),
        capped_page.classify(&capped(&comment))
    );
    verdict
}

#[test]
fn a_megabyte_comment_is_read_up_to_the_cap() {
    let shapes = [
        megabyte("perfectly ordinary words about the video "),
        megabyte("a"),                                    // one very long word
        format!("a{}", megabyte("\u{0301}")),             // a combining-mark flood
        megabyte("👩\u{1F3FD}\u{200D}❤\u{FE0F}\u{200D}"), // a ZWJ chain
        megabyte("\u{202E}\u{2066}\u{200F}\u{FE0F}\u{E0041}\u{0}"),
        megabyte("𝐒𝐄𝐗.𝐡𝐨𝐭 "),
        megabyte("s.e.x."),
        megabyte("a.b "),
        megabyte("\u{D7FF}\u{E000}\u{FFFD}\u{FFFF}\u{10FFFF}"),
    ];
    for text in shapes {
        assert!(text.len() > MB);
        reads_only_the_caps(Comment::new(text, "@maria"));
    }
    // A lure at the start is still caught behind a megabyte of padding.
    let lure = format!("Tap my profile for my hot nudes 🍓 {}", megabyte("x "));
    assert!(reads_only_the_caps(Comment::new(lure, "Hot Girl")).sexspam);
}

#[test]
fn a_megabyte_name_is_read_up_to_the_cap() {
    for name in [
        megabyte("H"),
        format!("🍓 𝐌𝐘 𝐇𝐎𝐓 𝐕𝐈𝐃𝐄𝐎 - SĘÉ NÓW ! {}", megabyte("\u{200D}")),
        format!("@{}-k2x", megabyte("hotgirl")),
    ] {
        reads_only_the_caps(Comment::new("Great video!", name));
    }
}

#[test]
fn huge_links_are_read_up_to_the_cap() {
    let mut comment = Comment::new("look", "@maria");
    comment.links = vec![format!("https://{}.example/", megabyte("a-b.")); 3];
    reads_only_the_caps(comment.clone());
    comment.links = vec!["https://hot-dates.example/x".to_string(); 100_000];
    assert!(comment.links.len() > MAX_LINKS);
    reads_only_the_caps(comment);
}

/// Regression: the backwards reading reversed the whole text, and then read
/// the first 4 KB of the reversed text (the *end* of the comment), so a long
/// comment was judged on a part the forward reading never saw, and the
/// check for a backwards link scanned the whole text.
#[test]
fn a_long_text_is_read_backwards_from_the_same_part() {
    let lure = "oediv toh ym ta kool";
    let head = format!("{lure} {}", "bla ".repeat(MAX_TEXT_BYTES));
    let tail = "//:sptth won em etirw sedun";
    reads_only_the_caps(Comment::new(format!("{head}{tail}"), "@maria"));
    reads_only_the_caps(Comment::new(format!("{head}{tail}"), "ERAD UOY FI EM PAT"));
}
