package dev.monoscale.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Content words of English text: lower-cased, split on anything but letters and digits, stop words dropped, and
 * plural and verb endings taken off ({@code filters}, {@code filtered}, {@code filtering} are all {@code filter}),
 * so that a card's "filters rows" and a step's "filter the rows" share their words.
 */
public final class Words {

    private static final Set<String> STOP = Set.of(
            "the", "and", "for", "with", "that", "this", "from", "into", "its", "are", "was", "were", "has", "have",
            "had", "does", "did", "can", "any", "all", "each", "what", "which", "who", "whom", "how", "when", "where",
            "why", "you", "your", "our", "their", "them", "they", "then", "than", "also", "but", "not", "one", "two",
            "per", "via", "about", "over", "under", "between", "given", "using", "use", "uses", "it", "is", "of", "to",
            "in", "on", "a", "an", "or", "by", "as", "at", "be", "do", "if", "so", "up", "out", "get", "gets", "give",
            "gives", "helps", "help", "agent", "will", "would", "should", "may", "must", "i", "me", "my", "we", "us");

    private Words() {}

    /** The content words of {@code text}, in order, repeats kept. */
    public static List<String> of(String text) {
        return unstemmed(text).stream().map(Words::stem).toList();
    }

    /**
     * The content words of {@code text} before stemming, lower-cased, in order, repeats kept: for text that will be
     * read by {@link #of} again (a pattern built from a step), since stemming twice can take off more than once.
     */
    public static List<String> unstemmed(String text) {
        List<String> words = new ArrayList<>();
        for (String raw : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (raw.length() >= 3 && !STOP.contains(raw) && !raw.chars().allMatch(Character::isDigit)) {
                words.add(raw);
            }
        }
        return words;
    }

    /** A light suffix stripper: enough to join inflections of one word, never so much that two words merge. */
    static String stem(String word) {
        if (word.length() > 5 && word.endsWith("ies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.length() > 5 && word.endsWith("ing")) {
            return word.substring(0, word.length() - 3);
        }
        if (word.length() > 4 && word.endsWith("ed") && !word.endsWith("eed")) {
            return word.substring(0, word.length() - 2);
        }
        if (word.length() > 4
                && (word.endsWith("ches") || word.endsWith("shes") || word.endsWith("xes") || word.endsWith("sses"))) {
            return word.substring(0, word.length() - 2);
        }
        if (word.length() > 3
                && word.endsWith("s")
                && !word.endsWith("ss")
                && !word.endsWith("us")
                && !word.endsWith("is")) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }

    /** The distinct content words of {@code text}, in first-seen order. */
    public static Set<String> set(String text) {
        return new LinkedHashSet<>(of(text));
    }

    /** |a ∩ b| / |a ∪ b|; 0 when both are empty. */
    public static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 0;
        }
        int common = 0;
        for (String word : a) {
            common += b.contains(word) ? 1 : 0;
        }
        return (double) common / (a.size() + b.size() - common);
    }

    /** The share of {@code of}'s words that also appear in {@code in}; 0 when {@code of} is empty. */
    public static double coverage(Set<String> of, Set<String> in) {
        if (of.isEmpty()) {
            return 0;
        }
        int common = 0;
        for (String word : of) {
            common += in.contains(word) ? 1 : 0;
        }
        return (double) common / of.size();
    }
}
