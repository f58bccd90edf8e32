package org.tidl.reproduction.render;

import java.awt.Graphics2D;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.tidl.core.io.Csv;
import org.tidl.reproduction.table.Table;
import org.tidl.reproduction.table.TableOutput;

/**
 * A figure's files in a results folder, each written atomically, remembered in the order written (provenance lists
 * them): tables as CSV, charts and pictures as PNG and SVG.
 */
public final class FigureFiles implements FigureOutput {

    /** Size of every chart PNG. */
    public static final int WIDTH = 900;
    public static final int HEIGHT = 640;

    private final Path folder;
    private final String name;
    private final List<Path> written = new ArrayList<>();
    private final List<String> reports = new ArrayList<>();

    public FigureFiles(Path folder, String name) {
        this.folder = folder;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void table(TableOutput output, Table table) {
        if (!table.schema().equals(output.schema())) {
            throw new IllegalArgumentException(output.file(name) + ": the table is not of its declared schema");
        }
        Path p = folder.resolve(output.file(name));
        table.writeTo(p);
        written.add(p);
    }

    /** Every chart and picture also as SVG (vector, for papers), beside its PNG. */
    @Override
    public void chart(String suffix, Chart chart) {
        Path p = folder.resolve(name + suffix + ".png");
        chart.savePng(p, WIDTH, HEIGHT);
        written.add(p);
        Path svg = folder.resolve(name + suffix + ".svg");
        chart.saveSvg(svg, WIDTH, HEIGHT);
        written.add(svg);
    }

    @Override
    public void picture(String suffix, int width, int height, Consumer<Graphics2D> painter) {
        Path p = folder.resolve(name + suffix + ".png");
        Pictures.writePng(p, width, height, painter);
        written.add(p);
        Path svg = folder.resolve(name + suffix + ".svg");
        Pictures.writeSvg(svg, width, height, painter);
        written.add(svg);
    }

    @Override
    public void png(String suffix, Csv.Content content) {
        Path p = folder.resolve(name + suffix + ".png");
        Csv.writeAtomically(p, content);
        written.add(p);
    }

    @Override
    public void report(String line) {
        reports.add(line);
    }

    /** The files written so far, in order. */
    public List<Path> written() {
        return List.copyOf(written);
    }

    public List<String> reports() {
        return List.copyOf(reports);
    }
}
