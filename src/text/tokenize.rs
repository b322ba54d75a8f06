//! A tokenizer for micromessages: words with French elisions split off (`l'offre` → `l'` +
//! `offre`, with `'` or `’`), hashtags split on camelCase, mentions, URLs and the spans the
//! caller asks for (placeholders and markup: `%(name)s`, `<strong>`) kept whole (and neutral), emoji sequences (ZWJ, skin tones, flags, keycaps) as one token, ASCII
//! emoticons, numbers with their `%` or currency, and the punctuation that carries tone
//! (`!`, `?`) or ends a clause.
//!
//! Every token carries its byte span in the original text; `norm` is the lower-cased form
//! with apostrophes as `'`, used for lexicon lookups, and `forms` the variants a lookup
//! falls back to (without accents, with elongations collapsed), computed once per token:
//! a word is looked up in a dozen tables.

use compact_str::CompactString;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    /// A word inside a hashtag (`#BlackFriday` gives `black`, `friday`).
    HashtagWord,
    Mention,
    /// A URL, or another span the caller keeps whole: a placeholder or markup (`%(name)s`,
    /// `{{firstName}}`, `<strong>`; `crate::text::placeholders`). Neutral, and no word.
    Url,
    Emoji,
    Emoticon,
    /// A number, with a following `%` or currency sign when there is one.
    Number,
    /// A run of `!` and `?` (`!!!`, `?!`).
    Exclamation,
    /// Punctuation that ends a clause: `, . ; : …` and dashes between words.
    Boundary,
}

/// One token of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub start: usize,
    pub end: usize,
    /// Lower-cased, apostrophes as `'`; for emoji, the sequence without variation selectors
    /// and skin-tone modifiers. Inline up to 24 bytes (nearly every token), so tokenizing a
    /// message allocates once, for the token list.
    pub norm: CompactString,
    /// Every letter upper-case, and at least two letters.
    pub all_caps: bool,
    /// A letter repeated three times or more (`trooop`, `sooo`).
    pub elongated: bool,
    /// The variants of `norm` that lexicon lookups try, computed once here; left empty for
    /// the kinds no lexicon looks up by word (URLs, mentions, numbers, punctuation…).
    pub forms: Forms,
}

/// A token's [`WordForms`], kept on the heap only when it has any variant (a few words in a
/// hundred): a token takes 56 bytes instead of 144, and a 10 MB text has two million.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Forms(Option<Box<WordForms>>);

/// The forms of a word that has no variant.
static NO_VARIANT: WordForms =
    WordForms { folded: None, collapsed: [None, None], folded_collapsed: None, doubled: false };

impl Forms {
    pub fn new(forms: WordForms) -> Forms {
        Forms((forms != NO_VARIANT).then(|| Box::new(forms)))
    }
}

impl std::ops::Deref for Forms {
    type Target = WordForms;

    fn deref(&self) -> &WordForms {
        self.0.as_deref().unwrap_or(&NO_VARIANT)
    }
}

/// The variants of a normalised word that lexicon lookups try, computed once per token
/// rather than again by each table. Each is `None` when it equals the word (nearly always).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WordForms {
    /// Accents stripped (`genial` for `génial`).
    pub folded: Option<CompactString>,
    /// Letter runs cut to two, then to one (`trooop`: `troop`, `trop`).
    pub collapsed: [Option<CompactString>; 2],
    /// The folded form (or the word) with letter runs cut to one.
    pub folded_collapsed: Option<CompactString>,
    /// A letter twice in a row.
    pub doubled: bool,
}

impl WordForms {
    pub fn of(norm: &str) -> WordForms {
        if norm.is_ascii() {
            return WordForms::of_ascii(norm, ascii_word_shape(norm.as_bytes()).longest_run);
        }
        WordForms::of_any(norm)
    }

    /// [`WordForms::of`] any word, by the general rules.
    fn of_any(norm: &str) -> WordForms {
        let folded = (!norm.is_ascii())
            .then(|| {
                let mut folded = CompactString::default();
                crate::lexicon::fold_into(norm, &mut folded);
                folded
            })
            .filter(|f| f != norm);
        let doubled = has_run(norm, 2);
        let collapsed = if doubled { [collapsed_form(norm, 2), collapsed_form(norm, 1)] } else { [None, None] };
        // folding can make a run (`eé`), so the folded form is collapsed whenever it differs
        let folded_collapsed = match &folded {
            Some(folded) => collapsed_form(folded, 1),
            None => collapsed[1].clone(),
        };
        WordForms { folded, collapsed, folded_collapsed, doubled }
    }

