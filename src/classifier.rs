//! Where a comment is scored: normalise → features → model → verdict with
//! reasons.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::comment::Comment;
use crate::emoji::{self, EmojiClass};
use crate::features::{self, Origin, PageContext, Part, Prepared, Workspace, named};
use crate::lexicon::Category;
use crate::model::Model;
use crate::normalize::{DISGUISE_INVISIBLE, Folded};
use crate::page::CopyDetector;
use crate::verdict::{Field, Reason, ReasonCode, Sensitivity, Verdict};

/// Scores comments with a model at a sensitivity. Cheap to clone; holds no
/// per-page state (see [`crate::Page`] for that).
#[derive(Debug, Clone)]
pub struct Classifier {
    model: Arc<Model>,
    sensitivity: Sensitivity,
}

impl Default for Classifier {
    fn default() -> Self {
        Classifier::new(Sensitivity::default())
    }
}

/// Reasons weaker than this (in log-odds) are not worth telling.
const MIN_REASON_WEIGHT: f32 = 0.4;
/// At most this many reasons per verdict.
const MAX_REASONS: usize = 4;

impl Classifier {
    /// The built-in model at the given sensitivity.
    pub fn new(sensitivity: Sensitivity) -> Self {
        Classifier::with_model(Model::embedded(), sensitivity)
    }

    /// Another model (a freshly trained one, in training and evaluation).
    pub fn with_model(model: Arc<Model>, sensitivity: Sensitivity) -> Self {
        Classifier { model, sensitivity }
    }

    /// The sensitivity this classifier flags at.
    pub fn sensitivity(&self) -> Sensitivity {
        self.sensitivity
    }

    /// The model it uses.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Scores one comment on its own, without page context.
    pub fn classify(&self, comment: &Comment) -> Verdict {
        self.classify_in_context(comment, PageContext::default())
    }

    /// Scores one comment knowing what its page says about it.
    pub fn classify_in_context(&self, comment: &Comment, context: PageContext) -> Verdict {
        self.classify_with(comment, |_| context)
    }

    /// Scores one comment of a page, recording it on the page (the copy
    /// detector reads the text this classification folds anyway).
    pub fn classify_on_page(&self, comment: &Comment, copies: &mut CopyDetector) -> Verdict {
        self.classify_with(comment, |prepared| {
            copies.observe_folded(&prepared.text.text, comment.author())
        })
    }

    /// Only the score of one comment of a page (see [`Classifier::classify_on_page`]).
    pub fn score_on_page(&self, comment: &Comment, copies: &mut CopyDetector) -> f32 {
        let mut context = PageContext::default();
        let (score, backwards) = with_prepared(comment, |prepared| {
            context = copies.observe_folded(&prepared.text.text, comment.author());
            (
                sigmoid(self.model.logit(prepared, context)),
                backwards_reading(prepared),
            )
        });
        match backwards {
            Some(backwards) => score.max(with_prepared(&backwards, |prepared| {
                sigmoid(self.model.logit(prepared, context))
            })),
            None => score,
        }
    }

    fn classify_with(
        &self,
        comment: &Comment,
        context: impl FnOnce(&Prepared) -> PageContext,
    ) -> Verdict {
        let mut page_context = PageContext::default();
        let (forwards, backwards) = with_prepared(comment, |prepared| {
            page_context = context(prepared);
            (
                self.verdict(prepared, page_context),
                backwards_reading(prepared),
            )
        });
        let context = page_context;
        let Some(backwards) = backwards else {
            return forwards;
        };
        // The reversed comment reads forwards, so this does not recurse.
        let read_backwards = with_prepared(&backwards, |prepared| self.verdict(prepared, context));
        if read_backwards.score <= forwards.score {
            return forwards;
        }
        // Quote the page as it is; say what the words read backwards.
        let reasons = read_backwards
            .reasons
            .into_iter()
            .map(|reason| {
                let code = match reason.code {
                    ReasonCode::BotWords => ReasonCode::BackwardsText,
                    code => code,
                };
                let written: String = reason.evidence.chars().rev().collect();
                let read = reason.revealed.unwrap_or(reason.evidence);
                Reason::new(code, reason.field, written, Some(read))
            })
            .collect();
        Verdict {
            reasons,
            ..read_backwards
        }
    }

