package dev.wgsim.scenario.yaml;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean" suggestions by edit distance, for unknown keys and misspelled names. */
public final class Suggest {
    private Suggest() {
    }

    /** The closest candidate within a distance that still looks like a typo, if any. */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String w = word.toLowerCase(java.util.Locale.ROOT);
        for (String c : candidates) {
            String lc = c.toLowerCase(java.util.Locale.ROOT);
            // A word that extends or shortens a candidate ("roaming" for "roam") is a near miss too.
            int d = (lc.length() >= 3 && w.startsWith(lc)) || (w.length() >= 3 && lc.startsWith(w)) ? 1 : distance(w, lc);
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        int allowed = Math.max(2, word.length() / 3);
        return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** The fix sentence for an unknown word: a suggestion if one is close, else the list of choices. */
    public static String fixFor(String word, Collection<String> candidates, String what) {
        if (candidates.isEmpty()) {
            return "There are no " + what + ".";
        }
        return closest(word, candidates)
                .map(s -> "Did you mean '" + s + "'?")
                .orElseGet(() -> "Use one of the known " + what + ": " + list(candidates) + ".");
    }

    /** At most 10 of the choices, so a file with 100,000 nodes still gets a one-line message. */
    private static String list(Collection<String> candidates) {
        if (candidates.size() <= 10) {
            return String.join(", ", candidates);
        }
        return String.join(", ", candidates.stream().limit(10).toList()) + ", ... (" + candidates.size() + " in all)";
    }

    /** Damerau-Levenshtein (optimal string alignment) distance: a swapped pair counts once. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