    /// [`WordForms::of`] an ASCII word whose longest letter run is known: nothing to fold, and
    /// nothing to collapse in a word without a doubled letter (most words).
    fn of_ascii(norm: &str, longest_run: usize) -> WordForms {
        if longest_run < 2 {
            return WordForms::default();
        }
        let collapsed = [collapsed_form(norm, 2), collapsed_form(norm, 1)];
        WordForms { folded: None, folded_collapsed: collapsed[1].clone(), collapsed, doubled: true }
    }
}

/// `s` with letter runs cut to `keep`, when that changes it.
fn collapsed_form(s: &str, keep: usize) -> Option<CompactString> {
    has_run(s, keep + 1).then(|| collapse_chars(s, keep).collect()).filter(|c: &CompactString| c != s)
}

impl Token {
    /// A token of `kind` at `start..end` with its normalised form.
    fn new(kind: TokenKind, start: usize, end: usize, norm: CompactString, all_caps: bool, elongated: bool) -> Token {
        let looked_up = matches!(kind, TokenKind::Word | TokenKind::HashtagWord | TokenKind::Emoji);
        let forms = if looked_up { Forms::new(WordForms::of(&norm)) } else { Forms::default() };
        Token { kind, start, end, norm, all_caps, elongated, forms }
    }

    /// `norm` without accents (itself when it has none).
    pub fn folded(&self) -> &str {
        self.forms.folded.as_deref().unwrap_or(&self.norm)
    }
}

/// Whether `c` can be part of a word.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

/// Combining marks (a word or hashtag goes on through them: é typed as e + U+0301).
pub fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '`')
}

/// Pictographic characters that start an emoji token.
pub fn is_pictographic(c: char) -> bool {
    matches!(c, '\u{203C}' | '\u{2049}' | '\u{2122}' | '\u{2139}' | '\u{2194}'..='\u{21AA}' | '\u{231A}'..='\u{23FF}'
        | '\u{24C2}' | '\u{25AA}'..='\u{25FE}' | '\u{2600}'..='\u{27BF}' | '\u{2934}' | '\u{2935}' | '\u{2B05}'..='\u{2B55}'
        | '\u{3030}' | '\u{303D}' | '\u{3297}' | '\u{3299}' | '\u{1F000}'..='\u{1FAFF}')
}

/// French elided words that are split from the following word.
const ELISIONS: [&str; 12] = ["l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu"];

/// Words with an apostrophe that are one word.
const APOSTROPHE_WORDS: [&str; 4] = ["aujourd'hui", "prud'homme", "presqu'île", "quelqu'un"];

/// Longest emoticon, in bytes, that the emoticon lookup is asked about.
const MAX_EMOTICON_LEN: usize = 8;

