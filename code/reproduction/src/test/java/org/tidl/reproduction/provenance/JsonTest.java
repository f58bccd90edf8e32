package org.tidl.reproduction.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** The hand-written JSON is valid JSON that a standard parser reads back to the same values. */
class JsonTest {

    record Inner(double rate, int[] counts) { }

    record Outer(String name, List<Inner> inners, Map<String, Object> extra, Path file, Thread.State state) { }

    @Test
    void escapingAndStructureReadBackByAStandardParser() throws Exception {
        String nasty = "quote \" backslash \\ newline \n tab \t nul \u0000 bell \u0007 line-sep \u2028 é 漢";
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("nan", Double.NaN);
        extra.put("inf", Double.POSITIVE_INFINITY);
        extra.put("tiny", 1e-300);
        extra.put("big", Long.MAX_VALUE);
        extra.put("empty", List.of());
        extra.put("none", null);
        extra.put(nasty, true);
        Outer o = new Outer(nasty, List.of(new Inner(0.1, new int[] {1, 2}), new Inner(-2.5e-7, new int[0])), extra,
                Path.of("a", "b.csv"), Thread.State.RUNNABLE);
        String json = Json.write(o);
        assertThat(json).doesNotContain("\u0000", "\u0007", "\u2028").contains("\\u0000", "\\u0007", "\\u2028", "\\n", "\\\"");
        JsonNode n = new ObjectMapper().readTree(json);
        assertThat(n.get("name").asText()).isEqualTo(nasty);
        assertThat(n.get("inners").get(0).get("rate").asDouble()).isEqualTo(0.1);
        assertThat(n.get("inners").get(0).get("counts").get(1).asInt()).isEqualTo(2);
        assertThat(n.get("inners").get(1).get("rate").asDouble()).isEqualTo(-2.5e-7);
        assertThat(n.get("inners").get(1).get("counts").size()).isZero();
        assertThat(n.get("extra").get("nan").isNull()).isTrue();
        assertThat(n.get("extra").get("inf").isNull()).isTrue();
        assertThat(n.get("extra").get("tiny").asDouble()).isEqualTo(1e-300);
        assertThat(n.get("extra").get("big").asLong()).isEqualTo(Long.MAX_VALUE);
        assertThat(n.get("extra").get("none").isNull()).isTrue();
        assertThat(n.get("extra").get(nasty).asBoolean()).isTrue();
        assertThat(n.get("file").asText()).isEqualTo(Path.of("a", "b.csv").toString());
        assertThat(n.get("state").asText()).isEqualTo("RUNNABLE");
        // field order is the record's
        assertThat(json.indexOf("\"name\"")).isLessThan(json.indexOf("\"inners\"")).isLessThan(json.indexOf("\"extra\""));
    }
}
