//! Placeholders and markup in copy: the variables and tags that localisation and templating
//! leave in a message before it is sent. They are not words — `%(name)s` is not English,
//! `<STRONG>` is not shouting, `{{firstName}}` is no spam cue — so the tokenizer keeps each
//! one whole as a neutral token, as it does URLs, and no tone, language or rule reads it.
//! Length profiles measure the text as written, placeholders included: a length is what the
//! string holds, and the value that replaces a placeholder is unknown.
//!
//! The forms found, each as one span:
//!
//! | form | examples |
//! |---|---|
//! | ICU / Fluent variable | `{ $name }`, `{$name}` |
//! | brace pair holding an identifier (ICU, .NET, Python `format`) | `{name}`, `{count}`, `{0}` |
//! | Mustache / Handlebars | `{{name}}`, `{{ user.name }}`, `{{{name}}}` |
//! | Python named | `%(name)s`, `%(count)d`, `%(price).2f` |
//! | printf (C, Objective-C, Java, PHP, gettext) | `%s`, `%d`, `%1$s`, `%@`, `%.2f`, `%lld` |
//! | HTML / XML tag | `<strong>`, `</a>`, `<br/>`, `<a href="…">` |
//! | HTML entity | `&nbsp;`, `&amp;`, `&#233;`, `&#x2014;` |
//! | emoji shortcode (Slack, GitHub, Discord) | `:smile:`, `:heart_eyes:`, `:+1:` |
//!
//! And what they are not, so that copy keeps its meaning:
//! - a `%` after a number is a percentage (`50 %`, `-50 % sur tout`, `20% off`, `100%de`),
//!   which the tone engine scores as a discount; a printf conversion is not followed by a
//!   letter either (`%dollars` is no `%d`), and `%%` is a literal `%`;
//! - `<3` and `</3` are emoticons (a tag name starts with a letter), `a < b` is a comparison;
//! - `:)`, `:-(`, `:D` are emoticons and `10:30` a time (a shortcode is lower-case letters,
//!   digits, `_`, `+`, `-` with at least one letter, or `+1`/`-1`, between colons that touch
//!   no letter or digit outside);
//! - ICU `plural` and `select` arguments (`{count, plural, one {# message} other {…}}`) are
//!   not matched: their branches are copy.
//!
//! [`spans`] finds them in one pass, in time linear in the text (each attempt stops at the
//! next character that could start another of its kind), and never panics.

/// The bytes that can start a placeholder.
fn may_start(b: u8) -> bool {
    matches!(b, b'{' | b'%' | b'<' | b'&' | b':')
}

/// The byte spans of the placeholders and markup of `text`, in order, without overlaps.
pub fn spans(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(offset) = bytes.get(at..).and_then(|rest| rest.iter().position(|&b| may_start(b))) {
        let start = at + offset;
        if bytes[start..].starts_with(b"%%") {
            // a literal `%`, whatever follows
            at = start + 2;
            continue;
        }
        let end = match bytes[start] {
            b'{' => braces(bytes, start),
            b'%' => printf(text, start),
            b'<' => tag(bytes, start),
            b'&' => entity(bytes, start),
            _ => shortcode(text, start),
        };
        match end {
            Some(end) => {
                found.push((start, end));
                at = end;
            }
            None => at = start + 1,
        }
    }
    found
}

/// The SMS opt-outs of `text` (`STOP 36111`, `STOP au 36111`, `STOP SMS au 36180`, `STOP
/// to 78910`), which the law requires in every marketing SMS: boilerplate, not tone, so the
/// learned model does not read them. They stay words for the rest (a `required` rule looks
/// for them).
pub fn opt_outs(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    memchr::memmem::find_iter(bytes, b"STOP").filter_map(|start| Some((start, opt_out(bytes, start)?))).collect()
}

