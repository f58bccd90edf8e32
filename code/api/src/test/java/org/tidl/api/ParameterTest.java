package org.tidl.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What {@code ./tidl list} and the error messages say a parameter allows. */
class ParameterTest {

    @Test
    void aTypeLimitIsNotShownAsARange() {
        assertThat(Parameter.integer("rows", 0, 0, Integer.MAX_VALUE, "").allowed()).isEqualTo("integer >= 0");
        assertThat(Parameter.integer("seed", 1, 0, Long.MAX_VALUE, "").allowed()).isEqualTo("integer >= 0");
        assertThat(Parameter.real("lr", 0.1, 0, Double.MAX_VALUE, false, "").allowed()).isEqualTo("real >= 0");
        assertThat(Parameter.real("x", 0.1, 0, Double.POSITIVE_INFINITY, false, "").allowed()).isEqualTo("real >= 0");
        // real bounds stay
        assertThat(Parameter.integer("degree", 3, 3, 1_000_000, "").allowed()).isEqualTo("integer in [3, 1000000]");
        assertThat(Parameter.real("momentum", 0.0, 0, 1, true, "").allowed()).isEqualTo("real in [0, 1)");
        assertThat(Parameter.integerList("offsets", null, 1, "").allowed()).isEqualTo("comma-separated integers, each >= 1");
    }

    @Test
    void theTypeLimitIsStillCheckedAndNamedInTheError() {
        Parameter rows = Parameter.integer("rows", 0, 0, Integer.MAX_VALUE, "");
        assertThat(rows.parse("2147483647")).isEqualTo("2147483647");
        assertThatThrownBy(() -> rows.parse("2147483648"))
                .hasMessage("parameter 'rows' must be integer >= 0 (at most 2147483647), got '2147483648'");
        Parameter lr = Parameter.real("lr", 0.1, 0, Double.MAX_VALUE, false, "");
        assertThatThrownBy(() -> lr.parse("-1")).hasMessage("parameter 'lr' must be real >= 0, got '-1'");
    }
}
