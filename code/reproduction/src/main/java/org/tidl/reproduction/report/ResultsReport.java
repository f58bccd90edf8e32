package org.tidl.reproduction.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.tidl.core.InvalidInputException;
import org.tidl.core.Messages;
import org.tidl.reproduction.Reproduction;
import org.tidl.reproduction.Reproductions;
import org.tidl.reproduction.Variant;
import org.tidl.reproduction.dl.TrainingLog;
import org.tidl.reproduction.provenance.Provenance;
import org.tidl.reproduction.provenance.ProvenanceRecord;
import org.tidl.reproduction.verify.Claim;
import org.tidl.reproduction.verify.Verifier;

/**
 * What a results folder holds, gathered for the report page ({@code render.ReportPage}): per run (the full one in
 * the folder, the quick one in its quick/ folder) the figures of {@code ./tidl reproduce} with their pictures,
 * tables and provenance records, the deep-learning experiment folders (with the plots {@code ./tidl plot} drew
 * into their plots/ folder), any other result files, and every published claim judged by the {@link Verifier}.
 *
 * <p>A file belongs to the figure (or, failing that, to the provenance record) with the longest name it starts
 * with, followed by "." or "-": fig4-fashion.png is fig4-fashion's, not fig4's. Everything is listed in a fixed
 * order (the figures in {@link Reproductions#ALL}'s order, an output's pictures and tables in the order its
 * provenance record lists them as written, everything else by name), so the same folder gives the same report.
 *
 * @param measured the tables the verdicts were measured on
 * @param warnings what could not be read (a broken provenance record or runs table), shown on the page
 */
