//! The classifier on hand-written comments shaped like the ones bots post
//! (see ../shared/reference/bot-patterns.md) and like real people's,
//! including the hard cases that must stay visible.

use schild::{Classifier, Comment, Field, Page, ReasonCode, Sensitivity};

fn comment(author: &str, text: &str) -> Comment {
    Comment::new(text, author)
}

fn is_spam(author: &str, text: &str) -> bool {
    Classifier::default()
        .classify(&comment(author, text))
        .sexspam
}

#[test]
fn lure_in_the_name_with_a_copied_comment_is_spam() {
    assert!(is_spam(
        "🍓 𝐌𝐘 𝐇𝐎𝐓 𝐕𝐈𝐃𝐄𝐎 - SĘÉ NÓW !",
        "This song takes me back to 2019"
    ));
    assert!(is_spam(
        "@my-hot-video-see-now",
        "The flip at 2:05 is so hot"
    ));
}

#[test]
fn lure_in_the_text_is_spam() {
    assert!(is_spam(
        "@Kira_Ch4t_mee",
        "Bored and lonely tonight... check my profile 😘 (don't read my name)"
    ));
    assert!(is_spam("@dana.2011", "ＦＵＣＫ ＭＥ, tap on my pic 🔞"));
    assert!(is_spam("@x", "𝓜𝔂 𝓹𝓻𝓲𝓿𝓪𝓽𝓮 𝓹𝓱𝓸𝓽𝓸𝓼 👉 💋🔞"));
}

#[test]
fn an_adult_link_is_spam_and_named_as_the_reason() {
    let mut spam = comment("@someone", "look 👉");
    spam.links = vec![
        "https://www.youtube.com/redirect?event=comments&q=https%3A%2F%2Fporn-site.uno%2Fx".into(),
    ];
    let verdict = Classifier::default().classify(&spam);
    assert!(verdict.sexspam);
    let reason = &verdict.reasons[0];
    assert_eq!(
        (reason.code, reason.field),
        (ReasonCode::AdultLink, Field::Link)
    );
    assert_eq!(reason.evidence, "porn-site.uno");
}

#[test]
fn normal_comments_are_not_spam() {
    assert!(!is_spam(
        "@alice-cooks",
        "The flip at 2:05 is so hot and fluffy 😂"
    ));
    assert!(!is_spam(
        "@fien.vdb",
        "Wat een hete zomer, perfect weer voor pannenkoeken 😍"
    ));
    assert!(!is_spam("@carol", "Long-time member here. Great upload."));
    assert!(!is_spam(
        "@sussex_fan",
        "Greetings from Sussex and Middlesex!"
    ));
    assert!(!is_spam("", ""));
}

#[test]
fn every_flagged_comment_says_why() {
    let verdict = Classifier::default().classify(&comment("@H0rny-Ch4t-18", "Ĥii ĝuys 💦🍑"));
    assert!(verdict.sexspam);
    assert!(!verdict.reasons.is_empty());
    for reason in &verdict.reasons {
        assert!(
            !reason.message.is_empty() && !reason.evidence.is_empty(),
            "{reason:?}"
        );
    }
    assert_eq!(verdict.reasons[0].evidence, "horny");
    assert_eq!(verdict.reasons[0].field, Field::Name);
}

#[test]
fn stricter_levels_flag_more() {
    // One weak signal: a call to look at the profile.
    let weak = comment("@someone", "check my profile");
    let flagged = |level| Classifier::new(level).classify(&weak).sexspam;
    assert!(flagged(Sensitivity::Strict));
    assert!(!flagged(Sensitivity::Balanced));
    assert!(!flagged(Sensitivity::Relaxed));
}

#[test]
fn a_page_gives_one_verdict_per_comment_in_order() {
    let mut page = Page::new(Sensitivity::Balanced);
    let comments = [
        comment("@a", "nice"),
        comment("@hot-singles-4u", "hi"),
        comment("@b", "great"),
    ];
    let verdicts = page.classify_batch(&comments);
    let flags: Vec<bool> = verdicts.iter().map(|v| v.sexspam).collect();
    assert_eq!(flags, [false, true, false]);
    assert!(page.classify_batch(&[]).is_empty());
}

#[test]
fn huge_and_odd_input_is_handled() {
    let huge = "ha ".repeat(400_000);
    assert!(!is_spam("@a", &huge));
    let odd = "\u{200B}\u{202E}\u{FEFF}\u{0301}\u{0301}\u{0301}🏳️‍🌈👨‍👩‍👧‍👦\u{E0001}";
    assert!(!is_spam(odd, odd));
}

#[test]
fn comments_deserialise_from_loose_records() {
    let record = r#"{"text":"hi","author":null,"label":"ham","thread":"x","extra":[1,2]}"#;
    let parsed: Comment = serde_json::from_str(record).expect("a valid record");
    assert_eq!(parsed.text, "hi");
    assert_eq!(parsed.author, None);
    let name_only: Comment =
        serde_json::from_str(r#"{"author":"@x"}"#).expect("text may be missing");
    assert_eq!(name_only.text, "");
}
