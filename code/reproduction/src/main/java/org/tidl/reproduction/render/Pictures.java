package org.tidl.reproduction.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.jfree.svg.SVGGraphics2D;
import org.tidl.core.io.Csv;

/**
 * A drawing (anything that paints on a {@link Graphics2D}) written as PNG or SVG, atomically. The SVG bytes depend
 * only on the drawing: JFreeSVG names its definitions (clip paths, gradients) with a key prefix that by default
 * holds {@code System.nanoTime()}; we fix it, so the same figure gives the same file.
 */
public final class Pictures {

    /** The prefix of every id in our SVG files, in place of JFreeSVG's time-stamped default. */
    static final String SVG_DEFS_PREFIX = "tidl";

    private Pictures() {
    }

    /** Paints the drawing on a white width × height canvas and writes it as PNG. */
    public static void writePng(Path file, int width, int height, Consumer<Graphics2D> painter) {
        BufferedImage img = raster(width, height, painter);
        Csv.writeAtomically(file, out -> javax.imageio.ImageIO.write(img, "png", out));
    }

    /** The drawing painted on a white width × height image (antialiased). */
    public static BufferedImage raster(int width, int height, Consumer<Graphics2D> painter) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        painter.accept(g);
        g.dispose();
        return img;
    }

    /** Paints the drawing on a width × height SVG canvas and writes the document (UTF-8). */
    public static void writeSvg(Path file, int width, int height, Consumer<Graphics2D> painter) {
        Csv.writeAtomically(file, out -> out.write(svg(width, height, painter).getBytes(StandardCharsets.UTF_8)));
    }

    /** The SVG document of the drawing. */
    static String svg(int width, int height, Consumer<Graphics2D> painter) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        g.setDefsKeyPrefix(SVG_DEFS_PREFIX);
        painter.accept(g);
        g.dispose();
        return g.getSVGDocument();
    }
}
