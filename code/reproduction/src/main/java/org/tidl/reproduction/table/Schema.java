package org.tidl.reproduction.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The columns of a results table, in file order. Declared once per kind of table; tables are made from it. */
public record Schema(List<Column> columns) {

    public Schema {
        columns = List.copyOf(columns);
        for (int i = 0; i < columns.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (columns.get(i).name().equals(columns.get(j).name())) {
                    throw new IllegalArgumentException("column '" + columns.get(i).name() + "' declared twice");
                }
            }
        }
    }

    public static Schema of(Column... columns) {
        return new Schema(List.of(columns));
    }

    public List<String> names() {
        List<String> out = new ArrayList<>(columns.size());
        columns.forEach(c -> out.add(c.name()));
        return out;
    }

    public Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** A new, empty table of this schema. */
    public Table table() {
        return new Table(this);
    }
}
