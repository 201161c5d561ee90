//! Why a comment was flagged, in words a person can read: each feature's
//! contribution is summed by the evidence it points to (a phrase, a word,
//! the links, the emoji), and the strongest become reasons that quote the
//! page and say what disguised words read as.
//!
//! A signal's reason comes from the signal table ([`crate::signals`]); a
//! combination (a pointer with sexual words) explains as the phrase it
//! rests on, which the features report as its origin.

use crate::emoji::{self, EmojiClass};
use crate::features::{self, Origin, PageContext, Part, Prepared};
use crate::model::Model;
use crate::normalize::{DISGUISE_INVISIBLE, Folded};
use crate::signals::{Signal, concept_reason};
use crate::verdict::{Field, Reason, ReasonCode};

/// Reasons weaker than this (in log-odds) are not worth telling.
const MIN_REASON_WEIGHT: f32 = 0.4;
/// At most this many reasons per verdict.
const MAX_REASONS: usize = 4;

/// The reasons for flagging a prepared comment, strongest first; at least
/// one.
pub(crate) fn reasons(model: &Model, prepared: &Prepared, context: PageContext) -> Vec<Reason> {
    // Each key's total, summed in the order of the features. Features in a
    // row mostly share a key (a word's hash, its pair and its n-grams), so
    // the last key's slot is tried before the others.
    let mut totals: Vec<(ReasonKey, f32)> = Vec::new();
    let mut last = 0;
    features::extract(
        prepared,
        context,
        model.hash_bits(),
        &mut |index, value, origin| {
            let contribution = model.weight(index) * value;
            let Some(key) = reason_key(prepared, index as usize, origin) else {
                return;
            };
            if totals.get(last).is_none_or(|(k, _)| *k != key) {
                last = match totals.iter().position(|(k, _)| *k == key) {
                    Some(slot) => slot,
                    None => {
                        totals.push((key, 0.0));
                        totals.len() - 1
                    }
                };
            }
            totals[last].1 += contribution;
        },
    );
    // (The order of `totals` does not matter: the ranking orders every key.)
    let mut ranked: Vec<(ReasonKey, f32)> = totals.into_iter().filter(|(_, w)| *w > 0.0).collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut reasons: Vec<Reason> = Vec::new();
    for (i, (key, weight)) in ranked.into_iter().enumerate() {
        // Every flagged comment gets at least its strongest reason.
        if (weight < MIN_REASON_WEIGHT && i > 0) || reasons.len() >= MAX_REASONS {
            break;
        }
        // One reason of a kind per field: the strongest says it.
        let reason = key.into_reason(prepared);
        if !reasons
            .iter()
            .any(|r| r.code == reason.code && r.field == reason.field)
        {
            reasons.push(reason);
        }
    }
    reasons
}

