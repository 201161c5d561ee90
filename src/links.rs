//! Reading the links in a comment: unwrapping redirect URLs, finding the
//! domain a link really goes to, finding domains written into the text
//! (`MyLocalDateFinder.com`), and what a domain says about the site.

/// Returns the URL a YouTube `/redirect?…&q=<url>` link points to, or the
/// link itself when it is not such a wrapper.
pub fn unwrap_redirect(link: &str) -> String {
    let Some(query_start) = link.find('?') else {
        return link.to_string();
    };
    let (before, query) = link.split_at(query_start);
    if !before.ends_with("/redirect") {
        return link.to_string();
    }
    query[1..]
        .split('&')
        .find_map(|pair| pair.strip_prefix("q="))
        .map(percent_decode)
        .unwrap_or_else(|| link.to_string())
}

/// The lowercase host of a URL (`https://Hot-Dates.example/x` →
/// `hot-dates.example`), also for bare domains such as `site.uno/abc`.
pub fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let without_user = authority.rsplit('@').next().unwrap_or("");
    let without_port = without_user.split(':').next().unwrap_or("");
    without_port.trim_end_matches('.').to_lowercase()
}

/// What the links of a comment reveal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkSignals {
    /// Hosts of the links and of domains written in the text, lowercase.
    pub hosts: Vec<String>,
    /// A host whose name advertises adult content, if any.
    pub adult: Option<String>,
    /// A host on a cheap top-level domain favoured by lure sites, if any.
    pub cheap_tld: Option<String>,
    /// A host of a link shortener or link-in-bio service, if any.
    pub shortener: Option<String>,
    /// A host of a messenger invite (Telegram, WhatsApp…), if any.
    pub messenger: Option<String>,
    /// Whether a domain was written into the text rather than linked.
    pub domain_in_text: bool,
}

/// How many of a comment's links are read. Real comments carry a handful at
/// most; the cap keeps the work bounded whatever a page hands over.
pub const MAX_LINKS: usize = 16;
/// How much of each link is read (bytes): the host comes first, and a
/// redirect's target fits with room to spare in the classic 2 KB URL limit.
pub const MAX_LINK_BYTES: usize = 2048;

impl LinkSignals {
    /// Reads the comment's links (the first [`MAX_LINKS`], each up to
    /// [`MAX_LINK_BYTES`]) and the domains in its text.
    pub fn read(links: &[String], text: &str) -> Self {
        let mut signals = LinkSignals::default();
        for link in links.iter().take(MAX_LINKS) {
            let link = crate::comment::truncate(link, MAX_LINK_BYTES);
            signals.add(host(&unwrap_redirect(link)));
        }
        if text.contains('.') {
            for domain in domains_in_text(text) {
                if !signals.hosts.contains(&domain) {
                    signals.domain_in_text = true;
                    signals.add(domain);
                }
            }
        }
        signals
    }

    fn add(&mut self, host: String) {
        if host.is_empty() || is_youtube(&host) {
            return;
        }
        if self.adult.is_none() && has_adult_word(&host) {
            self.adult = Some(host.clone());
        }
        let tld = host.rsplit('.').next().unwrap_or("");
        if self.cheap_tld.is_none() && CHEAP_TLDS.contains(&tld) {
            self.cheap_tld = Some(host.clone());
        }
        let registered = registered_domain(&host);
        if self.shortener.is_none() && SHORTENERS.contains(&registered) {
            self.shortener = Some(host.clone());
        }
        if self.messenger.is_none() && MESSENGERS.contains(&registered) {
            self.messenger = Some(host.clone());
        }
        self.hosts.push(host);
    }
}

/// Top-level domains that lure sites favour because they cost little
/// (YT-Spam-Lists submissions; see docs/reference/bot-patterns.md).
const CHEAP_TLDS: &[&str] = &[
    "uno", "site", "online", "monster", "link", "xyz", "love", "fun", "live", "top", "club", "icu",
    "cam", "sex", "porn", "xxx", "adult", "dating", "date", "sbs", "cfd", "click", "buzz", "quest",
    "rest", "bar", "mom", "pw", "tk", "ml", "ga", "cf", "gq", "tokyo", "sexy", "webcam", "chat",
];

const SHORTENERS: &[&str] = &[
    "bit.ly",
    "tinyurl.com",
    "t.co",
    "goo.gl",
    "cutt.ly",
    "rb.gy",
    "is.gd",
    "shorturl.at",
    "linktr.ee",
    "beacons.ai",
    "tiny.cc",
    "s.id",
    "lnk.bio",
    "allmylinks.com",
    "linkr.bio",
];

const MESSENGERS: &[&str] = &[
    "t.me",
    "telegram.me",
    "wa.me",
    "whatsapp.com",
    "kik.me",
    "snapchat.com",
];

