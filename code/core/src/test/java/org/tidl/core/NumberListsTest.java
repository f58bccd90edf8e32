package org.tidl.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Numbers on the command line and in experiment files: ranges checked, overflow refused, empty lists refused. */
class NumberListsTest {

    @Test
    void wholeNumbersThatDoNotFitAreRefusedNotWrapped() {
        // (int) 4294967297L == 1: the old experiment reader ran 1 step
        assertThatThrownBy(() -> NumberLists.wholeInt("steps", "4294967297", 1, Integer.MAX_VALUE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("steps must be a whole number in [1, 2147483647], got '4294967297'");
        assertThatThrownBy(() -> NumberLists.whole("seed", "99999999999999999999", Long.MIN_VALUE, Long.MAX_VALUE))
                .hasMessageContaining("a whole number (64-bit)");
        assertThatThrownBy(() -> NumberLists.whole("n", "1.5", 0, 9)).hasMessageContaining("got '1.5'");
        assertThat(NumberLists.whole("n", " +7 ", 0, 9)).isEqualTo(7);
        assertThat(NumberLists.whole("n", "0", 0, Long.MAX_VALUE)).isZero();
    }

    @Test
    void emptyListsAreRefused() {
        for (String empty : new String[] {",", "", " , ", "1,", ",2"}) {
            assertThatThrownBy(() -> NumberLists.reals("--gamma", empty)).as(empty)
                    .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("--gamma must");
            assertThatThrownBy(() -> NumberLists.wholes("workers", empty, 1, 10)).as(empty)
                    .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("workers must");
        }
    }

    @Test
    void listsAreCheckedAgainstTheirRange() {
        assertThat(NumberLists.reals("--gamma", "0,0.5", 0, false, 1, true)).containsExactly(0.0, 0.5);
        assertThatThrownBy(() -> NumberLists.reals("--gamma", "0.5,1", 0, false, 1, true))
                .hasMessage("--gamma values must be a number in [0, 1), got 1");
        assertThatThrownBy(() -> NumberLists.reals("--lr", "NaN")).hasMessageContaining("--lr");
        assertThatThrownBy(() -> NumberLists.reals("x", "lin:0:1:1000000000")).hasMessageContaining("at most 100000 values");
    }

    @Test
    void wholeListsKeepEveryDigit() {
        // 2^53 + 1 does not survive a detour through double
        assertThat(NumberLists.wholes("seeds", "9007199254740993,-3", Long.MIN_VALUE, Long.MAX_VALUE))
                .containsExactly(9007199254740993L, -3L);
        assertThat(NumberLists.wholes("workers", "lin:8:32:4", 1, 100)).isEqualTo(List.of(8L, 16L, 24L, 32L));
        assertThatThrownBy(() -> NumberLists.wholes("workers", "4294967298", 1, Integer.MAX_VALUE))
                .hasMessage("workers values must be a whole number in [1, 2147483647], got 4294967298");
        assertThatThrownBy(() -> NumberLists.wholes("workers", "lin:1:2:3", 1, 10)).hasMessageContaining("whole numbers, got 1.5");
    }
}
