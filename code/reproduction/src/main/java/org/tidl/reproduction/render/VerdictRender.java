package org.tidl.reproduction.render;

import static org.tidl.reproduction.table.Column.number;
import static org.tidl.reproduction.table.Column.text;

import java.util.List;
import java.util.Locale;
import org.tidl.reproduction.table.Schema;
import org.tidl.reproduction.table.Table;
import org.tidl.reproduction.verify.Verifier;

/** verify's verdicts as text (one aligned line each) or as CSV. */
public final class VerdictRender {

    public static final Schema SCHEMA = Schema.of(text("id"), text("figure"), text("status"), number("measured"), text("detail"));

    private VerdictRender() {
    }

    public static String asText(List<Verifier.Verdict> verdicts) {
        StringBuilder sb = new StringBuilder();
        for (Verifier.Verdict v : verdicts) {
            sb.append(String.format(Locale.ROOT, "%-7s %-4s %-11s %s%n", v.status().label(), v.id(), v.figure(), v.detail()));
        }
        return sb.toString();
    }

    public static String asCsv(List<Verifier.Verdict> verdicts) {
        Table t = SCHEMA.table();
        for (Verifier.Verdict v : verdicts) {
            t.add(v.id(), v.figure(), v.status().label(), v.measured(), v.detail());
        }
        return t.render();
    }
}