/// Splits `text` into tokens. `is_emoticon` says whether a whitespace-delimited chunk (or
/// its prefix up to punctuation) is an emoticon; `urls` are the byte ranges of URLs, and of
/// any other span to keep whole as one neutral [`TokenKind::Url`] token (placeholders and
/// markup), in order and without overlaps.
pub fn tokenize(text: &str, urls: &[(usize, usize)], is_emoticon: &dyn Fn(&str) -> bool) -> Vec<Token> {
    // at most one token per three bytes in nearly every message (a word and its space, or
    // punctuation), so the list is not copied as it grows; a huge text grows from there
    let mut tokens = Vec::with_capacity((text.len() / 3 + 4).min(1024));
    let mut at = 0;
    let mut next_url = 0;
    while at < text.len() {
        while next_url < urls.len() && urls[next_url].1 <= at {
            next_url += 1;
        }
        if let Some(&(start, end)) = urls.get(next_url).filter(|u| u.0 == at) {
            tokens.push(plain(TokenKind::Url, text, start, end));
            at = end;
            continue;
        }
        let rest = &text[at..];
        let Some(c) = rest.chars().next() else { break };
        if c.is_whitespace() {
            at += c.len_utf8();
            continue;
        }
        // Emoticons: only where a chunk starts (after whitespace or at the start).
        let chunk_start = at == 0 || text[..at].chars().next_back().is_some_and(char::is_whitespace);
        if chunk_start
            && (!c.is_alphanumeric() || matches!(c, 'x' | 'X' | 'D' | 'o' | 'O' | 'T' | 'v'))
            && let Some(len) = emoticon_len(rest, is_emoticon)
        {
            tokens.push(plain(TokenKind::Emoticon, text, at, at + len));
            at += len;
            continue;
        }
        if is_pictographic(c)
            || is_regional_indicator(c)
            || (c.is_ascii_digit() || c == '#' || c == '*') && is_keycap(rest)
        {
            let end = at + emoji_len(rest);
            tokens.push(emoji_token(text, at, end));
            at = end;
            continue;
        }
        if (c == '#' || c == '＃') && rest[c.len_utf8()..].chars().next().is_some_and(is_word_char) {
            let body_start = at + c.len_utf8();
            let body_end = body_start
                + text[body_start..]
                    .chars()
                    .take_while(|&c| is_word_char(c) || c == '_')
                    .map(char::len_utf8)
                    .sum::<usize>();
            hashtag_words(text, body_start, body_end, &mut tokens);
            at = body_end;
            continue;
        }
        if c == '@' && rest[1..].chars().next().is_some_and(|c| is_word_char(c) || c == '_') {
            let end = at
                + 1
                + text[at + 1..]
                    .chars()
                    .take_while(|&c| is_word_char(c) || matches!(c, '_' | '.' | '@'))
                    .map(char::len_utf8)
                    .sum::<usize>();
            let end = trim_trailing_dots(text, at, end);
            tokens.push(plain(TokenKind::Mention, text, at, end));
            at = end;
            continue;
        }
        if c.is_ascii_digit()
            || (matches!(c, '-' | '+' | '−') && rest[c.len_utf8()..].chars().next().is_some_and(|d| d.is_ascii_digit()))
        {
            let end = number_end(text, at);
            if end > at {
                tokens.push(plain(TokenKind::Number, text, at, end));
                at = end;
                continue;
            }
        }
        if is_word_char(c) {
            at = word(text, at, &mut tokens);
            continue;
        }
        if c == '!' || c == '?' {
            let end = at + rest.chars().take_while(|&c| c == '!' || c == '?').count();
            tokens.push(plain(TokenKind::Exclamation, text, at, end));
            at = end;
            continue;
        }
        if matches!(c, ',' | '.' | ';' | ':' | '…' | '(' | ')' | '—' | '–' | '"' | '«' | '»' | '/' | '|')
            || (c == '-' && !tokens.is_empty())
        {
            let end = at + c.len_utf8();
            if tokens.last().is_none_or(|t| t.kind != TokenKind::Boundary || t.end != at) {
                tokens.push(plain(TokenKind::Boundary, text, at, end));
            } else if let Some(last) = tokens.last_mut() {
                last.end = end;
            }
            at = end;
            continue;
        }
        at += c.len_utf8();
    }
    tokens
}

fn plain(kind: TokenKind, text: &str, start: usize, end: usize) -> Token {
    let raw = &text[start..end];
    let norm = if raw.is_ascii() { ascii_lowercase(raw) } else { raw.to_lowercase().into() };
    Token::new(kind, start, end, norm, false, false)
}

fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

/// `1️⃣`, `#️⃣`, `*⃣`: a keycap sequence at the start of `rest`.
fn is_keycap(rest: &str) -> bool {
    let mut chars = rest.chars().skip(1);
    match chars.next() {
        Some('\u{20E3}') => true,
        Some('\u{FE0F}') => chars.next() == Some('\u{20E3}'),
        _ => false,
    }
}

/// Byte length of the emoji sequence at the start of `rest`: the pictograph with its
/// variation selector, skin tone, keycap, and ZWJ-joined pictographs; a flag is two
/// regional indicators; tag sequences (subdivision flags) are included.
fn emoji_len(rest: &str) -> usize {
    let mut chars = rest.char_indices().peekable();
    let Some((_, first)) = chars.next() else { return 0 };
    let mut end = first.len_utf8();
    if is_regional_indicator(first) {
        if let Some(&(i, c)) = chars.peek()
            && is_regional_indicator(c)
        {
            return i + c.len_utf8();
        }
        return end;
    }
    let mut after_zwj = false;
    while let Some(&(i, c)) = chars.peek() {
        let continues = matches!(c, '\u{FE0F}' | '\u{FE0E}' | '\u{20E3}' | '\u{1F3FB}'..='\u{1F3FF}' | '\u{E0020}'..='\u{E007F}')
            || (after_zwj && (is_pictographic(c) || is_regional_indicator(c)));
        if c == '\u{200D}' {
            after_zwj = true;
            chars.next();
            continue;
        }
        if !continues {
            break;
        }
        after_zwj = false;
        end = i + c.len_utf8();
        chars.next();
    }
    end
}