    /// Only the score (the fast path for evaluation and benchmarks).
    pub fn score(&self, comment: &Comment, context: PageContext) -> f32 {
        let (score, backwards) = with_prepared(comment, |prepared| {
            (
                sigmoid(self.model.logit(prepared, context)),
                backwards_reading(prepared),
            )
        });
        match backwards {
            Some(backwards) => score.max(with_prepared(&backwards, |prepared| {
                sigmoid(self.model.logit(prepared, context))
            })),
            None => score,
        }
    }

    /// The verdict on one reading of a comment.
    fn verdict(&self, prepared: &Prepared, context: PageContext) -> Verdict {
        let score = sigmoid(self.model.logit(prepared, context));
        let sexspam = score >= self.model.threshold(self.sensitivity);
        // Explaining costs a second pass: only for flagged comments.
        let reasons = if sexspam {
            self.explain(prepared, context, sexspam)
        } else {
            Vec::new()
        };
        Verdict {
            score,
            sexspam,
            reasons,
        }
    }

    /// Sums each feature's contribution by what it came from and turns the
    /// strongest into readable reasons.
    fn explain(&self, prepared: &Prepared, context: PageContext, sexspam: bool) -> Vec<Reason> {
        let mut totals: BTreeMap<ReasonKey, f32> = BTreeMap::new();
        features::extract(
            prepared,
            context,
            self.model.hash_bits(),
            &mut |index, value, origin| {
                let contribution = self.model.weight(index) * value;
                if let Some(key) = reason_key(prepared, index as usize, origin) {
                    *totals.entry(key).or_default() += contribution;
                }
            },
        );
        let mut ranked: Vec<(ReasonKey, f32)> =
            totals.into_iter().filter(|(_, w)| *w > 0.0).collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let mut reasons: Vec<Reason> = Vec::new();
        for (i, (key, weight)) in ranked.into_iter().enumerate() {
            // Every flagged comment gets at least its strongest reason.
            let wanted = weight >= MIN_REASON_WEIGHT || (sexspam && i == 0);
            if !wanted || reasons.len() >= MAX_REASONS {
                break;
            }
            let reason = key.into_reason(prepared);
            if !reasons
                .iter()
                .any(|r| r.code == reason.code && r.evidence == reason.evidence)
            {
                reasons.push(reason);
            }
        }
        reasons
    }
}

thread_local! {
    /// The buffers of the last comment prepared on this thread.
    static WORKSPACE: std::cell::RefCell<Option<Workspace>> = const { std::cell::RefCell::new(None) };
}

/// The comment with its name or text reversed, when that part reads as a
/// lure only backwards ("ERAD UOY FI EM PAT"): the classifier then reads it
/// both ways and keeps the more suspicious reading.
fn backwards_reading(prepared: &Prepared) -> Option<Comment> {
    let reads_backwards = |hits: &[crate::lexicon::Hit]| {
        let strong = |h: &&crate::lexicon::Hit| {
            !matches!(
                h.category,
                Category::Suggestive | Category::Greeting | Category::Contact
            )
        };
        hits.iter().filter(strong).any(|h| h.reversed)
            && !hits.iter().filter(strong).any(|h| !h.reversed)
    };
    let flip = |s: &str| -> String { s.chars().rev().collect() };
    let name = reads_backwards(&prepared.name_hits);
    // Only the part of the text that was read forwards is read backwards:
    // reversing all of a long text would read its end instead, and cost
    // time in proportion to its length.
    let read_text = prepared.original(Part::Text);
    // A link written backwards ("//:sptth") gives a text away too.
    let text = reads_backwards(&prepared.text_hits)
        || (read_text.contains(':') && read_text.contains("//:sptth"));
    if !name && !text {
        return None;
    }
    let comment = prepared.comment;
    Some(Comment {
        text: if text {
            flip(read_text)
        } else {
            read_text.to_string()
        },
        author: comment.author.as_deref().map(|author| {
            let read = features::truncate(author, features::MAX_NAME_BYTES);
            if name { flip(read) } else { read.to_string() }
        }),
        links: comment.links[..comment.links.len().min(crate::links::MAX_LINKS)].to_vec(),
        trusted: comment.trusted,
    })
}

