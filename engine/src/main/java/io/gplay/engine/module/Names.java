package io.gplay.engine.module;

import java.util.Collection;

/** "Did you mean" suggestions by edit distance. */
public final class Names {
    private Names() {
    }

    /** The candidate nearest to {@code name}, or {@code null} when none is close enough to be a likely typo. */
    public static String closest(String name, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(name.toLowerCase(), c.toLowerCase());
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(2, name.length() / 3) ? best : null;
    }

    /** {@code " (did you mean 'x'?)"} for the closest candidate, or an empty text when none is close. */
    public static String didYouMean(String name, Collection<String> candidates) {
        String hint = closest(name, candidates);
        return hint == null ? "" : " (did you mean '" + hint + "'?)";
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