fn emoji_token(text: &str, start: usize, end: usize) -> Token {
    let norm: CompactString = text[start..end]
        .chars()
        .filter(|c| !matches!(c, '\u{FE0F}' | '\u{FE0E}' | '\u{1F3FB}'..='\u{1F3FF}'))
        .collect();
    Token::new(TokenKind::Emoji, start, end, norm, false, false)
}

/// The longest emoticon at the start of `rest` that ends at whitespace or at the end, or is
/// followed only by punctuation.
fn emoticon_len(rest: &str, is_emoticon: &dyn Fn(&str) -> bool) -> Option<usize> {
    let chunk_len = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let chunk = &rest[..chunk_len];
    // where the chunk's characters end, up to MAX_EMOTICON_LEN bytes (one byte or more each)
    let mut ends = [0; MAX_EMOTICON_LEN];
    let mut count = 0;
    for end in chunk.char_indices().map(|(i, c)| i + c.len_utf8()).take_while(|&e| e <= MAX_EMOTICON_LEN) {
        ends[count] = end;
        count += 1;
    }
    ends[..count].iter().rev().copied().find(|&end| {
        let after = &chunk[end..];
        is_emoticon(&chunk[..end]) && after.chars().all(|c| matches!(c, '!' | '?' | '.' | ',' | ')' | '('))
    })
}

fn trim_trailing_dots(text: &str, start: usize, mut end: usize) -> usize {
    while end > start + 1 && text[..end].ends_with('.') {
        end -= 1;
    }
    end
}

/// End of the number starting at `at`: sign, digits with `,` `.` or spaces between digit
/// groups, then optionally `%`, `€`, `$`, `£` (with or without a space) or `k`/`h`.
fn number_end(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = at;
    let rest = &text[at..];
    let sign = rest.chars().next().filter(|c| matches!(c, '-' | '+' | '−')).map_or(0, char::len_utf8);
    end += sign;
    let digits_start = end;
    while end < text.len() {
        let b = bytes[end];
        let separator =
            matches!(b, b',' | b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) && end > digits_start;
        if !(b.is_ascii_digit() || separator) {
            break;
        }
        end += 1;
    }
    if end == digits_start {
        return at;
    }
    let after = &text[end..];
    let trimmed = after.trim_start_matches([' ', '\u{A0}', '\u{202F}']);
    let spaces = after.len() - trimmed.len();
    if let Some(sym) = trimmed.chars().next().filter(|c| matches!(c, '%' | '€' | '$' | '£')) {
        return end + spaces + sym.len_utf8();
    }
    end
}

/// A word (or an elision and the word after it) at `at`; returns where it ends.
fn word(text: &str, at: usize, tokens: &mut Vec<Token>) -> usize {
    // letters, marks, digits, with internal apostrophes and hyphens
    let mut end = at;
    let mut inner_apostrophe = false;
    let mut chars = text[at..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_word_char(c) {
            end = at + i + c.len_utf8();
        } else if (is_apostrophe(c) || c == '-') && chars.peek().is_some_and(|&(_, n)| is_word_char(n)) {
            inner_apostrophe |= is_apostrophe(c);
            continue;
        } else {
            break;
        }
    }
    // A lone elided word followed by its apostrophe (`n'` in a lexicon, `l' offre`).
    if let Some(apostrophe) = text[end..].chars().next().filter(|&c| is_apostrophe(c))
        && ELISIONS.contains(&normalize_word(&text[at..end]).as_str())
    {
        push_word(text, at, end + apostrophe.len_utf8(), TokenKind::Word, tokens);
        return end + apostrophe.len_utf8();
    }
    let raw = &text[at..end];
    if !inner_apostrophe {
        // most words: no elision to split, and in ASCII nothing to normalise but the case
        let lower = if raw.is_ascii() { ascii_lowercase(raw) } else { normalize_word(raw) };
        push_normalized(text, at, end, TokenKind::Word, lower, tokens);
        return end;
    }
    let lower = normalize_word(raw);
    if APOSTROPHE_WORDS.contains(&lower.as_str()) {
        push_normalized(text, at, end, TokenKind::Word, lower, tokens);
        return end;
    }
    // French elision: split after the apostrophe when the head is an elided word.
    let mut start = at;
    while let Some(pos) = text[start..end].find(is_apostrophe) {
        let head = normalize_word(&text[start..start + pos]);
        if !ELISIONS.contains(&head.as_str()) {
            break;
        }
        let apostrophe_len = text[start + pos..].chars().next().map_or(1, char::len_utf8);
        push_word(text, start, start + pos + apostrophe_len, TokenKind::Word, tokens);
        start += pos + apostrophe_len;
    }
    if start < end {
        push_word(text, start, end, TokenKind::Word, tokens);
    }
    end
}