/// Prepares `comment` in this thread's reused buffers and runs `f` on it.
fn with_prepared<T>(comment: &Comment, f: impl FnOnce(&Prepared) -> T) -> T {
    let workspace = WORKSPACE
        .with(|w| w.borrow_mut().take())
        .unwrap_or_default();
    let prepared = Prepared::new_in(comment, workspace);
    let result = f(&prepared);
    let workspace = prepared.into_workspace();
    WORKSPACE.with(|w| *w.borrow_mut() = Some(workspace));
    result
}

/// The logistic function.
pub fn sigmoid(logit: f32) -> f32 {
    1.0 / (1.0 + (-logit).exp())
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
    use named::*;
    let key = |code, part, evidence| {
        Some(ReasonKey {
            code,
            part,
            evidence,
        })
    };
    // A shared "any field" feature explains like the per-field feature of
    // the part it came from.
    let index = match origin {
        Origin::Lexicon(part, _) | Origin::Field(part) if (ANY..COUNT).contains(&index) => {
            LEXICON + 2 * (index - ANY) + part_offset(part)
        }
        _ => index,
    };
    match origin {
        Origin::Lexicon(part, k) => {
            let (_, hits) = prepared.part(part);
            let hit = hits[k];
            let code = if hit.reversed {
                ReasonCode::BackwardsText
            } else if index == LEXICON_DISGUISED + part_offset(part) {
                ReasonCode::HiddenLetters
            } else {
                category_code(hit.category)
            };
            let revealed = Some(hit.phrase.to_string());
            key(
                code,
                Some(part),
                Evidence::Words {
                    first: hit.first_word,
                    end: hit.end_word,
                    revealed,
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
        Origin::Named | Origin::Field(_) => {
            let part = match origin {
                Origin::Field(part) => Some(part),
                _ => None,
            };
            let base = if index < TEXT_EMPTY {
                index - (index - LEXICON) % 2
            } else {
                index
            };
            match index {
                _ if [MIXED_SCRIPT, FANCY, LEET, MASKED, SPACED, INVISIBLE].contains(&base) => {
                    key(ReasonCode::HiddenLetters, part, Evidence::DisguisedWord)
                }
                _ if base == EMOJI_SEXUAL => key(ReasonCode::SexualEmoji, part, Evidence::Emoji),
                _ if base == AGE_GATE => {
                    key(ReasonCode::ExplicitWords, part, Evidence::Text("18+"))
                }
                TEXT_GREETING_ONLY => key(
                    ReasonCode::BaitReply,
                    Some(Part::Text),
                    Evidence::Words {
                        first: 0,
                        end: prepared.text.words.len(),
                        revealed: None,
                    },
                ),
                LINK_ADULT => key(
                    ReasonCode::AdultLink,
                    None,
                    Evidence::Host(prepared.links.adult.clone()?),
                ),
                LINK_CHEAP_TLD | LINK_SHORTENER | LINK_MESSENGER | DOMAIN_IN_TEXT | LINK_ANY => {
                    let links = &prepared.links;
                    let host = [&links.cheap_tld, &links.shortener, &links.messenger]
                        .into_iter()
                        .flatten()
                        .next()
                        .or(links.hosts.first())?;
                    key(
                        ReasonCode::SuspiciousLink,
                        None,
                        Evidence::Host(host.clone()),
                    )
                }
                COPIED_SUSPICIOUS_NAME => key(ReasonCode::CopiedComment, None, Evidence::None),
                _ => None,
            }
        }
    }
}

fn part_offset(part: Part) -> usize {
    match part {
        Part::Name => named::NAME,
        Part::Text => named::TEXT,
    }
}

fn category_code(category: Category) -> ReasonCode {
    match category {
        Category::Explicit => ReasonCode::ExplicitWords,
        Category::Invitation | Category::Contact => ReasonCode::Invitation,
        Category::ProfilePointer => ReasonCode::PointsToProfile,
        Category::Dating => ReasonCode::DatingOrCam,
        Category::Leaked => ReasonCode::LeakedContent,
        Category::Minor => ReasonCode::ChildAbuse,
        Category::Suggestive => ReasonCode::SuggestiveWords,
        Category::Greeting => ReasonCode::BaitReply,
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
