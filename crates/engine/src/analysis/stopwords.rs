//! English function words: frequent in every text, so they tell nothing
//! about a corpus (the overview leaves them out of its frequent words) and
//! never begin a name (entity discovery skips them). One list for both.

/// Sorted, folded (binary search).
const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "because",
    "been", "before", "being", "between", "both", "but", "by", "can", "could", "did", "didn", "do", "does", "doesn", "doing",
    "don", "down", "during", "each", "eg", "etc", "even", "few", "for", "from", "further", "had", "has", "have", "having", "he",
    "her", "here", "hers", "herself", "him", "himself", "his", "how", "however", "i", "ie", "if", "in", "into", "is", "isn", "it",
    "its", "itself", "just", "like", "many", "may", "me", "more", "most", "much", "must", "my", "myself", "new", "no", "nor",
    "not", "now", "of", "off", "on", "once", "one", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own",
    "per", "s", "said", "same", "says", "she", "should", "since", "so", "some", "still", "such", "t", "than", "that", "the",
    "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too", "two",
    "under", "until", "up", "upon", "us", "very", "via", "was", "wasn", "we", "well", "were", "weren", "what", "when", "where",
    "whether", "which", "while", "who", "whom", "why", "will", "with", "within", "without", "won", "would", "yet", "you", "your",
    "yours", "yourself", "yourselves",
];

/// Whether a folded term is an English function word.
pub fn is_function_word(term: &str) -> bool {
    FUNCTION_WORDS.binary_search(&term).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_for_binary_search() {
        assert!(FUNCTION_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_function_word("the") && is_function_word("yourselves") && !is_function_word("ashraf"));
    }
}
