package org.tidl.reproduction.dl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidl.core.InvalidInputException;

/** The trainer's tables read by column name: extra columns ignored, failed cells set apart, defects named. */
public class TrainingLogTest {

    /** The trainer's columns, then ones it may add later (error: a cell that failed every attempt). */
    public static final String RUNS_HEADER = "cell,experiment,dataset,model,workers,topology,optimizer,learning_rate,seed,batch,steps,"
            + "schedule,ema,split,evaluated_worker,steps_done,diverged,train_loss,train_accuracy,test_loss,test_accuracy,"
            + "consensus_distance,error,wall_seconds,future_column\n";

    @Test
    void failedCellsAreLeftOutAndListedAndExtraColumnsIgnored(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(TrainingLog.RUNS), RUNS_HEADER
                + "0,x,fashion-mnist,mlp,16,ring,dsgd-atc,0.25,1,16,200,constant,0.95,iid,13,200,false,0.42,0.85,0.45,0.84,0.01,,9.5,a\n"
                + "1,x,fashion-mnist,mlp,16,ring,dsgd-atc,0.5,1,16,200,constant,0.95,iid,13,,,,,,,,\"java.lang.OutOfMemoryError: heap, twice\",3,b\n"
                + "2,x,fashion-mnist,mlp,16,ring,dsgd-atc,1,1,16,200,constant,0.95,iid,13,50,true,,,,,,,2.1,c\n");
        TrainingLog.Cells cells = TrainingLog.cells(dir);
        assertThat(cells.finished()).extracting(TrainingLog.Run::cell).containsExactly(0, 2);
        TrainingLog.Run ok = cells.finished().get(0);
        assertThat(ok.learningRate()).isEqualTo(0.25);
        assertThat(ok.trainLoss()).isEqualTo(0.42);
        assertThat(ok.testAccuracy()).isEqualTo(0.84);
        assertThat(cells.finished().get(1).diverged()).isTrue();
        assertThat(cells.finished().get(1).trainLoss()).isNaN(); // an empty cell is no value
        assertThat(cells.failed()).hasSize(1);
        TrainingLog.Failed failed = cells.failed().get(0);
        assertThat(failed.cell()).isEqualTo(1);
        assertThat(failed.learningRate()).isEqualTo(0.5);
        assertThat(failed.error()).isEqualTo("java.lang.OutOfMemoryError: heap, twice");
        // the figures' reader: finished cells only (a failed row used to stop it with a NumberFormatException)
        assertThat(TrainingLog.runs(dir)).isEqualTo(cells.finished());
    }

    @Test
    void evaluationsCarryTrainAndTestLossAndAccuracy(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(TrainingLog.EVALUATIONS), "cell,topology,workers,learning_rate,seed,step,mean_minibatch_loss,"
                + "train_loss,train_accuracy,test_loss,test_accuracy,consensus_distance,extra\n"
                + "0,ring,16,0.25,1,50,1.6,1.8,0.57,1.85,0.58,0.004,z\n"
                + "0,ring,16,0.25,1,100,1.3,1.4,0.67,,,0.007,z\n");
        List<TrainingLog.Evaluation> e = TrainingLog.evaluations(dir);
        assertThat(e).containsExactly(new TrainingLog.Evaluation(0, 50, 1.8, 0.57, 1.85, 0.58),
                new TrainingLog.Evaluation(0, 100, 1.4, 0.67, Double.NaN, Double.NaN));
    }

    @Test
    void aMissingColumnOrANonNumberIsNamed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(TrainingLog.RUNS), "cell,optimizer,topology,workers,learning_rate,seed,steps,diverged\n"
                + "0,dsgd-atc,ring,16,0.25,1,200,false\n");
        assertThatThrownBy(() -> TrainingLog.runs(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(TrainingLog.RUNS).hasMessageContaining("no column 'train_loss'");
        Files.writeString(dir.resolve(TrainingLog.RUNS), RUNS_HEADER
                + "0,x,fashion-mnist,mlp,16,ring,dsgd-atc,fast,1,16,200,constant,0.95,iid,13,200,false,0.42,0.85,0.45,0.84,0.01,,9.5,a\n");
        assertThatThrownBy(() -> TrainingLog.runs(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("row 1, column 'learning_rate': 'fast' is not a number");
        assertThatThrownBy(() -> TrainingLog.evaluations(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(TrainingLog.EVALUATIONS + " not found");
    }
}
