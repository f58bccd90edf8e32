package org.tidl.reproduction;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tidl.reproduction.verify.Claim;

/** The catalogue: unique names and files, and the published claims all resolve against it. */
class ReproductionsTest {

    @Test
    void namesAndTableFilesAreUnique() {
        assertThat(Reproductions.names()).doesNotHaveDuplicates().startsWith("topologies", "fig1-left", "fig1-right", "fig2",
                "fig3", "rates", "study-regularity", "study-tracking");
        List<String> files = new ArrayList<>();
        for (Reproduction<?, ?> r : Reproductions.ALL) {
            r.tables().forEach(t -> files.add(t.file(r.name())));
            assertThat(r.deepLearning()).isEqualTo(r.dataset() != Dataset.NONE);
        }
        assertThat(files).doesNotHaveDuplicates().contains("fig3-kinks.csv", "fig6-fashion-summary.csv", "topologies.csv");
        assertThat(Reproductions.ALL.stream().filter(r -> !r.deepLearning()).count()).isEqualTo(8);
    }

    /** Every claim of the committed table names a figure, table and columns that exist. */
    @Test
    void thePublishedClaimsResolve() {
        List<Claim> claims = Claim.readAll(Path.of("../../results/published/claims.csv"));
        assertThat(claims).hasSizeGreaterThan(60);
        assertThat(claims).filteredOn(c -> c.measurement() instanceof Claim.Measured).hasSizeGreaterThan(60);
        assertThat(claims).filteredOn(c -> c.run() == Claim.Run.QUICK).allMatch(c -> c.figure().name().endsWith("-fashion"));
    }
}