/// Lower case, apostrophes as `'`, NFC (so a decomposed `e` + U+0301 reads as `é`).
pub fn normalize_word(raw: &str) -> CompactString {
    if raw.is_ascii() {
        // the common case, without case tables
        let lower = ascii_lowercase(raw);
        return if lower.contains('`') { lower.replace('`', "'").into() } else { lower };
    }
    // every apostrophe as `'` (its own lower case: one iterator type for both branches)
    let lower: CompactString =
        raw.chars().flat_map(|c| if is_apostrophe(c) { '\''.to_lowercase() } else { c.to_lowercase() }).collect();
    if is_nfc_quick(lower.chars()) == IsNormalized::Yes { lower } else { lower.nfc().collect() }
}

/// An ASCII string in lower case.
fn ascii_lowercase(raw: &str) -> CompactString {
    let mut lower = CompactString::from(raw);
    lower.make_ascii_lowercase();
    lower
}

/// Calls `each` with the text and normalised form of each token of `piece`, a part of a
/// term between spaces. A plain word is its own token, normalised without the tokenizer
/// (most words of most terms of a brand's lexicon); anything else (apostrophes, hyphens,
/// emoji) goes through the message tokenizer. Tokens never span a space, so a term's tokens
/// are those of its pieces (a test checks every built-in term). `build.rs` tokenizes the
/// built-in terms with it too.
pub fn for_each_term_token<'t>(piece: &'t str, mut each: impl FnMut(&'t str, std::borrow::Cow<'t, str>)) {
    if piece.chars().all(char::is_alphabetic) {
        each(piece, normalized_word(piece));
        return;
    }
    for token in tokenize(piece, &[], &|_| false) {
        each(&piece[token.start..token.end], std::borrow::Cow::Owned(token.norm.into_string()));
    }
}

/// [`normalize_word`] without a copy when `raw` is already normalised (lexicon terms are
/// written lower-case and NFC, so loading the embedded tables borrows nearly every term).
pub fn normalized_word(raw: &str) -> std::borrow::Cow<'_, str> {
    if raw.is_ascii() {
        return if raw.bytes().any(|b| b.is_ascii_uppercase() || b == b'`') {
            std::borrow::Cow::Owned(normalize_word(raw).into_string())
        } else {
            std::borrow::Cow::Borrowed(raw)
        };
    }
    let unchanged = |c: char| {
        if c.is_ascii() {
            !c.is_ascii_uppercase() && c != '`'
        } else {
            !is_apostrophe(c) && is_lowercase_fixed_point(c)
        }
    };
    if raw.chars().all(unchanged) && is_nfc_quick(raw.chars()) == IsNormalized::Yes {
        std::borrow::Cow::Borrowed(raw)
    } else {
        std::borrow::Cow::Owned(normalize_word(raw).into_string())
    }
}

/// Whether lower-casing leaves `c` as it is.
fn is_lowercase_fixed_point(c: char) -> bool {
    let mut lower = c.to_lowercase();
    lower.next() == Some(c) && lower.next().is_none()
}

fn push_word(text: &str, start: usize, end: usize, kind: TokenKind, tokens: &mut Vec<Token>) {
    push_normalized(text, start, end, kind, normalize_word(&text[start..end]), tokens);
}

