package org.tidl.reproduction.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tidl.reproduction.table.Column.number;
import static org.tidl.reproduction.table.Column.text;

import org.junit.jupiter.api.Test;

/** A table checks its rows against its schema, and writes them as the core CSV writer does. */
class TableTest {

    static final Schema SCHEMA = Schema.of(text("topology"), number("gap"), number("workers"));

    @Test
    void rowsAreWrittenInColumnOrderAsCsv() {
        Table t = SCHEMA.table().add("Torus (4x8), circulant", 0.5, 32).add("Ring", null, 8).add("Inf", Double.POSITIVE_INFINITY, 1);
        assertThat(t.render()).isEqualTo("topology,gap,workers\n\"Torus (4x8), circulant\",0.5,32\nRing,,8\nInf,inf,1\n");
        assertThat(t.size()).isEqualTo(3);
    }

    @Test
    void aRowOfTheWrongShapeOrKindIsRefused() {
        assertThatThrownBy(() -> SCHEMA.table().add("Ring", 0.5)).hasMessageContaining("row has 2 cells, schema 3");
        assertThatThrownBy(() -> SCHEMA.table().add("Ring", "0.5", 32)).hasMessageContaining("column 'gap' holds numbers");
        assertThatThrownBy(() -> Schema.of(text("a"), number("a"))).hasMessageContaining("column 'a' declared twice");
    }

    @Test
    void aTableOutputIsNamedAfterItsFigure() {
        assertThat(new TableOutput("-kinks", SCHEMA).file("fig3")).isEqualTo("fig3-kinks.csv");
        assertThat(SCHEMA.column("gap")).contains(number("gap"));
        assertThat(SCHEMA.column("nope")).isEmpty();
    }
}
