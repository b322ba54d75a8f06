//! Phrases of a table found in a message: whole words, whatever their case and apostrophes
//! (typographic `’` as `'`), longest first, never overlapping, with their offsets in the
//! message as written.

/// `(start, end, index in phrases)` of every phrase found in `text`, in text order.
pub fn find(text: &str, phrases: &[&str]) -> Vec<(usize, usize, usize)> {
    let mut folded = String::with_capacity(text.len());
    // (offset in `folded`, offset in `text`) of each character, and of the end
    let mut offsets = Vec::with_capacity(text.len() + 1);
    for (i, c) in text.char_indices() {
        offsets.push((folded.len(), i));
        if c == '’' {
            folded.push('\'');
        } else {
            folded.extend(c.to_lowercase());
        }
    }
    offsets.push((folded.len(), text.len()));
    let original = |at: usize| offsets.binary_search_by_key(&at, |&(f, _)| f).ok().map(|k| offsets[k].1);
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut order: Vec<usize> = (0..phrases.len()).collect();
    super::order::sort_by_key(&mut order, |&k| [super::order::down(phrases[k].len()), 0, 0, 0]);
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    for k in order {
        let phrase = phrases[k].to_lowercase();
        if phrase.is_empty() {
            continue;
        }
        for (at, _) in folded.match_indices(&phrase) {
            let end = at + phrase.len();
            let whole = !is_word(folded[..at].chars().next_back()) && !is_word(folded[end..].chars().next());
            let (Some(start), Some(stop)) = (original(at), original(end)) else { continue };
            if whole && !found.iter().any(|&(s, e, _)| start < e && s < stop) {
                found.push((start, stop, k));
            }
        }
    }
    super::order::sort_by_key(&mut found, |&(s, e, k)| {
        [super::order::up(s), super::order::up(e), super::order::up(k), 0]
    });
    found
}

/// `replacement` with the case of `original`, which starts at byte `at` of `text`: a
/// capital first letter is kept (`Gratuit` → `Offert`), but a word in capitals gets a capital
/// only where a sentence starts (`cadeau GRATUIT` → `cadeau offert`): the calmer form.
pub fn same_case(text: &str, at: usize, original: &str, replacement: &str) -> String {
    let shouted = original.chars().filter(|c| c.is_alphabetic()).count() > 1
        && original.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    let before = text[..at].trim_end();
    let sentence_start = before.is_empty() || before.ends_with(['.', '!', '?', '…']);
    let capital = original.chars().next().is_some_and(char::is_uppercase) && (!shouted || sentence_start);
    let mut chars = replacement.chars();
    match chars.next() {
        Some(first) if capital => first.to_uppercase().chain(chars).collect(),
        Some(first) if shouted => first.to_lowercase().chain(chars).collect(),
        _ => replacement.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_are_whole_words_longest_first_in_text_order() {
        let text = "Gratuit : RENDEZ-VOUS aujourd’hui, rendez vite !";
        let found = find(text, &["rendez", "rendez-vous", "aujourd'hui", "gratuit", "vite"]);
        let words: Vec<&str> = found.iter().map(|&(s, e, _)| &text[s..e]).collect();
        assert_eq!(words, ["Gratuit", "RENDEZ-VOUS", "aujourd’hui", "rendez", "vite"]);
        assert!(find("ingratuit", &["gratuit"]).is_empty(), "not inside a word");
        // lower case that changes byte lengths (İ) keeps the offsets right
        let text = "İci gratuit";
        let found = find(text, &["gratuit"]);
        assert_eq!(&text[found[0].0..found[0].1], "gratuit");
    }

    #[test]
    fn the_replacement_follows_the_first_letter_and_calms_capitals() {
        assert_eq!(same_case("Gratuit !", 0, "Gratuit", "offert"), "Offert");
        assert_eq!(same_case("CLIQUEZ ICI", 0, "CLIQUEZ ICI", "découvrez l'offre"), "Découvrez l'offre");
        assert_eq!(same_case("un cadeau GRATUIT", 10, "GRATUIT", "offert"), "offert");
        assert_eq!(same_case("Fin. GRATUIT", 5, "GRATUIT", "offert"), "Offert");
        assert_eq!(same_case("un cadeau gratuit", 10, "gratuit", "offert"), "offert");
        assert_eq!(same_case("RDV", 0, "RDV", "rdv"), "Rdv");
    }
}