/// [`push_word`] of a word normalised already.
fn push_normalized(
    text: &str,
    start: usize,
    end: usize,
    kind: TokenKind,
    norm: CompactString,
    tokens: &mut Vec<Token>,
) {
    let raw = &text[start..end];
    if !raw.is_ascii() {
        tokens.push(Token::new(kind, start, end, norm, is_shouted(raw), has_run(raw, 3)));
        return;
    }
    // Most words: capitals and letter runs found in one pass over the bytes, which serves the
    // normalised form too (it differs from `raw` only in case and apostrophes).
    let shape = ascii_word_shape(raw.as_bytes());
    let forms = Forms::new(WordForms::of_ascii(&norm, shape.longest_run));
    tokens.push(Token { kind, start, end, norm, all_caps: shape.all_caps, elongated: shape.longest_run >= 3, forms });
}

/// Whether an ASCII word is in capitals and its longest letter run, found in one pass (what
/// [`is_shouted`] and [`has_run`] answer for ASCII text).
struct AsciiWordShape {
    /// At least two letters, all upper-case.
    all_caps: bool,
    /// The longest run of one letter, case-insensitively (`Sooo`: 3).
    longest_run: usize,
}

fn ascii_word_shape(raw: &[u8]) -> AsciiWordShape {
    let (mut letters, mut lower_case) = (0, false);
    let (mut run, mut longest_run, mut previous) = (0, 0, 0u8);
    for &b in raw {
        let lower = b.to_ascii_lowercase();
        if lower.is_ascii_lowercase() {
            letters += 1;
            lower_case |= b == lower;
            run = if lower == previous { run + 1 } else { 1 };
            longest_run = longest_run.max(run);
        } else {
            run = 0;
        }
        previous = lower;
    }
    AsciiWordShape { all_caps: letters >= 2 && !lower_case, longest_run }
}

/// Whether a word is in capitals: at least two letters, all upper-case.
fn is_shouted(raw: &str) -> bool {
    if raw.is_ascii() {
        return ascii_word_shape(raw.as_bytes()).all_caps;
    }
    let letters = raw.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && raw.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
}

/// Whether some letter of `s` repeats `n` times in a row (case-insensitively).
pub fn has_run(s: &str, n: usize) -> bool {
    if s.is_ascii() {
        // the common case, without per-character case mapping (a run is two letters or more)
        return ascii_word_shape(s.as_bytes()).longest_run >= n.max(2);
    }
    has_run_in_chars(s, n)
}

/// [`has_run`] character by character, for any text.
fn has_run_in_chars(s: &str, n: usize) -> bool {
    let (mut run, mut previous) = (0, None);
    let mut repeats = |c: char| {
        let repeated = Some(c) == previous && c.is_alphabetic();
        run = if repeated { run + 1 } else { 1 };
        previous = Some(c);
        repeated && run >= n
    };
    // the ASCII letters of a word (most of a French one) skip the case tables
    s.chars().any(|c| if c.is_ascii() { repeats(c.to_ascii_lowercase()) } else { c.to_lowercase().any(&mut repeats) })
}