public record ResultsReport(Path root, List<RunFolder> runs, List<ClaimVerdict> verdicts, List<Path> measured,
                            List<String> warnings) {

    /**
     * The files the page is made from (for its provenance): the pictures it embeds, the provenance records and
     * experiment tables it reads, the tables the claims were measured on.
     */
    public List<Path> inputs() {
        java.util.Set<Path> in = new java.util.LinkedHashSet<>();
        for (RunFolder r : runs) {
            List<Entry> all = new ArrayList<>(r.figures());
            all.addAll(r.others());
            for (Experiment x : r.experiments()) {
                for (String f : new String[] {TrainingLog.SETTINGS, TrainingLog.RUNS}) {
                    if (Files.isRegularFile(x.folder().resolve(f))) {
                        in.add(x.folder().resolve(f));
                    }
                }
                all.addAll(x.plots());
            }
            for (Entry e : all) {
                e.pictures().forEach(p -> in.add(p.shown()));
                if (e.provenance() != null && Files.isRegularFile(e.provenance().file())) {
                    in.add(e.provenance().file());
                }
            }
        }
        in.addAll(measured);
        return List.copyOf(in);
    }

    /** The sub-folder of an experiment folder that {@code ./tidl plot} draws into by default. */
    public static final String PLOTS = "plots";

    /** Pictures and tables a report shows; anything else (logs, locks, temp files) is left out. */
    private static final Set<String> PICTURE_TYPES = Set.of("png", "svg");

    /**
     * One run's folder.
     *
     * @param figures     the figures of {@code ./tidl reproduce} found there, in the catalogue's order
     * @param experiments the deep-learning experiment folders in it (with a runs.csv or experiment.txt), by name
     * @param others      other result files, grouped by name (a {@code verify --out} table and its record)
     */
    public record RunFolder(Variant variant, Path folder, List<Entry> figures, List<Experiment> experiments, List<Entry> others) {
        public boolean isEmpty() {
            return figures.isEmpty() && experiments.isEmpty() && others.isEmpty();
        }
    }

    /**
     * One named output: its pictures (a PNG and/or an SVG each), its CSV tables, and its provenance record.
     *
     * @param figure     the figure of {@code ./tidl reproduce} it is (null for other outputs)
     * @param provenance its {@code NAME.provenance.json}, null when there is none
     * @param missing    files the record says were written that are not there
     */
    public record Entry(String name, Reproduction<?, ?> figure, List<Picture> pictures, List<Path> tables,
                        ProvenanceRecord provenance, List<String> missing) { }

    /** One picture, as PNG and/or SVG (null where absent); the page shows the SVG when there is one. */
    public record Picture(String name, Path png, Path svg) {
        public Path shown() {
            return svg != null ? svg : png;
        }
    }

    /**
     * A deep-learning experiment folder ({@code ./tidl train}'s output).
     *
     * @param files     its tables and settings (runs.csv, evaluations.csv, experiment.txt, ...), by name
     * @param settings  the text of experiment.txt (null without one)
     * @param cells     its finished and failed cells (null when runs.csv is missing or unreadable)
     * @param readError why runs.csv could not be read (null when it could, or there is none)
     * @param plots     what {@code ./tidl plot} drew into its plots/ folder
     */
    public record Experiment(String name, Path folder, List<Path> files, String settings, TrainingLog.Cells cells,
                             String readError, List<Entry> plots) { }

    /** A published claim and its verdict on this folder. */
    public record ClaimVerdict(Claim claim, Verifier.Verdict verdict) { }

    /**
     * Reads {@code root} (and root/quick) and judges every claim on it.
     *
     * @param outOption how NOT-RUN verdicts name the folder to {@code ./tidl reproduce} ("" for the default)
     * @throws InvalidInputException when root is not a folder
     */
    public static ResultsReport collect(Path root, List<Claim> claims, String outOption) {
        if (!Files.isDirectory(root)) {
            throw new InvalidInputException(Files.exists(root) ? root + " is not a folder" : "folder " + root + " not found");
        }
        List<String> warnings = new ArrayList<>();
        List<RunFolder> runs = new ArrayList<>();
        for (Variant v : Variant.values()) {
            Path folder = v.folder(root);
            if (Files.isDirectory(folder)) {
                runs.add(runFolder(v, folder, warnings));
            }
        }
        Verifier verifier = new Verifier(root, outOption);
        List<ClaimVerdict> verdicts = new ArrayList<>();
        for (Claim c : claims) {
            verdicts.add(new ClaimVerdict(c, verifier.judge(c)));
        }
        return new ResultsReport(root, List.copyOf(runs), List.copyOf(verdicts), verifier.filesRead(), List.copyOf(warnings));
    }

    /** No figure, experiment or other result in any run. */
    public boolean isEmpty() {
        return runs.stream().allMatch(RunFolder::isEmpty);
    }

    /** The entry of a figure in the first run that has it (for links from the verdicts), if any. */
    public java.util.Optional<RunFolder> firstRunWith(String figure) {
        return runs.stream().filter(r -> r.figures().stream().anyMatch(e -> e.name().equals(figure))).findFirst();
    }

    private static RunFolder runFolder(Variant v, Path folder, List<String> warnings) {
        List<Entry> entries = entries(folder, warnings);
        List<Entry> figures = entries.stream().filter(e -> e.figure() != null).toList();
        List<Entry> others = entries.stream().filter(e -> e.figure() == null).toList();
        List<Experiment> experiments = new ArrayList<>();
        for (Path dir : list(folder)) {
            if (Files.isDirectory(dir) && (Files.isRegularFile(dir.resolve(TrainingLog.RUNS))
                    || Files.isRegularFile(dir.resolve(TrainingLog.SETTINGS)))) {
                experiments.add(experiment(dir, warnings));
            }
        }
        return new RunFolder(v, folder, figures, List.copyOf(experiments), others);
    }

    private static Experiment experiment(Path dir, List<String> warnings) {
        List<Path> files = new ArrayList<>();
        for (Path f : list(dir)) {
            if (Files.isRegularFile(f) && (extension(f).equals("csv") || extension(f).equals("txt"))) {
                files.add(f);
            }
        }
        String settings = null;
        Path settingsFile = dir.resolve(TrainingLog.SETTINGS);
        if (Files.isRegularFile(settingsFile)) {
            try {
                settings = Files.readString(settingsFile, java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                warnings.add("cannot read " + settingsFile + ": " + Messages.reason(e));
            }
        }
        TrainingLog.Cells cells = null;
        String readError = null;
        if (Files.isRegularFile(dir.resolve(TrainingLog.RUNS))) {
            try {
                cells = TrainingLog.cells(dir);
            } catch (InvalidInputException | UncheckedIOException e) {
                readError = Messages.oneLine(e.getMessage());
                warnings.add(readError);
            }
        }
        Path plots = dir.resolve(PLOTS);
        List<Entry> plotEntries = Files.isDirectory(plots) ? entries(plots, warnings) : List.of();
        return new Experiment(dir.getFileName().toString(), dir, List.copyOf(files), settings, cells, readError, plotEntries);
    }

    /**
     * The named outputs of one folder: its pictures and tables grouped by owner (a figure's name, else a
     * provenance record's name, else the file's own name), with their records.
     */
    static List<Entry> entries(Path folder, List<String> warnings) {
        List<Path> files = list(folder).stream().filter(Files::isRegularFile).toList();
        Map<String, Path> sidecars = new TreeMap<>();
        for (Path f : files) {
            String n = f.getFileName().toString();
            if (n.endsWith(Provenance.SUFFIX) && n.length() > Provenance.SUFFIX.length()) {
                sidecars.put(n.substring(0, n.length() - Provenance.SUFFIX.length()), f);
            }
        }
        Set<String> owners = new TreeSet<>(Reproductions.names());
        owners.addAll(sidecars.keySet());
        Map<String, List<Path>> byOwner = new TreeMap<>();
        for (Path f : files) {
            String n = f.getFileName().toString();
            String ext = extension(f);
            if (n.endsWith(Provenance.SUFFIX) || !(ext.equals("csv") || PICTURE_TYPES.contains(ext))) {
                continue;
            }
            byOwner.computeIfAbsent(owner(n, owners), k -> new ArrayList<>()).add(f);
        }
        // a figure whose record is there but whose files are gone is listed too (its missing files named)
        for (String name : sidecars.keySet()) {
            if (Reproductions.find(name).isPresent()) {
                byOwner.putIfAbsent(name, new ArrayList<>());
            }
        }
        List<Entry> figures = new ArrayList<>();
        for (Reproduction<?, ?> r : Reproductions.ALL) {
            List<Path> own = byOwner.remove(r.name());
            if (own != null) {
                figures.add(entry(r.name(), r, own, sidecars.get(r.name()), folder, warnings));
            }
        }
        List<Entry> others = new ArrayList<>();
        for (Map.Entry<String, List<Path>> e : byOwner.entrySet()) {
            others.add(entry(e.getKey(), null, e.getValue(), sidecars.get(e.getKey()), folder, warnings));
        }
        List<Entry> all = new ArrayList<>(figures);
        all.addAll(others);
        return List.copyOf(all);
    }

    private static Entry entry(String name, Reproduction<?, ?> figure, List<Path> files, Path sidecar, Path folder,
                               List<String> warnings) {
        Map<String, Path[]> pictures = new TreeMap<>();
        List<Path> tables = new ArrayList<>();
        for (Path f : files) {
            String ext = extension(f);
            if (ext.equals("csv")) {
                tables.add(f);
            } else {
                String n = f.getFileName().toString();
                Path[] both = pictures.computeIfAbsent(n.substring(0, n.length() - ext.length() - 1), k -> new Path[2]);
                both[ext.equals("svg") ? 1 : 0] = f;
            }
        }
        List<Picture> pics = new ArrayList<>();
        pictures.forEach((n, p) -> pics.add(new Picture(n, p[0], p[1])));
        ProvenanceRecord record = sidecar == null ? null : ProvenanceRecord.read(sidecar);
        if (record != null && record.readable()) { // in the order they were written (the renderer's order), the rest after
            List<String> order = record.outputs();
            Comparator<Path> written = Comparator.comparingInt(f -> {
                int i = order.indexOf(f.getFileName().toString());
                return i < 0 ? Integer.MAX_VALUE : i;
            });
            pics.sort(Comparator.comparing(p -> p.png() != null ? p.png() : p.svg(), written));
            tables.sort(written);
        }
        List<String> missing = new ArrayList<>();
        if (record != null) {
            if (!record.readable()) {
                warnings.add(record.error());
            }
            for (String out : record.outputs()) {
                Path p = folder.resolve(out);
                if (!out.isEmpty() && !Path.of(out).isAbsolute() && !Files.exists(p)) {
                    missing.add(out);
                }
            }
        }
        return new Entry(name, figure, List.copyOf(pics), List.copyOf(tables), record, List.copyOf(missing));
    }

    /** The longest owner name that {@code file} starts with followed by '.' or '-'; else the name before its first '.'. */
    static String owner(String file, Set<String> owners) {
        String best = null;
        for (String o : owners) {
            if (file.length() > o.length() && file.startsWith(o) && (file.charAt(o.length()) == '.' || file.charAt(o.length()) == '-')
                    && (best == null || o.length() > best.length())) {
                best = o;
            }
        }
        if (best != null) {
            return best;
        }
        int dot = file.indexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }

    private static String extension(Path f) {
        String n = f.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The folder's entries by name (hidden files, such as temp files of an atomic write, left out). */
    private static List<Path> list(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + Messages.reason(e), e);
        }
    }
}
