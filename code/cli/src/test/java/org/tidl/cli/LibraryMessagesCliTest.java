package org.tidl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tidl.cli.CliTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The libraries name parameters ("mode must be …", "use {fresh} to start over"); the CLI shows each as the
 * option that sets it, when the command has one, and exits 2 with one line.
 */
class LibraryMessagesCliTest {

    static void error(CliTest.Result r, String line) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("tidl: error: " + line + System.lineSeparator());
    }

    @Test
    void parametersTheLibrariesNameAreShownAsTheCommandsOptions(@TempDir Path tmp) throws Exception {
        error(run("neighbors", "--topology", "ring", "--workers", "4", "--gamma", "0.5", "--mode", "best"),
                "--mode must be mean or worst, got 'best'");
        error(run("rate", "--topology", "star", "--workers", "inf", "--lr", "0.1", "--zeta", "1"),
                "--workers inf: topology 'star' has no infinite version (available for: ring, solo, torus)");
        Path exp = ReliabilityCliTest.tinyExperiment(tmp);
        error(run("train", "--experiment", exp.toString(), "--set", "stesp=3"),
                "--set: unknown key 'stesp' (did you mean 'steps'? valid: name, description, dataset, data-dir, model, hidden,"
                        + " workers, topologies, learning-rates, seeds, optimizer, batch, steps, schedule, ema, evaluations,"
                        + " eval-train-examples, eval-test-examples, abort-test-loss, non-iid-alpha, split, augment,"
                        + " covariance-after, covariance-repetitions, covariance-steps, covariance-fraction,"
                        + " learning-rates@TOPOLOGY)");
        // a file's key is not an option of train: named as the key
        Files.writeString(exp, Files.readString(exp).replace("model = mlp", "model = vgg"));
        error(run("train", "--experiment", exp.toString()), "model must be mlp or vgg11, got 'vgg' (did you mean 'vgg11'?)");
        Path data = tmp.resolve("no-data");
        Files.writeString(exp, Files.readString(exp).replace("model = vgg", "model = mlp"));
        error(run("train", "--experiment", exp.toString(), "--data-dir", data.toString(), "--out", tmp.resolve("r").toString()),
                "data file " + data.resolve("train-images-idx3-ubyte.gz") + ": not found (install Debian's"
                        + " dataset-fashion-mnist (apt-get install dataset-fashion-mnist) or pass --data-dir)");
        // merge names train's option for the shards
        Files.createDirectories(tmp.resolve("shards"));
        error(run("merge", "--experiment", exp.toString(), "--shards", tmp.resolve("shards").toString(), "--out",
                tmp.resolve("r").toString()), "no shard folders tiny.shard-K-of-N in " + tmp.resolve("shards")
                + " (train --shard K/N writes them)");
    }
}
