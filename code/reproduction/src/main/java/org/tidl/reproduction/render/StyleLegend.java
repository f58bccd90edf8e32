package org.tidl.reproduction.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A legend of "colour = curve, style = source" for charts that draw each curve several ways (ours solid, the paper
 * dashed, simulation as points): one entry per colour and one per style, instead of one per series. A series drawn
 * exactly under another of its colour cannot be seen, so its style is listed only where some series of that style
 * can be seen, and a note says once where it coincides ("the paper (dashed) coincides with Eq. 7 for Alone and Fully
 * connected"). What the legend lists is what the picture shows.
 */
final class StyleLegend {

    private record StyleEntry(String label, List<String> visible, List<String> hidden) { }

    private final Chart chart;
    private final List<Chart.Key> colours = new ArrayList<>();
    private final Map<Chart.Style, StyleEntry> styles = new LinkedHashMap<>();

    StyleLegend(Chart chart) {
        this.chart = chart;
    }

    /** A colour's entry (a curve, a topology), in legend order. */
    StyleLegend colour(String label, int color) {
        colours.add(Chart.Key.colour(label, color));
        return this;
    }

    /** A style's entry ("Eq. 7", "the paper (digitised)"), in legend order; listed once a series of it is visible. */
    StyleLegend style(Chart.Style style, String label) {
        styles.put(style, new StyleEntry(label, new ArrayList<>(), new ArrayList<>()));
        return this;
    }

    /**
     * Adds the series to the chart and records whether it can be seen.
     *
     * @param group the curve it belongs to, as the note names it
     * @param under the series it may be hidden under (an index of the chart), or −1 when it is drawn in its own right
     */
    StyleLegend series(String group, double[] x, double[] y, int color, Chart.Style style, int under) {
        int k = chart.size();
        chart.add(group, x, y, color, style);
        record(group, style, under, k);
        return this;
    }

    StyleLegend series(String group, List<double[]> points, int color, Chart.Style style, int under) {
        int k = chart.size();
        chart.add(group, points, color, style);
        record(group, style, under, k);
        return this;
    }

    /** The curves whose series of this style can be seen. */
    List<String> visible(Chart.Style style) {
        return List.copyOf(styles.get(style).visible());
    }

    private void record(String group, Chart.Style style, int under, int k) {
        StyleEntry e = styles.get(style);
        if (e == null) {
            throw new IllegalArgumentException("no legend entry declared for style " + style);
        }
        if (!chart.drawable(k)) {
            return; // shows nothing: neither listed nor said to be hidden
        }
        (under >= 0 && chart.hides(under, k) ? e.hidden() : e.visible()).add(group);
    }

    /**
     * Sets the chart's legend and adds a note on the hidden series, e.g. "Dotted and dashed coincide with Eq. 7 for
     * Alone and Fully connected (drawn under it)".
     *
     * @param underName what the hidden series are drawn under, e.g. "Eq. 7"
     */
    void apply(String underName) {
        List<Chart.Key> keys = new ArrayList<>(colours);
        Map<String, List<String>> hiddenBy = new LinkedHashMap<>(); // "for Alone and Ring" → the styles hidden there
        for (Map.Entry<Chart.Style, StyleEntry> s : styles.entrySet()) {
            StyleEntry e = s.getValue();
            boolean listed = !e.visible().isEmpty();
            if (listed) {
                keys.add(Chart.Key.style(e.label(), s.getKey()));
            }
            if (!e.hidden().isEmpty()) {
                // a listed style is named by its look; one the legend leaves out also by what it is
                String what = listed ? styleWord(s.getKey()) : styleWord(s.getKey()) + " (" + e.label() + ")";
                hiddenBy.computeIfAbsent(listed ? "for " + list(e.hidden()) : "for every curve", k -> new ArrayList<>()).add(what);
            }
        }
        if (hiddenBy.isEmpty() && keys.size() == colours.size() + 1) {
            keys.remove(keys.size() - 1); // one style, nothing hidden: the legend's colours say it all
        }
        chart.key(keys);
        List<String> notes = new ArrayList<>();
        for (Map.Entry<String, List<String>> h : hiddenBy.entrySet()) {
            notes.add(list(h.getValue()) + (h.getValue().size() > 1 ? " coincide" : " coincides") + " with " + underName + " "
                    + h.getKey());
        }
        if (!notes.isEmpty()) {
            String text = String.join("; ", notes) + " (drawn under it).";
            chart.note(Character.toUpperCase(text.charAt(0)) + text.substring(1));
        }
    }

    private static String styleWord(Chart.Style s) {
        return switch (s) {
            case SOLID -> "solid";
            case DASHED -> "dashed";
            case DOTTED -> "dotted";
            case POINTS, OPEN_MARKS, LINE_POINTS -> "points";
            case CROSSES -> "crosses";
        };
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** "A", "A and B", "A, B and C". */
    static String list(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