/// What a contribution is grouped under: a reason code and the evidence it
/// points to (a span of words, a lexicon hit, the links or the emoji).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct ReasonKey {
    code: ReasonCode,
    part: Option<Part>,
    evidence: Evidence,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Evidence {
    /// Words `first..end` of the part, with what they read as.
    Words {
        first: usize,
        end: usize,
        revealed: Option<String>,
    },
    /// The first disguised word of the part.
    DisguisedWord,
    /// The emoji of a class in the part.
    Emoji,
    /// A host from the links.
    Host(String),
    /// Fixed text.
    Text(&'static str),
    /// Nothing to quote.
    None,
}

fn reason_key(prepared: &Prepared, index: usize, origin: Origin) -> Option<ReasonKey> {
    let key = |code, part, evidence| {
        Some(ReasonKey {
            code,
            part,
            evidence,
        })
    };
    let signal = Signal::at(index).map(|(signal, _)| signal);
    match origin {
        Origin::Lexicon(part, k) => {
            let hit = prepared.part(part).1[k];
            // The signal's own reason where it has one (a name that gives an
            // order, a lure handle, a backwards lure), else the reason of
            // the concept the phrase expresses.
            let code = match signal {
                Some(Signal::Reversed) => ReasonCode::BackwardsText,
                Some(Signal::DisguisedLure) => ReasonCode::HiddenLetters,
                Some(Signal::HandleLure) => {
                    // The handle as a whole reads as an adult account.
                    return key(
                        ReasonCode::LureHandle,
                        Some(part),
                        Evidence::Words {
                            first: 0,
                            end: prepared.name.words.len(),
                            revealed: None,
                        },
                    );
                }
                _ if hit.reversed => ReasonCode::BackwardsText,
                // An order in the name explains as one reason, whichever
                // signals weighed it.
                _ if part == Part::Name && features::is_order(hit.concept) => {
                    ReasonCode::NameGivesOrder
                }
                _ => concept_reason(hit.concept)?,
            };
            key(
                code,
                Some(part),
                Evidence::Words {
                    first: hit.first_word,
                    end: hit.end_word,
                    revealed: Some(hit.phrase.to_string()),
                },
            )
        }
        Origin::Word(part, word) => key(
            ReasonCode::BotWords,
            Some(part),
            Evidence::Words {
                first: word,
                end: word + 1,
                revealed: None,
            },
        ),
        Origin::Other => None,
        Origin::Field(part) => {
            let code = signal?.reason()?;
            match code {
                ReasonCode::HiddenLetters => key(code, Some(part), Evidence::DisguisedWord),
                ReasonCode::SexualEmoji => key(code, Some(part), Evidence::Emoji),
                ReasonCode::ExplicitWords => key(code, Some(part), Evidence::Text("18+")),
                _ => None,
            }
        }
        Origin::Named => {
            let code = signal?.reason()?;
            match code {
                ReasonCode::BaitReply => key(
                    code,
                    Some(Part::Text),
                    Evidence::Words {
                        first: 0,
                        end: prepared.text.words.len(),
                        revealed: None,
                    },
                ),
                ReasonCode::AdultLink => {
                    key(code, None, Evidence::Host(prepared.links.adult.clone()?))
                }
                ReasonCode::SuspiciousLink => {
                    let links = &prepared.links;
                    let host = [&links.cheap_tld, &links.shortener, &links.messenger]
                        .into_iter()
                        .flatten()
                        .next()
                        .or(links.hosts.first())?;
                    key(code, None, Evidence::Host(host.clone()))
                }
                ReasonCode::CopiedComment => key(code, None, Evidence::None),
                _ => None,
            }
        }
    }
}

fn field_of(part: Option<Part>) -> Field {
    match part {
        Some(Part::Name) => Field::Name,
        Some(Part::Text) => Field::Text,
        None => Field::Link,
    }
}

impl ReasonKey {
    fn into_reason(self, prepared: &Prepared) -> Reason {
        let field = field_of(self.part);
        let quote = |part: Part, first: usize, end: usize| -> (String, String) {
            let (folded, _) = prepared.part(part);
            span(folded, prepared.original(part), first, end)
        };
        match (self.evidence, self.part) {
            (
                Evidence::Words {
                    first,
                    end,
                    revealed,
                },
                Some(part),
            ) => {
                let (written, read) = quote(part, first, end);
                Reason::new(self.code, field, written, revealed.or(Some(read)))
            }
            (Evidence::DisguisedWord, Some(part)) => {
                let (folded, _) = prepared.part(part);
                let word = folded
                    .words
                    .iter()
                    .position(|w| w.disguise & !DISGUISE_INVISIBLE != 0)
                    .unwrap_or(0);
                let (written, read) = quote(part, word, word + 1);
                Reason::new(self.code, field, written, Some(read))
            }
            (Evidence::Emoji, Some(part)) => {
                let (folded, _) = prepared.part(part);
                let emoji: String = folded
                    .emoji
                    .iter()
                    .filter(|&&e| emoji::class(e) == Some(EmojiClass::Sexual))
                    .take(5)
                    .collect();
                Reason::new(self.code, field, emoji, None)
            }
            (Evidence::Host(host), _) => Reason::new(self.code, Field::Link, host, None),
            (Evidence::Text(text), _) => Reason::new(self.code, field, text, None),
            _ => Reason::new(self.code, field, "", None),
        }
    }
}

/// The original text of words `first..end` and what they read as.
fn span(folded: &Folded, original: &str, first: usize, end: usize) -> (String, String) {
    let words = &folded.words[first.min(folded.words.len())..end.min(folded.words.len())];
    let (Some(a), Some(b)) = (words.first(), words.last()) else {
        return (String::new(), String::new());
    };
    let written = original
        .get(a.source_start as usize..b.source_end as usize)
        .unwrap_or_default()
        .trim()
        .to_string();
    let read = folded.text[a.start as usize..b.end as usize].to_string();
    (written, read)
}
