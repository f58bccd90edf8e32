package org.tidl.reproduction.table;

/**
 * A CSV a figure writes: {@code NAME + suffix + ".csv"} (e.g. figure fig3, suffix "-kinks": fig3-kinks.csv) with
 * its declared schema. A figure's outputs are known before it runs, so verify can resolve claims against them.
 */
public record TableOutput(String suffix, Schema schema) {

    public String file(String figure) {
        return figure + suffix + ".csv";
    }
}