/// `s` with letter runs of three or more cut to `keep` (`trooop` → `troop` or `trop`).
pub fn collapse_runs(s: &str, keep: usize) -> std::borrow::Cow<'_, str> {
    if has_run(s, keep + 1) {
        std::borrow::Cow::Owned(collapse_chars(s, keep).collect())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// The characters of `s` with letter runs cut to `keep`.
fn collapse_chars(s: &str, keep: usize) -> impl Iterator<Item = char> {
    let mut run = 0;
    let mut previous = None;
    s.chars().filter(move |&c| {
        run = if Some(c) == previous { run + 1 } else { 1 };
        previous = Some(c);
        run <= keep || !c.is_alphabetic()
    })
}

/// Splits a hashtag body on camelCase and digits: `BlackFriday` → `Black`, `Friday`;
/// `soldes2024` → `soldes`; `merci` → `merci`.
fn hashtag_words(text: &str, start: usize, end: usize, tokens: &mut Vec<Token>) {
    let body = &text[start..end];
    let mut word_start: Option<usize> = None;
    let mut previous: Option<char> = None;
    let emit = |s: usize, e: usize, tokens: &mut Vec<Token>| {
        if text[s..e].chars().any(char::is_alphabetic) {
            push_word(text, s, e, TokenKind::HashtagWord, tokens);
        }
    };
    for (i, c) in body.char_indices() {
        let at = start + i;
        let boundary = c == '_'
            || c.is_ascii_digit() != previous.is_some_and(|p| p.is_ascii_digit()) && previous.is_some()
            || (c.is_uppercase() && previous.is_some_and(char::is_lowercase));
        if boundary && let Some(s) = word_start.take() {
            emit(s, at, tokens);
        }
        if c != '_' && word_start.is_none() {
            word_start = Some(at);
        }
        previous = Some(c);
    }
    if let Some(s) = word_start {
        emit(s, end, tokens);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<(TokenKind, String)> {
        let emoticons = [":)", ":-(", ";)", "^^", "<3", "xD", ":'(", ":D", ":("];
        tokenize(text, &[], &|s| emoticons.contains(&s)).into_iter().map(|t| (t.kind, t.norm.into_string())).collect()
    }

    fn words(text: &str) -> Vec<String> {
        norms(text).into_iter().map(|(_, n)| n).collect()
    }

    #[test]
    fn splits_french_elisions_with_both_apostrophes() {
        assert_eq!(
            words("L’offre d'été qu'on adore jusqu'à lundi"),
            ["l'", "offre", "d'", "été", "qu'", "on", "adore", "jusqu'", "à", "lundi"]
        );
        assert_eq!(words("aujourd'hui c'est top"), ["aujourd'hui", "c'", "est", "top"]);
        assert_eq!(words("don't stop"), ["don't", "stop"]);
    }

    #[test]
    fn hashtags_split_on_camel_case() {
        assert_eq!(
            norms("#BlackFriday #merci"),
            [
                (TokenKind::HashtagWord, "black".to_string()),
                (TokenKind::HashtagWord, "friday".to_string()),
                (TokenKind::HashtagWord, "merci".to_string())
            ]
        );
    }

    #[test]
    fn emoji_sequences_are_one_token_without_modifiers() {
        let tokens = norms("Top 👍🏽 👨‍👩‍👧 🇫🇷 ❤️ 1️⃣");
        assert_eq!(tokens.iter().filter(|t| t.0 == TokenKind::Emoji).count(), 5);
        assert_eq!(tokens[1].1, "👍");
        assert_eq!(tokens[2].1, "👨\u{200D}👩\u{200D}👧");
        assert_eq!(tokens[4].1, "❤");
    }

    #[test]
    fn emoticons_numbers_and_punctuation() {
        let tokens = norms("Super :) -50 % sur tout !!! xD ^^ 0 € <3 :'(");
        let kinds: Vec<TokenKind> = tokens.iter().map(|t| t.0).collect();
        use TokenKind::*;
        assert_eq!(
            kinds,
            [Word, Emoticon, Number, Word, Word, Exclamation, Emoticon, Emoticon, Number, Emoticon, Emoticon]
        );
        assert_eq!(tokens[2].1, "-50 %");
        assert_eq!(tokens[8].1, "0 €");
    }

    #[test]
    fn caps_and_elongation() {
        let tokens = tokenize("GÉNIAL trooop bien A", &[], &|_| false);
        assert!(tokens[0].all_caps && !tokens[0].elongated);
        assert!(tokens[1].elongated && !tokens[1].all_caps);
        assert!(!tokens[3].all_caps, "one letter is not shouting");
        assert_eq!(collapse_runs("trooop", 1), "trop");
        for (s, n, expected) in [
            ("good", 2, true),
            ("good", 3, false),
            ("GOod", 2, true),
            ("a111", 2, false),
            ("héé", 2, true),
            ("ÉÉé", 3, true),
            ("réservé", 2, false),
            ("rÉé", 2, true),
            ("İi", 2, false),
            ("a", 1, false),
            ("é", 1, false),
        ] {
            assert_eq!(has_run(s, n), expected, "{s} {n}");
        }
        assert_eq!(collapse_runs("goood", 2), "good");
    }

    /// The ASCII path of `is_shouted` answers as the general one.
    #[test]
    fn shouting_is_the_same_in_ascii() {
        for raw in ["SALE", "Sale", "A", "AB", "A1", "1A2B", "OK!", "x2Y", "", "42", "ÉTÉ", "Été", "ÇA"] {
            assert_eq!(is_shouted(raw), shouted_by_the_general_rule(raw), "{raw:?}");
        }
    }

    /// At least two letters, all upper-case, letter by letter.
    fn shouted_by_the_general_rule(raw: &str) -> bool {
        let letters: Vec<char> = raw.chars().filter(|c| c.is_alphabetic()).collect();
        letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
    }

    /// The one-pass ASCII path of tokens and word forms answers as the general rules.
    #[test]
    fn ascii_words_take_a_shortcut_to_the_same_token() {
        let words = ["", "a", "ok", "OK", "Ok", "SOOO", "Sooo", "sOoO", "good", "GOod", "aa", "a1a", "aa1aa", "x2Y"];
        let more = ["trooop", "tROOOP", "don`t", "bye-bye", "aaa-bbb", "zzzZ", "1000", "b2b", "hmmmmm", "A-B"];
        for word in words.into_iter().chain(more) {
            let shape = ascii_word_shape(word.as_bytes());
            assert_eq!(shape.all_caps, shouted_by_the_general_rule(word), "{word:?}");
            for n in 2..=4 {
                assert_eq!(shape.longest_run >= n, has_run_in_chars(word, n), "{word:?} {n}");
            }
            let norm = normalize_word(word);
            for form in [word, norm.as_str()] {
                assert_eq!(WordForms::of(form), WordForms::of_any(form), "{form:?}");
            }
        }
    }

    #[test]
    fn tokens_of_ordinary_words_stay_off_the_heap() {
        let tokens = tokenize("Trooop génial, l'offre RÉUSSIE à -50 % 😍 #SoldesDHiver !!", &[], &|_| false);
        assert!(tokens.len() >= 10);
        for token in &tokens {
            let forms = &token.forms;
            let strings = [Some(&token.norm), forms.folded.as_ref(), forms.collapsed[0].as_ref()]
                .into_iter()
                .chain([forms.collapsed[1].as_ref(), forms.folded_collapsed.as_ref()])
                .flatten();
            for string in strings {
                assert!(!string.is_heap_allocated(), "{string} of {:?}", token.norm);
            }
        }
    }

    /// A long text holds one token per word at once: a token stays small, its variants boxed.
    #[test]
    fn a_token_is_small_and_its_variants_are_boxed_only_when_it_has_some() {
        assert!(std::mem::size_of::<Token>() <= 56, "{}", std::mem::size_of::<Token>());
        let tokens = tokenize("bien trooop génial", &[], &|_| false);
        assert_eq!(tokens.iter().map(|t| t.forms.0.is_some()).collect::<Vec<_>>(), [false, true, true]);
        assert_eq!(tokens[1].forms.collapsed[1].as_deref(), Some("trop"));
        assert_eq!(tokens[2].folded(), "genial");
    }

    #[test]
    fn word_forms_hold_only_the_variants_that_differ() {
        let some = |s: &str| Some(CompactString::from(s));
        let forms =
            |folded, collapsed, folded_collapsed, doubled| WordForms { folded, collapsed, folded_collapsed, doubled };
        assert_eq!(WordForms::of("bien"), WordForms::default());
        assert_eq!(WordForms::of("génial"), forms(some("genial"), [None, None], None, false));
        assert_eq!(WordForms::of("trooop"), forms(None, [some("troop"), some("trop")], some("trop"), true));
        assert_eq!(WordForms::of("réussi"), forms(some("reussi"), [None, some("réusi")], some("reusi"), true));
        // folding makes a run the word did not have
        assert_eq!(WordForms::of("eé"), forms(some("ee"), [None, None], some("e"), false));
        assert_eq!(WordForms::of("œuvre"), WordForms::default());
    }

    #[test]
    fn mentions_and_urls_are_whole_tokens() {
        let text = "@marie voir https://x.co/a. ok";
        let tokens = tokenize(text, &[(12, 26)], &|_| false);
        assert_eq!(tokens[0].kind, TokenKind::Mention);
        assert_eq!(tokens[2].kind, TokenKind::Url);
        assert_eq!(&text[tokens[2].start..tokens[2].end], "https://x.co/a");
    }

    #[test]
    fn any_text_tokenizes_within_bounds() {
        for text in ["", "'", "’’’", "#", "@", "-", "#_", "e\u{301}", "\u{301}", "l'", "qu'’", "1,", "--5", "x\u{200D}"]
        {
            for t in tokenize(text, &[], &|_| true) {
                assert!(
                    t.start < t.end
                        && t.end <= text.len()
                        && text.is_char_boundary(t.start)
                        && text.is_char_boundary(t.end),
                    "{text:?}"
                );
            }
        }
    }
}