/// The spans the tokenizer keeps whole as neutral tokens: `urls` (byte ranges of URLs, in
/// order) and the placeholders of `text`, in order; overlapping spans (a tag around a URL)
/// become one.
pub fn with_urls(text: &str, mut urls: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let placeholders = spans(text);
    if placeholders.is_empty() {
        return urls;
    }
    if urls.is_empty() {
        return placeholders;
    }
    urls.extend(placeholders);
    crate::order::sort_by_key(&mut urls, |&(start, end)| [crate::order::up(start), crate::order::up(end), 0, 0]);
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(urls.len());
    for (start, end) in urls {
        match merged.last_mut() {
            Some(last) if start < last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

/// The longest Mustache content: what lies between `{{` and `}}` further away is prose.
const MAX_MUSTACHE: usize = 64;

/// The end of `{{{name}}}`, `{{name}}`, `{ $name }` or `{name}` at `start`.
fn braces(bytes: &[u8], start: usize) -> Option<usize> {
    let rest = &bytes[start..];
    if rest.starts_with(b"{{{")
        && let Some(end) = mustache(bytes, start + 3, b"}}}")
    {
        return Some(end);
    }
    if rest.starts_with(b"{{") {
        return mustache(bytes, start + 2, b"}}");
    }
    let mut at = skip_spaces(bytes, start + 1);
    if bytes.get(at) == Some(&b'$') {
        at += 1;
    }
    let name_end = identifier_end(bytes, at);
    if name_end == at {
        return None;
    }
    let at = skip_spaces(bytes, name_end);
    (bytes.get(at) == Some(&b'}')).then_some(at + 1)
}

/// The end of Mustache content starting at `from` and closed by `close`: no brace, no line
/// break, not blank, at most [`MAX_MUSTACHE`] bytes.
fn mustache(bytes: &[u8], from: usize, close: &[u8]) -> Option<usize> {
    let mut at = from;
    while let Some(&b) = bytes.get(at) {
        if at - from > MAX_MUSTACHE || matches!(b, b'{' | b'\n' | b'\r') {
            return None;
        }
        if b == b'}' {
            let blank = bytes[from..at].iter().all(u8::is_ascii_whitespace);
            return (!blank && bytes[at..].starts_with(close)).then_some(at + close.len());
        }
        at += 1;
    }
    None
}

fn skip_spaces(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).is_some_and(|&b| b == b' ' || b == b'\t') {
        at += 1;
    }
    at
}

/// The end of the identifier at `at` (itself when there is none): an ASCII letter, digit or
/// `_`, then those, `.` and `-`; or any letters (`{prénom}`).
fn identifier_end(bytes: &[u8], at: usize) -> usize {
    let mut end = at;
    // ASCII, or a UTF-8 sequence (a letter, most likely: the tokenizer keeps a placeholder
    // whole, so a rare symbol inside braces is no loss); never a brace, a space or a quote
    while let Some(&b) = bytes.get(end) {
        let first = end == at;
        if b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80 || (!first && matches!(b, b'.' | b'-')) {
            end += 1;
        } else {
            break;
        }
    }
    end
}

/// The end of a printf or Python conversion at `start` (a `%`): `%(name)s`, `%s`, `%1$s`,
/// `%@`, `%-5.2f`, `%lld`. Not after a number (`50 %`, `20%off`), and a conversion without
/// a name is not followed by a letter (`%dollars`).
fn printf(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let before = text[..start].trim_end_matches([' ', '\u{A0}', '\u{202F}']);
    if before.ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let mut at = start + 1;
    let named = bytes.get(at) == Some(&b'(');
    if named {
        let name_end = identifier_end(bytes, at + 1);
        if name_end == at + 1 || bytes.get(name_end) != Some(&b')') {
            return None;
        }
        at = name_end + 1;
    } else {
        // a position: `%1$s`
        let digits = digits_end(bytes, at);
        if digits > at && bytes.get(digits) == Some(&b'$') {
            at = digits + 1;
        }
    }
    while bytes.get(at).is_some_and(|b| matches!(b, b'-' | b'+' | b'#' | b'0')) {
        at += 1;
    }
    at = if bytes.get(at) == Some(&b'*') { at + 1 } else { digits_end(bytes, at) };
    if bytes.get(at) == Some(&b'.') {
        at = if bytes.get(at + 1) == Some(&b'*') { at + 2 } else { digits_end(bytes, at + 1) };
    }
    for modifier in [&b"hh"[..], b"ll", b"h", b"l", b"L", b"q", b"j", b"z", b"t"] {
        if bytes[at..].starts_with(modifier) {
            at += modifier.len();
            break;
        }
    }
    let conversions: &[u8] = if named { b"diouxXeEfFgGcrsa" } else { b"diouxXeEfFgGaAcsSp@" };
    bytes.get(at).filter(|b| conversions.contains(b))?;
    let end = at + 1;
    let letter_after = text[end..].chars().next().is_some_and(char::is_alphabetic);
    (named || !letter_after).then_some(end)
}

/// The end of an SMS opt-out at `start` (an `S`): `STOP`, not inside a word, then spaces,
/// `SMS` and `au`/`to`/`at` if they come, and a number of 3 to 6 digits that ends there.
fn opt_out(bytes: &[u8], start: usize) -> Option<usize> {
    let inside_word = |at: usize| bytes.get(at).is_some_and(u8::is_ascii_alphanumeric);
    if !bytes[start..].starts_with(b"STOP") || (start > 0 && inside_word(start - 1)) {
        return None;
    }
    let mut at = skip_spaces(bytes, start + 4);
    if at == start + 4 {
        return None;
    }
    for word in [&b"SMS"[..], b"au", b"to", b"at"] {
        if bytes[at..].starts_with(word) && bytes.get(at + word.len()) == Some(&b' ') {
            at = skip_spaces(bytes, at + word.len());
        }
    }
    let end = digits_end(bytes, at);
    ((3..=6).contains(&(end - at)) && !inside_word(end)).then_some(end)
}

fn digits_end(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).is_some_and(u8::is_ascii_digit) {
        at += 1;
    }
    at
}

/// The end of an HTML or XML tag at `start` (a `<`): `<b>`, `</a>`, `<br/>`, `<a href="…">`.
/// A name starts with a letter (`<3` is a heart); a tag holds no `<`, so each attempt stops
/// at the next one.
fn tag(bytes: &[u8], start: usize) -> Option<usize> {
    let mut at = start + 1;
    let closing = bytes.get(at) == Some(&b'/');
    if closing {
        at += 1;
    }
    if !bytes.get(at).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let is_name = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b':' | b'_' | b'.' | b'-');
    while bytes.get(at).is_some_and(|&b| is_name(b)) {
        at += 1;
    }
    loop {
        let spaced = bytes.get(at).is_some_and(u8::is_ascii_whitespace);
        while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
            at += 1;
        }
        match bytes.get(at)? {
            b'>' => return Some(at + 1),
            b'/' if !closing && bytes.get(at + 1) == Some(&b'>') => return Some(at + 2),
            &b if closing || !spaced || !is_name(b) => return None,
            _ => {}
        }
        // an attribute: a name, then `=` and a value, quoted or not
        while bytes.get(at).is_some_and(|&b| is_name(b)) {
            at += 1;
        }
        let after_name = at;
        at = skip_whitespace(bytes, at);
        if bytes.get(at) != Some(&b'=') {
            at = after_name;
            continue;
        }
        at = skip_whitespace(bytes, at + 1);
        match *bytes.get(at)? {
            quote @ (b'"' | b'\'') => {
                let value = bytes[at + 1..].iter().position(|&b| b == quote || b == b'<')?;
                at += 1 + value;
                if bytes[at] != quote {
                    return None;
                }
                at += 1;
            }
            _ => {
                let unquoted =
                    |b: u8| !b.is_ascii_whitespace() && !matches!(b, b'"' | b'\'' | b'<' | b'>' | b'=' | b'`');
                let value_start = at;
                while bytes.get(at).is_some_and(|&b| unquoted(b)) {
                    at += 1;
                }
                if at == value_start {
                    return None;
                }
            }
        }
    }
}

