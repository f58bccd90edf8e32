package org.tidl.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * "Did you mean" for a misspelled name (command, option, topology, optimizer, parameter): the one place that
 * decides which known names are close to what was typed.
 *
 * <p>A name is close when it equals the input ignoring case, when one is a prefix of the other (the shorter
 * of at least 3 characters: {@code --work} for {@code --workers}, {@code fully} for {@code fully-connected}),
 * or when few single-character edits turn one into the other (insert, delete, replace, swap two neighbours:
 * {@code rign} → {@code ring}, {@code tours} → {@code torus}). "Few" grows with the length: 1 for up to 4
 * characters, 2 up to 8, 3 beyond, so {@code star} is not offered for {@code solo}. Only the closest names
 * are offered (a prefix counts as many edits as letters it lacks).
 */
public final class Suggestions {

    /** The most names offered. */
    static final int MAX_SUGGESTIONS = 3;

    private Suggestions() {
    }

    /** The known names closest to {@code given} (all equally close, in the candidates' order), at most 3; empty when none is close. */
    public static List<String> closest(String given, Collection<String> candidates) {
        if (given == null || given.isBlank()) {
            return List.of();
        }
        String g = given.strip().toLowerCase(Locale.ROOT);
        record Scored(String name, int score, int order) { }
        List<Scored> close = new ArrayList<>();
        int order = 0;
        for (String c : candidates) {
            order++;
            String k = c.toLowerCase(Locale.ROOT);
            if (k.equals(g)) {
                return List.of(c); // only the case differs: nothing else is as close
            }
            int limit = allowedEdits(Math.max(g.length(), k.length()));
            int score = distance(g, k, limit);
            String shorter = k.length() < g.length() ? k : g;
            if (shorter.length() >= 3 && (k.startsWith(g) || g.startsWith(k))) {
                score = Math.min(score, k.length() - g.length() > 0 ? k.length() - g.length() : g.length() - k.length());
            } else if (score > limit) {
                continue;
            }
            close.add(new Scored(c, score, order));
        }
        if (close.isEmpty()) {
            return List.of();
        }
        // only the closest: 'dsgd-act' is a swap away from 'dsgd-atc', four letters away from 'dsgd'
        int best = close.stream().mapToInt(Scored::score).min().getAsInt();
        return close.stream().filter(s -> s.score() == best).sorted(Comparator.comparingInt(Scored::order))
                .limit(MAX_SUGGESTIONS).map(Scored::name).toList();
    }

    /**
     * {@code "did you mean 'ring'?"} ({@code "'a' or 'b'"} for several), with each name rendered by
     * {@code render}; empty when nothing is close.
     */
    public static String didYouMean(String given, Collection<String> candidates, Function<String, String> render) {
        List<String> close = closest(given, candidates);
        if (close.isEmpty()) {
            return "";
        }
        return "did you mean " + String.join(" or ", close.stream().map(render).toList()) + "?";
    }

    /** {@link #didYouMean} with names in single quotes, as the registries' messages quote them. */
    public static String didYouMean(String given, Collection<String> candidates) {
        return didYouMean(given, candidates, s -> "'" + s + "'");
    }

    static int allowedEdits(int length) {
        return length <= 4 ? 1 : length <= 8 ? 2 : 3;
    }

    /**
     * Optimal-string-alignment distance (Levenshtein plus swaps of neighbours), or {@code limit + 1} as soon
     * as it must exceed {@code limit} (a 120 000-character input costs nothing: the lengths alone rule it out).
     */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) {
            return limit + 1;
        }
        int n = a.length();
        int m = b.length();
        int[] prev2 = new int[m + 1];
        int[] prev = new int[m + 1];
        int[] cur = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, prev2[j - 2] + 1);
                }
                cur[j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
            int[] t = prev2;
            prev2 = prev;
            prev = cur;
            cur = t;
        }
        return Math.min(prev[m], limit + 1);
    }
}
