package org.tidl.reproduction.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidl.core.InvalidInputException;
import org.tidl.reproduction.render.TopologiesRender;
import org.tidl.reproduction.render.Fig3Render;

/**
 * Claims resolved against the declared schemas when read, and judged against the run that answers them: the full
 * run's folder, the quick run's, or either; a figure that ran but lacks its table is UNRESOLVED, one never run NOT-RUN.
 */
class VerifierTest {

    static final String HEADER = "id,figure,statement,expected,tolerance,measured_by,known_discrepancy,run\n";

    static List<Claim> claims(Path dir, String rows) throws Exception {
        return Claim.readAll(Files.writeString(dir.resolve("claims.csv"), HEADER + rows));
    }

    static void topologies(Path folder, double starGap) throws Exception {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("topologies.csv"), String.join(",", TopologiesRender.TABLE.schema().names())
                + "\nStar,star,32," + starGap + ",1,2,3\n");
    }

    @Test
    void claimsAreResolvedAgainstTheDeclaredTablesWhenRead(@TempDir Path dir) throws Exception {
        Claim c = claims(dir, "1,topologies,s,0.03125,0.0005,value|topologies.csv|spectral_gap|topology=Star,,either\n").get(0);
        Claim.Measured m = (Claim.Measured) c.measurement();
        assertThat(m.table()).isEqualTo(TopologiesRender.TABLE);
        assertThat(m.column()).isEqualTo(TopologiesRender.TABLE.schema().column("spectral_gap").orElseThrow());
        assertThat(m.filters()).extracting(f -> f.column().name()).containsExactly("topology");
        assertThat(c.run()).isEqualTo(Claim.Run.EITHER);
        assertThat(claims(dir, "1,fig3,s,0.1,5%,value|fig3-kinks.csv|kink_eta|topology=Ring,,\n").get(0).run())
                .isEqualTo(Claim.Run.FULL);
        assertThat(((Claim.Measured) claims(dir, "1,fig3,s,0.1,5%,slope:n_w|fig3.csv|eta_noise|topology=Ring,,\n").get(0)
                .measurement()).other().name()).isEqualTo("n_w");
        String[][] bad = {
            {"value|topologies.csv|spectral_gapp|topology=Star,,", "topologies.csv has no column 'spectral_gapp' (its columns: topology, spec,"},
            {"value|topologies.csv|spectral_gap|topolgy=Star,,", "topologies.csv has no column 'topolgy'"},
            {"argmin:lr|topologies.csv|spectral_gap|,,", "topologies.csv has no column 'lr'"},
            {"value|topologies.csv|spec|topology=Star,,", "column 'spec' of topologies.csv holds text, not numbers"},
            {"value|fig2.csv|n_w|,,", "figure topologies writes no table 'fig2.csv' (it writes topologies.csv)"},
            {"value|topologies.csv|spectral_gap|,,sometimes", "run 'sometimes' is not full, quick or either"},
        };
        for (String[] b : bad) {
            assertThatThrownBy(() -> claims(dir, "1,topologies,s,1,0.1," + b[0] + "\n")).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("claims.csv line 2 (claim 1): " + b[1]);
        }
        assertThat(Fig3Render.KINKS.file("fig3")).isEqualTo("fig3-kinks.csv");
    }

    @Test
    void eachClaimReadsTheRunThatAnswersIt(@TempDir Path dir) throws Exception {
        Path results = dir.resolve("results");
        topologies(results.resolve("quick"), 0.03125);
        List<Claim> cs = claims(dir, "e,topologies,s,0.03125,0.0005,value|topologies.csv|spectral_gap|topology=Star,,either\n"
                + "f,topologies,s,0.03125,0.0005,value|topologies.csv|spectral_gap|topology=Star,,full\n"
                + "q,topologies,s,0.03125,0.0005,value|topologies.csv|spectral_gap|topology=Star,,quick\n");
        Verifier v = new Verifier(results, " --out R");
        Verifier.Verdict either = v.judge(cs.get(0));
        assertThat(either.status()).isEqualTo(Verifier.Status.PASS);
        assertThat(either.detail()).endsWith("measured 0.03125 (quick run)");
        Verifier.Verdict full = v.judge(cs.get(1));
        assertThat(full.status()).isEqualTo(Verifier.Status.NOT_RUN);
        assertThat(full.notRun()).isEqualTo(Verifier.NotRunCause.NEVER_PRODUCED);
        assertThat(full.detail()).contains(results.resolve("topologies.csv") + " not produced yet (run ./tidl reproduce --figure topologies --out R)");
        assertThat(v.judge(cs.get(2)).status()).isEqualTo(Verifier.Status.PASS);
        // once the full run exists, "either" and "full" read it (here it disagrees with the paper)
        topologies(results, 0.5);
        Verifier again = new Verifier(results, "");
        assertThat(again.judge(cs.get(0)).status()).isEqualTo(Verifier.Status.FAIL);
        assertThat(again.judge(cs.get(0)).detail()).doesNotContain("quick run");
        assertThat(again.judge(cs.get(1)).status()).isEqualTo(Verifier.Status.FAIL);
        assertThat(again.judge(cs.get(2)).status()).isEqualTo(Verifier.Status.PASS);
        assertThat(again.filesRead()).containsExactly(results.resolve("topologies.csv"), results.resolve("quick/topologies.csv"));
    }

    /** A table missing where the figure's provenance says it ran is UNRESOLVED; with no record it was never run. */
    @Test
    void aFigureThatRanWithoutItsTableIsUnresolved(@TempDir Path dir) throws Exception {
        Path results = Files.createDirectories(dir.resolve("results"));
        Claim c = claims(dir, "1,topologies,s,0.03125,0.0005,value|topologies.csv|spectral_gap|topology=Star,,either\n").get(0);
        assertThat(new Verifier(results, "").judge(c).status()).isEqualTo(Verifier.Status.NOT_RUN);
        Files.createDirectories(results.resolve("quick"));
        Files.writeString(results.resolve("quick/topologies.provenance.json"), "{}\n");
        Verifier.Verdict v = new Verifier(results, "").judge(c);
        assertThat(v.status()).isEqualTo(Verifier.Status.UNRESOLVED);
        assertThat(v.notRun()).isNull();
        assertThat(v.detail()).contains(results.resolve("quick/topologies.csv") + " is missing, though "
                + results.resolve("quick/topologies.provenance.json") + " records a run of topologies there");
        // the full run is looked at first: when it ran but lost its table, the quick run's table does not stand in
        topologies(results.resolve("quick"), 0.03125);
        assertThat(new Verifier(results, "").judge(c).status()).isEqualTo(Verifier.Status.PASS);
        Files.writeString(results.resolve("topologies.provenance.json"), "{}\n");
        assertThat(new Verifier(results, "").judge(c).detail()).contains(results.resolve("topologies.csv") + " is missing");
    }

    @Test
    void protocolClaimsAreNotRunWithTheirNote(@TempDir Path dir) throws Exception {
        Claim c = claims(dir, "26,fig5,Covariance protocol,,,dl|fig5|protocol claim: runs exactly this,,\n").get(0);
        Verifier.Verdict v = new Verifier(dir, "").judge(c);
        assertThat(v.status()).isEqualTo(Verifier.Status.NOT_RUN);
        assertThat(v.notRun()).isEqualTo(Verifier.NotRunCause.PROTOCOL_ONLY);
        assertThat(v.detail()).isEqualTo("Covariance protocol: protocol claim: runs exactly this");
        assertThat(v.status().label()).isEqualTo("NOT-RUN");
    }
}