/// Top-level domains recognised when a domain is written into the text.
const TEXT_TLDS: &[&str] = &[
    "com", "net", "org", "info", "biz", "co", "io", "me", "tv", "cc", "ru", "de", "nl", "be", "fr",
    "uk", "eu", "us", "es", "it", "pl", "br", "pn", "ly", "gl", "gy", "ee", "ai", "at", "id", "to",
];

/// Words in a host name that advertise adult content, matched anywhere in
/// the name; the short ones must be a whole label (`hot-dates`, not `photos`).
const ADULT_SUBSTRINGS: &[&str] = &[
    "porn",
    "xxx",
    "nude",
    "naked",
    "hentai",
    "escort",
    "hookup",
    "horny",
    "onlyfans",
    "xvideo",
    "xhamster",
    "chaturbate",
    "stripchat",
    "camgirl",
    "livecam",
    "sexcam",
    "fuck",
    "fuk",
    "slut",
    "milf",
    "tinder",
    "dating",
    "datting",
    "boob",
    "pussy",
    "erotic",
    "sexy",
    "localdate",
    "datefinder",
    "sexdate",
    "sexpos",
    "girls",
    "flirt",
    "lust",
    "lover",
    "loveme",
    "tits",
    "titty",
    "booty",
    "bdsm",
    "affair",
    "teens",
    "amateur",
    "granny",
    "sleepfriend",
    "einsam",
    "treff",
    "abspritz",
    "aisuru",
    "aishite",
    "onnanoko",
    "heyzo",
];
const ADULT_LABELS: &[&str] = &[
    "sex", "hot", "date", "dates", "cam", "cams", "girl", "babes", "adult", "18", "69", "teen",
    "singles", "av", "love", "kiss", "xx",
];
/// Places whose names contain "sex".
const SEX_INSIDE_WORDS: &[&str] = &["essex", "sussex", "middlesex", "unisex"];

/// Top-level domains that are adult by themselves (`.love` is only cheap:
/// `home.love` is a missed space as often as a lure).
const ADULT_TLDS: &[&str] = &["sex", "porn", "xxx", "adult", "sexy", "cam", "webcam"];

fn has_adult_word(host: &str) -> bool {
    let (name, tld) = host.rsplit_once('.').unwrap_or((host, ""));
    ADULT_TLDS.contains(&tld)
        || ADULT_SUBSTRINGS.iter().any(|word| name.contains(word))
        || name
            .split(['.', '-'])
            .any(|label| ADULT_LABELS.contains(&label))
        || (name.contains("sex") && !SEX_INSIDE_WORDS.iter().any(|w| name.contains(w)))
}

fn is_youtube(host: &str) -> bool {
    ["youtube.com", "youtu.be"].contains(&registered_domain(host))
}

/// The last two labels of a host (`www.bit.ly` → `bit.ly`).
fn registered_domain(host: &str) -> &str {
    let mut dots = host.rmatch_indices('.');
    match (dots.next(), dots.next()) {
        (Some(_), Some((second, _))) => &host[second + 1..],
        _ => host,
    }
}

/// Domains written into a text (`MyLocalDateFinder.co\u{AD}m`,
/// `PORNTINDER.Uno`, `freebenaughty. com`), lowercase, invisible characters
/// removed.
pub fn domains_in_text(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let is_separator = |c: char| {
        c.is_whitespace() || matches!(c, '(' | ')' | '[' | ']' | '<' | '>' | '"' | ',' | '|')
    };
    let mut domains = Vec::new();
    let mut search_from = 0;
    // Look only around dots that could be inside a domain: a character
    // other than a separator on the left, and a letter on the right (or a
    // space and then a known top-level domain).
    while let Some(dot) = text[search_from..].find('.').map(|i| i + search_from) {
        search_from = dot + 1;
        let left_ok = text[..dot]
            .chars()
            .next_back()
            .is_some_and(|c| !is_separator(c) && c != '.');
        let right = text[dot + 1..].chars().next();
        let right_ok = right.is_some_and(|c| c.is_alphabetic())
            || (right == Some(' ')
                && text[dot + 2..].split(is_separator).next().is_some_and(|t| {
                    TEXT_TLDS.contains(
                        &t.to_lowercase()
                            .trim_end_matches(|c: char| !c.is_alphanumeric()),
                    )
                }));
        if !left_ok || !right_ok {
            continue;
        }
        let start = text[..dot].rfind(is_separator).map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
        let mut end = text[dot + 1..]
            .find(is_separator)
            .map_or(bytes.len(), |i| i + dot + 1);
        if right == Some(' ') {
            // "freebenaughty. com": take the next word as the top-level domain.
            end = text[dot + 2..]
                .find(is_separator)
                .map_or(bytes.len(), |i| i + dot + 2);
        }
        search_from = search_from.max(end);
        let cleaned: String = text[start..end]
            .chars()
            .filter(|c| {
                !matches!(
                    c,
                    '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | ' '
                )
            })
            .flat_map(char::to_lowercase)
            .collect();
        let candidate = host(cleaned.trim_matches(|c: char| !c.is_alphanumeric()));
        let Some((name, tld)) = candidate.rsplit_once('.') else {
            continue;
        };
        let well_formed = name.len() >= 2
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
            && name.chars().any(|c| c.is_ascii_alphabetic())
            && !name.ends_with('.')
            && !name.starts_with('.');
        if well_formed
            && (TEXT_TLDS.contains(&tld) || CHEAP_TLDS.contains(&tld))
            && !domains.contains(&candidate)
        {
            domains.push(candidate);
        }
    }
    domains
}

