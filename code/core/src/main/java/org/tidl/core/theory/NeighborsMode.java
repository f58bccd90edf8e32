package org.tidl.core.theory;

/** How per-worker variances are combined into n_W: their mean (Figs. 2, 5, 6) or the largest (Eq. 7 rates). */
public enum NeighborsMode {
    MEAN, WORST;

    public static NeighborsMode parse(String s) {
        return switch (s) {
            case "mean" -> MEAN;
            case "worst" -> WORST;
            default -> throw org.tidl.core.InvalidInputException.of("mode", "must be mean or worst, got '" + s + "'");
        };
    }

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
