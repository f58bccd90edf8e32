package org.tidl.core.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidl.api.GossipMatrix;
import org.tidl.api.GossipScheme;
import org.tidl.core.InvalidInputException;
import org.tidl.core.TopologyRegistry;

/** W as text: the dense form reads back through {@code matrix:file=} as the same doubles; the period's entries. */
class MatrixTextTest {

    @Test
    void theDenseFormReadsBackAsTheSameMatrix(@TempDir Path tmp) throws Exception {
        GossipMatrix w = TopologyRegistry.builtIn().build("chain", 5).scheme().matrix(0);
        Path file = tmp.resolve("w.csv");
        Files.writeString(file, MatrixText.dense(w));
        GossipMatrix back = TopologyRegistry.builtIn().build("matrix:file=" + file, 5).scheme().matrix(0);
        assertThat(back.toDense()).isDeepEqualTo(w.toDense());
        assertThat(MatrixText.dense(w).lines().findFirst()).hasValue(
                MatrixText.exact(w.get(0, 0)) + "," + MatrixText.exact(w.get(0, 1)) + ",0,0,0");
    }

    @Test
    void exactDecimalsAreWholeWhenWholeAndRoundTripOtherwise() {
        assertThat(MatrixText.exact(1)).isEqualTo("1");
        assertThat(MatrixText.exact(0.5)).isEqualTo("0.5");
        assertThat(MatrixText.exact(1e-20)).isEqualTo("1.0e-20");
        assertThat(Double.parseDouble(MatrixText.exact(1.0 / 3))).isEqualTo(1.0 / 3);
    }

    @Test
    void entriesListEachStepsNonZerosUpToALimit() {
        GossipScheme s = TopologyRegistry.builtIn().build("time-varying-exponential", 4).scheme(); // period 2
        String text = MatrixText.entries(s, 100);
        assertThat(text.lines().findFirst()).hasValue("step,row,column,weight");
        assertThat(text.lines().count()).isEqualTo(1 + s.matrix(0).nonZeros() + s.matrix(1).nonZeros());
        assertThat(text).contains("\n0,0,1,0.5\n").contains("\n1,0,2,0.5\n");
        assertThatThrownBy(() -> MatrixText.entries(s, 3)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("more than the 3 printed");
    }
}