fn skip_whitespace(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
        at += 1;
    }
    at
}

/// The end of an HTML entity at `start` (a `&`): `&nbsp;`, `&#233;`, `&#x2014;`.
fn entity(bytes: &[u8], start: usize) -> Option<usize> {
    let at = start + 1;
    let (body_start, accepts, max): (usize, fn(&u8) -> bool, usize) = match (bytes.get(at), bytes.get(at + 1)) {
        (Some(b'#'), Some(b'x' | b'X')) => (at + 2, u8::is_ascii_hexdigit, 6),
        (Some(b'#'), _) => (at + 1, u8::is_ascii_digit, 7),
        (Some(b), _) if b.is_ascii_alphabetic() => (at, u8::is_ascii_alphanumeric, 32),
        _ => return None,
    };
    let length = bytes[body_start..].iter().take_while(|b| accepts(b)).count();
    let named = body_start == at;
    let fits = if named { (2..=max).contains(&length) } else { (1..=max).contains(&length) };
    let end = body_start + length;
    (fits && bytes.get(end) == Some(&b';')).then_some(end + 1)
}

/// The end of an emoji shortcode at `start` (a `:`): `:smile:`, `:heart_eyes:`, `:+1:`.
/// Lower-case letters, digits, `_`, `+`, `-`, with a letter (`10:30` is a time) or `+1`/`-1`,
/// and no letter or digit just outside the colons (`Note:bien:`).
fn shortcode(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    if text[..start].chars().next_back().is_some_and(char::is_alphanumeric) {
        return None;
    }
    let is_name = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'_' | b'+' | b'-');
    let name_start = start + 1;
    let name = &bytes[name_start..name_start + bytes[name_start..].iter().take_while(|b| is_name(b)).count()];
    let end = name_start + name.len() + 1;
    let named = name.iter().any(u8::is_ascii_lowercase) || name == b"+1" || name == b"-1";
    let closed = bytes.get(end - 1) == Some(&b':');
    let alphanumeric_after = closed && text[end..].chars().next().is_some_and(char::is_alphanumeric);
    (named && closed && !alphanumeric_after).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The texts of the spans found in `text`.
    fn found(text: &str) -> Vec<&str> {
        spans(text).into_iter().map(|(start, end)| &text[start..end]).collect()
    }

    #[test]
    fn each_form_is_found_with_its_exact_span() {
        let cases: [(&str, &[(usize, usize)]); 20] = [
            ("Bonjour { $name } !", &[(8, 17)]),
            ("Bonjour {$name} !", &[(8, 15)]),
            ("Salut {{name}}, ça va", &[(6, 14)]),
            ("Salut {{{name}}}", &[(6, 16)]),
            ("{{ user.first_name }}", &[(0, 21)]),
            ("Hi %(name)s, you have %(count)d messages", &[(3, 11), (22, 31)]),
            ("Hello %s, %d new", &[(6, 8), (10, 12)]),
            ("%1$s a aimé %2$@", &[(0, 4), (13, 17)]),
            ("Hello %@!", &[(6, 8)]),
            ("Total %.2f € et %lld points", &[(6, 10), (18, 22)]),
            ("Vous avez {count} nouveaux messages", &[(10, 17)]),
            ("{{firstName}}, votre code est {0}", &[(0, 13), (30, 33)]),
            ("votre <strong>commande</strong> est prête", &[(6, 14), (22, 31)]),
            ("ligne<br/>suivante<br />fin", &[(5, 10), (18, 24)]),
            (r#"Voir <a href="https://x.co/a?b=1&c=2" target='_blank'>ici</a>"#, &[(5, 54), (57, 61)]),
            ("prix&nbsp;: 5 &amp; plus", &[(4, 10), (14, 19)]),
            ("caf&#233; &#x2014; fin", &[(3, 9), (10, 18)]),
            ("Bravo :smile: :heart_eyes:", &[(6, 13), (14, 26)]),
            ("Top :+1:", &[(4, 8)]),
            ("Bonjour %(name)s, votre <strong>commande</strong> est prête", &[(8, 16), (24, 32), (40, 49)]),
        ];
        for (text, expected) in cases {
            assert_eq!(spans(text), expected, "{text:?}: {:?}", found(text));
        }
    }

    #[test]
    fn sms_opt_outs_are_found_with_their_exact_span() {
        let cases: [(&str, &[(usize, usize)]); 5] = [
            ("Votre commande est prête. STOP 36111", &[(27, 37)]),
            ("-20 % ce soir STOP au 36111", &[(14, 27)]),
            ("STOP SMS au 36180", &[(0, 17)]),
            ("Reply STOP to 78910 to opt out", &[(6, 19)]),
            ("STOP 36111 STOP 36111", &[(0, 10), (11, 21)]),
        ];
        for (text, expected) in cases {
            assert_eq!(opt_outs(text), expected, "{text:?}");
        }
        for text in [
            "Stop 36111",
            "STOP",
            "STOP !",
            "STOPS 36111",
            "BUS STOP 12",
            "STOP 36111234",
            "NONSTOP 36111",
            "STOP 36111b",
        ] {
            assert!(opt_outs(text).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn percentages_emoticons_comparisons_and_times_are_not_placeholders() {
        for text in [
            "50 %",
            "-50 % sur tout",
            "20% off",
            "20%off",
            "100%de réduction",
            "50 %d",
            "Réduction de 30%s",
            "%dollars",
            "100 %% sûr",
            "%%d",
            "<3",
            "je t'aime <3 <33",
            "</3",
            "a < b et c > d",
            "a <b",
            "1 <2> 3",
            "<< retour",
            "<-- ici",
            ":) :-( :D :P ;) :'(",
            "RDV à 10:30",
            "10:30:45",
            "Heure:10:30:",
            "Note:bien:",
            ":D:",
            ": :",
            "::",
            "{}",
            "{ }",
            "{a b}",
            "{count, plural, one {# }}",
            "{{}}",
            "{{ }}",
            "AT&T",
            "a & b;",
            "&;",
            "&#;",
            "&#x;",
            "&#xZZ;",
            "50 € & plus",
        ] {
            assert_eq!(found(text), Vec::<&str>::new(), "{text:?}");
        }
    }

    #[test]
    fn urls_and_placeholders_are_merged_in_order() {
        let text = r#"<a href="https://x.co">Voir</a> https://y.co {0}"#;
        // the URL inside the tag joins the tag's span
        assert_eq!(with_urls(text, vec![(9, 21), (32, 44)]), [(0, 23), (27, 31), (32, 44), (45, 48)]);
        assert_eq!(with_urls("rien", vec![]), []);
        assert_eq!(with_urls("https://a.co", vec![(0, 12)]), [(0, 12)]);
    }

    #[test]
    fn unfinished_and_adversarial_text_is_found_in_one_pass() {
        for piece in ["<a x=\"", "{{", "{{{", "{ $", "%(", "%1$", "&#x", ":a", "<a ", "{a", "<", "&", ":", "%"] {
            let text = piece.repeat(20_000);
            for (start, end) in spans(&text) {
                assert!(start < end && end <= text.len(), "{piece:?}");
            }
        }
    }

    #[test]
    fn any_text_gives_spans_on_char_boundaries_in_order() {
        let texts = ["", "{", "}", "{é}", "{日本}", "<é>", "<a é=\"ü>\">", ":é:", "&é;", "%(é)s", "%", "%1", "%1$"];
        for text in texts.into_iter().chain(["{{é}}", "<a\u{301}>", "a\u{301}:b:", "%\u{301}s", "<a\n>"]) {
            let mut previous = 0;
            for (start, end) in spans(text) {
                assert!(previous <= start && start < end && end <= text.len(), "{text:?}");
                assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "{text:?}");
                previous = end;
            }
        }
    }
}
