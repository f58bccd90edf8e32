package org.tidl.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tidl.core.theory.NeighborsMode;

/** Library failures name parameters, never a front end's flags; a front end names them its own way. */
class InvalidInputExceptionTest {

    @Test
    void aBadParameterIsNamedPlainlyAndAFrontEndShowsItsOwnName() {
        InvalidInputException e = InvalidInputException.of("gamma", "must be in [0, 1), got 1.5");
        assertThat(e).hasMessage("gamma must be in [0, 1), got 1.5");
        assertThat(e.parameter()).isEqualTo("gamma");
        assertThat(e.naming(p -> "--" + p)).hasMessage("--gamma must be in [0, 1), got 1.5");
        // a problem starting with ':' follows the name; further parameters are written {name}
        InvalidInputException r = InvalidInputException.of("resume", ": settings differ; use {fresh} to start over", "fresh");
        assertThat(r).hasMessage("resume: settings differ; use fresh to start over");
        assertThat(r.naming(p -> p.equals("fresh") ? "--fresh" : p)).hasMessage("resume: settings differ; use --fresh to start over");
        // braces that name no listed parameter stay as they are
        InvalidInputException m = InvalidInputException.mentioning("x {y} {fresh}", "fresh");
        assertThat(m).hasMessage("x {y} fresh");
        assertThat(m.parameter()).isNull();
        // a plain message is left alone
        InvalidInputException plain = new InvalidInputException("no --such thing");
        assertThat(plain.naming(p -> "??")).isSameAs(plain);
    }

    @Test
    void theLibrariesNameParametersWithoutCommandLineWording() {
        assertThatThrownBy(() -> NeighborsMode.parse("best")).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e).hasMessage("mode must be mean or worst, got 'best'");
            assertThat(e.parameter()).isEqualTo("mode");
        });
        assertThatThrownBy(() -> TopologyRegistry.builtIn().build("ring", 0)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e).hasMessage("workers must be >= 1, got 0"));
    }
}
