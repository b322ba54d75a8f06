//! What follows a URL's domain — port, path, query — and the `t.co` rule, matched as the
//! reference's expressions do, without a regex engine (which would cost the WebAssembly
//! build more than the rest of the length rules together).
//!
//! The reference's path is `/` then `(G* (P G*)* E | @G+/)*`, G the general path characters,
//! P a balanced parenthesis group (one level of nesting), E an ending character or a P:
//! with backtracking, that is the longest run of G characters and P groups that ends with
//! an E character or a P group. The query is `?`, then the longest run of query characters
//! that ends with a query-ending character. Letters match in either case (ASCII), as the
//! reference's case-insensitive flag does.

use super::urls::is_latin_accent;

fn is_cyrillic(c: char) -> bool {
    ('\u{400}'..='\u{4FF}').contains(&c)
}

/// `validGeneralUrlPathChars`.
fn is_general(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || is_cyrillic(c)
        || is_latin_accent(c)
        || matches!(
            c,
            '!' | '*'
                | '\''
                | ';'
                | ':'
                | '='
                | '+'
                | ','
                | '.'
                | '$'
                | '/'
                | '%'
                | '#'
                | '['
                | ']'
                | '-'
                | '\u{2013}'
                | '_'
                | '~'
                | '@'
                | '|'
                | '&'
        )
}

/// `validUrlPathEndingChars` (without its parenthesis-group alternative).
fn is_ending(c: char) -> bool {
    c.is_ascii_alphanumeric() || is_cyrillic(c) || is_latin_accent(c) || matches!(c, '+' | '-' | '=' | '_' | '#' | '/')
}

/// `validUrlQueryChars`.
fn is_query(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            '!' | '?'
                | '*'
                | '\''
                | '@'
                | '('
                | ')'
                | ';'
                | ':'
                | '&'
                | '='
                | '+'
                | '$'
                | '/'
                | '%'
                | '#'
                | '['
                | ']'
                | '-'
                | '_'
                | '.'
                | ','
                | '~'
                | '|'
        )
}

/// `validUrlQueryEndingChars`.
fn is_query_end(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '&' | '=' | '#' | '/')
}

/// Bytes of the run of chars of `s` for which `class` holds.
fn run(s: &str, class: fn(char) -> bool) -> usize {
    s.char_indices().find(|&(_, c)| !class(c)).map_or(s.len(), |(i, _)| i)
}

/// Length of the parenthesis group at the start of `s`: `(G+)` or `(G*(G+)G*)`.
fn parens(s: &str) -> Option<usize> {
    let inner = s.strip_prefix('(')?;
    let first = run(inner, is_general);
    let rest = &inner[first..];
    if first > 0 && rest.starts_with(')') {
        return Some(1 + first + 1);
    }
    let nested = rest.strip_prefix('(')?;
    let middle = run(nested, is_general);
    if middle == 0 {
        return None;
    }
    let after = nested[middle..].strip_prefix(')')?;
    let last = run(after, is_general);
    after[last..].starts_with(')').then_some(1 + first + 1 + middle + 1 + last + 1)
}

/// Length of the path after its `/`.
fn path(s: &str) -> usize {
    let (mut at, mut best) = (0, 0);
    while let Some(c) = s[at..].chars().next() {
        if is_general(c) {
            at += c.len_utf8();
            if is_ending(c) {
                best = at;
            }
        } else if let Some(group) = (c == '(').then(|| parens(&s[at..])).flatten() {
            at += group;
            best = at;
        } else {
            break;
        }
    }
    best
}

/// Length of the query after its `?`, if it has one.
fn query(s: &str) -> Option<usize> {
    let mut best = None;
    for (i, c) in s.char_indices() {
        if !is_query(c) {
            break;
        }
        if is_query_end(c) {
            best = Some(i + c.len_utf8());
        }
    }
    best
}

/// The port, path and query at the start of `rest` (what follows a domain): their length,
/// and whether there is a path.
pub fn tail(rest: &str) -> (usize, bool) {
    let mut at = 0;
    if let Some(port) = rest.strip_prefix(':') {
        let digits = port.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 {
            at = 1 + digits;
        }
    }
    let mut path_present = false;
    if let Some(after) = rest[at..].strip_prefix('/') {
        at += 1 + path(after);
        path_present = true;
    }
    if let Some(q) = rest[at..].strip_prefix('?').and_then(query) {
        at += 1 + q;
    }
    (at, path_present)
}

/// A `t.co` URL: the length of its slug and of the part the reference keeps (the slug and a
/// query, nothing after).
pub fn tco(url: &str) -> Option<(usize, usize)> {
    let lower_prefix = |s: &str, p: &str| s.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    let scheme = if lower_prefix(url, "https://") {
        8
    } else if lower_prefix(url, "http://") {
        7
    } else {
        return None;
    };
    if !lower_prefix(&url[scheme..], "t.co/") {
        return None;
    }
    let slug_start = scheme + 5;
    let slug = url[slug_start..].bytes().take_while(u8::is_ascii_alphanumeric).count();
    if slug == 0 {
        return None;
    }
    let mut end = slug_start + slug;
    if let Some(q) = url[end..].strip_prefix('?').and_then(query) {
        end += 1 + q;
    }
    Some((slug, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_ends_on_an_ending_character_or_a_group() {
        assert_eq!(tail("/foo. bar"), (4, true), "the period is left out");
        assert_eq!(tail("/wiki/Foo_(bar) x"), (15, true));
        assert_eq!(tail("/a.(b(c)d) x"), (10, true));
        assert_eq!(tail("/a(b x"), (2, true), "an unclosed group ends the path");
        assert_eq!(tail(":8080/x?a=1&b=2. ok"), (15, true));
        assert_eq!(tail(":x/y"), (0, false), "a colon without digits is no port");
        assert_eq!(tail("?q=1!"), (4, false));
        assert_eq!(tail("?!!"), (0, false), "a query must end on a query-ending character");
        assert_eq!(tail("/ÉTÉ-été"), ("/ÉTÉ-été".len(), true));
    }

    #[test]
    fn tco_keeps_slug_and_query() {
        assert_eq!(tco("https://t.co/abcdef?x=1zz"), Some((6, 25)));
        assert_eq!(tco("HTTP://T.CO/ab/cd"), Some((2, 14)));
        assert_eq!(tco("https://t.com/ab"), None);
    }
}
