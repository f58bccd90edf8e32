package org.tidl.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.tidl.core.OptimizerRegistry;
import org.tidl.core.TopologyRegistry;
import org.tidl.core.io.CsvReader;
import org.tidl.dl.data.Images;
import org.tidl.dl.experiment.Experiment;
import org.tidl.dl.experiment.Sweep;
import org.tidl.dl.experiment.Trainer;

/**
 * Opt-in ({@code mvn -B verify -Dtidl.localCluster=true}): Spark's {@code local-cluster[2,1,2048]} mode, a
 * standalone master and two workers in this JVM and executors in JVMs of their own, so data files travel
 * through Spark's file server and results are serialized back as on a real cluster. One executor JVM is
 * killed (halt) in the middle of a cell: Spark replaces it and reruns the cell, and the rows equal the local
 * engine's. About a minute: executor JVMs start slowly.
 */
@EnabledIfSystemProperty(named = "tidl.localCluster", matches = "true")
class SparkLocalClusterTest {

    @Test
    void twoExecutorJvmsOneKilledMidCellGiveTheLocalEnginesRows(@TempDir Path a, @TempDir Path b) throws IOException {
        Experiment x = SparkEngineTest.experiment();
        Images[] data = Trainer.load(x, null);
        Path local = Sweep.run(x, a, new Sweep.Options(false, false, null),
                new Trainer(x, TopologyRegistry.builtIn(), OptimizerRegistry.builtIn(), data[0], data[1]), new Sweep.Listener() { });
        // executors get this JVM's class path (spark.testing) and Spark's module options
        System.setProperty("spark.testing", "true");
        // a Spark home without jars: the executors take their classes from this JVM's class path instead
        Files.createDirectories(b.resolve("spark-home").resolve("jars"));
        System.setProperty("spark.test.home", b.resolve("spark-home").toString());
        SparkConf conf = new SparkConf().setMaster("local-cluster[2,1,2048]").setAppName("tidl-local-cluster")
                .set("spark.ui.enabled", "false").set("spark.executor.memory", "1g")
                .set("spark.executor.extraJavaOptions", System.getProperty("tidl.sparkJavaOptions", "")
                        + " -Dorg.bytedeco.javacpp.maxbytes=1g -Dorg.bytedeco.javacpp.maxphysicalbytes=3g")
                .setExecutorEnv("OMP_NUM_THREADS", "1");
        Path marker = b.resolve("killed-once");
        String markerFile = marker.toString(); // the fault travels to the executors: only serializable captures
        Faults killOnce = (cell, attempt, step) -> {
            if (cell == 5 && step == 4) {
                try {
                    // the first time only, whatever the attempt number (an executor loss may not count as a failure)
                    Files.createFile(Path.of(markerFile));
                } catch (IOException alreadyKilled) {
                    return;
                }
                Runtime.getRuntime().halt(137); // the executor JVM dies in the middle of the cell
            }
        };
        JavaSparkContext sc = new JavaSparkContext(conf);
        List<String> failures = new java.util.ArrayList<>();
        Path spark;
        try (SparkEngine engine = new SparkEngine(SparkEngineTest.settings(x), sc, killOnce)) {
            spark = Sweep.run(x, b, new Sweep.Options(false, false, null), engine, new Sweep.Listener() {
                @Override
                public void cellFailed(Experiment.Cell cell, String error, Sweep.Status status) {
                    failures.add(cell.index() + ": " + error);
                }
            });
        } finally {
            sc.stop();
            System.clearProperty("spark.testing");
            System.clearProperty("spark.test.home");
        }
        assertThat(marker).as("an executor was killed").exists();
        assertThat(failures).isEmpty();
        assertThat(CsvReader.read(spark.resolve("runs.csv"))).hasSize(8);
        assertThat(SparkEngineTest.tables(spark)).isEqualTo(SparkEngineTest.tables(local));
        assertThat(Files.readString(spark.resolve("environment.txt"))).contains("OMP_NUM_THREADS = 1");
    }
}
