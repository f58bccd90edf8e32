package org.tidl.reproduction.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    /** parse reads back what write wrote: the same maps, lists, strings, numbers (whole ones as Long), booleans, nulls. */
    @Test
    void parseReadsBackWhatWriteWrote() {
        String nasty = "quote \" backslash \\ newline \n tab \t nul \u0000 line-sep \u2028 é 漢 \uD83D\uDE00";
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("s", nasty);
        in.put("whole", 42L);
        in.put("negative", -7L);
        in.put("big", Long.MAX_VALUE);
        in.put("rate", 0.1);
        in.put("tiny", -2.5e-300);
        in.put("flag", true);
        in.put("off", false);
        in.put("none", null);
        in.put("list", List.of(1L, 2.5, "x", List.of(), Map.of()));
        in.put("nested", Map.of("k", List.of(Map.of("deep", "v"))));
        in.put(nasty, "as a key");
        Object out = Json.parse(Json.write(in));
        assertThat(out).isEqualTo(in);
        // key order is the file's
        assertThat(List.copyOf(((Map<?, ?>) out).keySet())).isEqualTo(List.copyOf(in.keySet()));
        // a number too large for a long is a double; JSON's other escapes decode
        assertThat(Json.parse("[12345678901234567890, \"\\/\\b\\f\\u00e9\", 1E2, -0.5e-1]"))
                .isEqualTo(List.of(1.2345678901234567e19, "/\b\f\u00e9", 100.0, -0.05));
    }

    @Test
    void parseRefusesWhatIsNotJson() {
        for (String bad : new String[] {"", "{", "[1,]", "{\"a\" 1}", "{'a': 1}", "01", "1.", "-", "+1", ".5", "1e", "tru",
                "nul", "\"open", "\"\\x\"", "\"\\u12g4\"", "\"tab\tinside\"", "NaN", "[1] 2", "{\"a\":1,}", "[".repeat(300)}) {
            assertThatThrownBy(() -> Json.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("JSON offset ");
        }
    }
}
