package org.paperscout.search;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.search.BooleanClause.Occur;

/**
 * The operator layer of a search, split before any analysis: {@code "phrase"}, {@code +must}, {@code -exclude}
 * and {@code a | b}. Lucene's SimpleQueryParser reads {@code -x} as "everything but x" and ORs that with the
 * other words under our SHOULD default, so {@code memorization -diffusion} matched every paper; here an
 * exclusion is a clause of its own that removes every paper containing it.
 *
 * <p>Rules: {@code +} or {@code -} counts only at the start of a word or phrase ({@code state-of-the-art} is one
 * word); a lone operator or an unclosed quote is ignored. Words joined by {@code |} form one group that matches
 * when any of them does; the group is required when one of its words carries {@code +}. An excluded word is
 * excluded wherever it stands, also inside a group. Plain words and phrases are optional: at least one must
 * match unless something is required, and the more match the higher a paper ranks.
 */
final class QueryClauses {

    /**
     * One clause of the query: {@code texts} are alternatives (one word, or {@code "a phrase"} with its quotes),
     * {@code occur} says whether it is required, excluded or optional.
     */
    record Clause(Occur occur, List<String> texts) {
        Clause {
            texts = List.copyOf(texts);
        }
    }

    private record Item(String text, char prefix, boolean joinsPrevious) {
    }

    private QueryClauses() {
    }

    /** Splits already normalised text (no control characters, collapsed spaces) into clauses, in order. */
    static List<Clause> split(String normalised) {
        List<Clause> clauses = new ArrayList<>();
        List<Item> group = new ArrayList<>();
        for (Item item : items(normalised)) {
            if (!item.joinsPrevious()) {
                flush(group, clauses);
            }
            group.add(item);
        }
        flush(group, clauses);
        return clauses;
    }

    private static void flush(List<Item> group, List<Clause> out) {
        List<String> alternatives = new ArrayList<>();
        boolean required = false;
        for (Item item : group) {
            if (item.prefix() == '-') {
                out.add(new Clause(Occur.MUST_NOT, List.of(item.text())));
            } else {
                alternatives.add(item.text());
                required |= item.prefix() == '+';
            }
        }
        if (!alternatives.isEmpty()) {
            out.add(new Clause(required ? Occur.MUST : Occur.SHOULD, alternatives));
        }
        group.clear();
    }

    private static List<Item> items(String s) {
        List<Item> items = new ArrayList<>();
        boolean afterBar = false;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '|') {
                afterBar = !items.isEmpty();
                i++;
                continue;
            }
            char prefix = ' ';
            while (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                // "-+x" or "+-x": exclusion wins, the safer reading of a typo
                prefix = prefix == '-' || s.charAt(i) == '-' ? '-' : '+';
                i++;
            }
            int start = i;
            int end;
            String text;
            if (i < s.length() && s.charAt(i) == '"' && s.indexOf('"', i + 1) > i) {
                end = s.indexOf('"', i + 1) + 1;
                text = s.substring(start, end);
            } else {
                if (i < s.length() && s.charAt(i) == '"') {
                    start = ++i; // an unclosed quote is not an operator; the words after it still count
                }
                end = start;
                while (end < s.length() && !Character.isWhitespace(s.charAt(end)) && s.charAt(end) != '"'
                        && s.charAt(end) != '|') {
                    end++;
                }
                text = s.substring(start, end);
            }
            i = Math.max(end, i);
            if (!text.isEmpty() && !text.equals("\"\"")) {
                items.add(new Item(text, prefix, afterBar));
                afterBar = false;
            }
        }
        return items;
    }
}