/// Decodes `%XX` escapes and `+`; invalid escapes are kept as they are and
/// invalid UTF-8 is replaced, so any input gives some answer.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = match bytes[i] {
            b'%' => bytes
                .get(i + 1..i + 3)
                .and_then(|hex| std::str::from_utf8(hex).ok())
                .and_then(|hex| u8::from_str_radix(hex, 16).ok()),
            _ => None,
        };
        match (escaped, bytes[i]) {
            (Some(byte), _) => {
                out.push(byte);
                i += 3;
            }
            (None, b'+') => {
                out.push(b' ');
                i += 1;
            }
            (None, other) => {
                out.push(other);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn youtube_redirects_are_unwrapped() {
        let wrapped = "https://www.youtube.com/redirect?event=comments&redir_token=QUFF\
                       &q=https%3A%2F%2Fhot-dates.example%2Fx&stzid=Ugz";
        assert_eq!(unwrap_redirect(wrapped), "https://hot-dates.example/x");
    }

    #[test]
    fn other_links_are_kept() {
        assert_eq!(unwrap_redirect("/watch?v=abc&t=125"), "/watch?v=abc&t=125");
        assert_eq!(
            unwrap_redirect("https://example.test/"),
            "https://example.test/"
        );
        // A redirect without a target stays as it is rather than vanishing.
        assert_eq!(
            unwrap_redirect("https://www.youtube.com/redirect?event=comments"),
            "https://www.youtube.com/redirect?event=comments"
        );
    }

    #[test]
    fn broken_escapes_do_not_lose_the_link() {
        assert_eq!(percent_decode("a%2"), "a%2");
        assert_eq!(percent_decode("a%zz%41"), "a%zzA");
        assert_eq!(percent_decode("%FF"), "\u{FFFD}");
    }

    #[test]
    fn domains_written_into_text_are_found() {
        assert_eq!(
            domains_in_text("join. MyLocalDateFinder.co\u{AD}\u{AD}m and PORNTINDER.Uno!"),
            ["mylocaldatefinder.com", "porntinder.uno"]
        );
        assert_eq!(
            domains_in_text("for free now :   freebenaughty. com"),
            ["freebenaughty.com"]
        );
        assert!(domains_in_text("e.g. at 2.05, i.e. fine... end.").is_empty());
    }

    #[test]
    fn link_signals_read_the_domain() {
        let links = [
            "https://www.youtube.com/redirect?q=https%3A%2F%2Fhot-dates.example%2Fx".to_string(),
        ];
        let signals = LinkSignals::read(&links, "");
        assert_eq!(signals.adult.as_deref(), Some("hot-dates.example"));
        let signals = LinkSignals::read(&[], "go to sexposition.uno now");
        assert_eq!(signals.adult.as_deref(), Some("sexposition.uno"));
        assert_eq!(signals.cheap_tld.as_deref(), Some("sexposition.uno"));
        assert!(signals.domain_in_text);
        let links = [
            "https://t.me/+abc".to_string(),
            "https://en.wikipedia.org/wiki/Essex".to_string(),
        ];
        let signals = LinkSignals::read(&links, "");
        assert_eq!(signals.messenger.as_deref(), Some("t.me"));
        assert_eq!(signals.adult, None);
        assert!(
            LinkSignals::read(&["/watch?v=x&t=1".into()], "")
                .adult
                .is_none()
        );
    }

    #[test]
    fn host_is_found_in_urls_and_bare_domains() {
        assert_eq!(host("https://Hot-Dates.example/x?y#z"), "hot-dates.example");
        assert_eq!(host("user@porn.site:8080/a"), "porn.site");
        assert_eq!(host("MyLocalDateFinder.com"), "mylocaldatefinder.com");
        assert_eq!(host(""), "");
    }
}
