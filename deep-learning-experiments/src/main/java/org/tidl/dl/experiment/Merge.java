package org.tidl.dl.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tidl.core.InvalidInputException;
import org.tidl.core.io.Csv;

/**
 * Combines the shard folders {@code NAME.shard-K-of-N} of one experiment (see {@link Shard}) into the results
 * folder {@code NAME}, as one unsharded run would have written it (rows in cell order). Refuses shards of
 * other settings or environments, a missing shard, a shard still running (its lock), and rows of cells that
 * are not the shard's. Cells a shard did not finish stay undone: {@code train --resume} on the merged folder
 * runs them.
 */
public final class Merge {

    /** What was merged: the folder, the shards, the cells of the grid and how many of them are done. */
    public record Result(Path dir, int shards, int cells, int done) {
    }

    private Merge() {
    }

    public static Result run(Experiment x, Path resultsRoot, Path shardsRoot, boolean fresh, Consumer<String> warnings) {
        TreeMap<Integer, Path> shards = find(x, shardsRoot);
        int n = shards.isEmpty() ? 0 : shardCount(shards.firstEntry().getValue());
        List<FolderLock> locks = new ArrayList<>();
        try {
            RunEnvironment first = null;
            String firstName = null;
            List<RunLog.State> states = new ArrayList<>();
            for (var e : shards.entrySet()) {
                Path dir = e.getValue();
                locks.add(FolderLock.acquire(dir));
                String name = dir.getFileName().toString();
                String stored = RunLog.read(dir.resolve(RunLog.SETTINGS));
                if (!stored.equals(x.resolved())) {
                    throw new InvalidInputException(dir + " was run with other settings than the experiment ("
                            + RunLog.firstDifferenceOf(stored, x.resolved()) + "); merge only the shards of one experiment");
                }
                Path envFile = dir.resolve(RunEnvironment.FILE);
                if (!Files.exists(envFile)) {
                    throw new InvalidInputException(envFile + " is missing: not a shard written by train --shard");
                }
                RunEnvironment env = RunEnvironment.parse(RunLog.read(envFile), envFile.toString());
                Shard shard = new Shard(e.getKey(), n);
                if (!shard.toString().equals(env.checked().get("shard"))) {
                    throw new InvalidInputException(envFile + " says shard '" + env.checked().get("shard")
                            + "', but the folder is named for shard " + shard);
                }
                env = env.without("shard");
                if (first == null) {
                    first = env;
                    firstName = name;
                } else {
                    String diff = first.difference(env, "in " + firstName, "in " + name);
                    if (diff != null) {
                        throw new InvalidInputException("the shards were computed in different environments: " + diff);
                    }
                }
                RunLog.State s = RunLog.State.read(dir, x, warnings);
                for (RunLog.Table t : new RunLog.Table[] {s.runs, s.evaluations, s.covariances}) {
                    for (RunLog.Row r : t.rows) {
                        if (r.cell() % n != shard.index()) {
                            throw new InvalidInputException(t.file + " line " + r.line() + ": cell " + r.cell()
                                    + " does not belong to shard " + shard + " (cells with index = " + shard.index()
                                    + " mod " + n + ")");
                        }
                    }
                }
                states.add(s);
            }
            Path target = resultsRoot.resolve(x.name());
            locks.add(FolderLock.acquire(target));
            if (Files.exists(RunLog.runs(target)) && !fresh) {
                throw new InvalidInputException(RunLog.runs(target) + " exists: pass --fresh to replace it with the merged shards");
            }
            Csv.writeAtomically(target.resolve(RunLog.SETTINGS), x.resolved());
            Csv.writeAtomically(target.resolve(RunEnvironment.FILE), first.render());
            Csv.writeAtomically(RunLog.evaluations(target), merged(RunLog.EVALUATIONS, states, s -> s.evaluations));
            Csv.writeAtomically(RunLog.covariances(target), merged(RunLog.COVARIANCES, states, s -> s.covariances));
            Csv.writeAtomically(RunLog.runs(target), merged(RunLog.RUNS, states, s -> s.runs)); // last, as always
            int done = 0;
            for (RunLog.State s : states) {
                done += s.done.size();
            }
            return new Result(target, n, x.cells().size(), done);
        } finally {
            for (FolderLock l : locks) {
                l.close();
            }
        }
    }

    private static String merged(String[] header, List<RunLog.State> states, java.util.function.Function<RunLog.State, RunLog.Table> table) {
        List<RunLog.Row> rows = new ArrayList<>();
        for (RunLog.State s : states) {
            rows.addAll(table.apply(s).rows);
        }
        rows.sort(Comparator.comparingInt(RunLog.Row::cell)); // stable: a cell's rows keep their order
        StringBuilder sb = new StringBuilder(String.join(",", header)).append('\n');
        for (RunLog.Row r : rows) {
            sb.append(r.text()).append('\n');
        }
        return sb.toString();
    }

    /** The experiment's shard folders under {@code root}, by shard index; all of one split, none missing. */
    private static TreeMap<Integer, Path> find(Experiment x, Path root) {
        Pattern p = Pattern.compile(Pattern.quote(x.name()) + "\\.shard-(\\d+)-of-(\\d+)");
        TreeMap<Integer, Path> byIndex = new TreeMap<>();
        Integer count = null;
        if (!Files.isDirectory(root)) {
            throw new InvalidInputException("no folder " + root + " with the shards of " + x.name());
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
            List<Path> all = new ArrayList<>();
            ds.forEach(all::add);
            all.sort(null);
            for (Path d : all) {
                Matcher m = p.matcher(d.getFileName().toString());
                if (!m.matches() || !Files.isDirectory(d)) {
                    continue;
                }
                int k = Integer.parseInt(m.group(1));
                int of = Integer.parseInt(m.group(2));
                if (count != null && of != count) {
                    throw new InvalidInputException(root + " holds shards of two splits of " + x.name() + " (of " + count
                            + " and of " + of + "); move one split away");
                }
                count = of;
                byIndex.put(k, d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + org.tidl.core.Messages.reason(e), e);
        }
        if (count == null) {
            throw new InvalidInputException("no shard folders " + x.name() + ".shard-K-of-N in " + root
                    + " (train --shard K/N writes them)");
        }
        for (int k = 0; k < count; k++) {
            if (!byIndex.containsKey(k)) {
                throw new InvalidInputException("shard " + k + "/" + count + " is missing: no folder "
                        + root.resolve(new Shard(k, count).folder(x.name())));
            }
        }
        return byIndex;
    }

    private static int shardCount(Path dir) {
        String name = dir.getFileName().toString();
        return Integer.parseInt(name.substring(name.lastIndexOf("-of-") + 4));
    }
}
