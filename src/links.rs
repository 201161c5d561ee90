//! Reading the links in a comment: unwrapping redirect URLs and finding the
//! domain a link really goes to.

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
    fn host_is_found_in_urls_and_bare_domains() {
        assert_eq!(host("https://Hot-Dates.example/x?y#z"), "hot-dates.example");
        assert_eq!(host("user@porn.site:8080/a"), "porn.site");
        assert_eq!(host("MyLocalDateFinder.com"), "mylocaldatefinder.com");
        assert_eq!(host(""), "");
    }
}
