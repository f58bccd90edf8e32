package org.tidl.reproduction.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.QuadCurve2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.tidl.api.GossipMatrix;
import org.tidl.core.io.Csv;

/**
 * Draws one gossip matrix W as a graph: workers on a circle (worker 0 at the top, then clockwise), an edge for
 * each non-zero w_ij (i ≠ j) whose colour and width grow with the weight, and each worker filled with the
 * colour of its self-weight w_ii, on one colour scale shown at the bottom. A symmetric W is drawn with
 * straight lines; otherwise each w_ij is an arrow from j to i (worker i takes the share w_ij of j's model),
 * bent to its right so that the two directions of a pair stay apart. Rendering only: the matrix comes checked
 * from the topology registry.
 */
public final class TopologyDrawing {

    /** Most workers drawn: beyond this the circle is a smear of nodes. */
    public static final int MAX_WORKERS = 500;

    public static final int WIDTH = 900;
    public static final int HEIGHT = 1000;

    /** A perceptually ordered scale (viridis' anchors), light weights dark purple, heavy ones yellow. */
    private static final Color[] SCALE = {new Color(0x440154), new Color(0x3B528B), new Color(0x21918C),
            new Color(0x5EC962), new Color(0xFDE725)};

    private TopologyDrawing() {
    }

    /**
     * Writes the PNG atomically.
     *
     * @param title    first line of the title, e.g. "ring"
     * @param subtitle second line, e.g. "n = 8, W(t) at t = 0 (period 1)"
     */
    public static void write(GossipMatrix w, String title, String subtitle, Path file) {
        Pictures.writePng(file, WIDTH, HEIGHT, painter(w, title, subtitle));
    }

    /** The drawing as an image ({@link #write} without the file). */
    public static BufferedImage render(GossipMatrix w, String title, String subtitle) {
        return Pictures.raster(WIDTH, HEIGHT, painter(w, title, subtitle));
    }

    record Edge(int from, int to, double weight) { }

    private static Consumer<Graphics2D> painter(GossipMatrix w, String title, String subtitle) {
        int n = w.size();
        boolean symmetric = isSymmetric(w);
        List<Edge> edges = new ArrayList<>();
        double[] self = new double[n];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double maxEdge = 0;
        for (int i = 0; i < n; i++) {
            int row = i;
            List<Edge> found = new ArrayList<>();
            w.forEachInRow(i, (j, v) -> {
                if (j == row) {
                    self[row] = v;
                } else if (v != 0 && (!symmetric || j > row)) {
                    found.add(new Edge(j, row, v)); // j's model flows into i
                }
            });
            edges.addAll(found);
        }
        for (Edge e : edges) {
            lo = Math.min(lo, e.weight);
            hi = Math.max(hi, e.weight);
            maxEdge = Math.max(maxEdge, Math.abs(e.weight));
        }
        for (double s : self) {
            lo = Math.min(lo, s);
            hi = Math.max(hi, s);
        }
        if (hi - lo <= 1e-9 * Math.max(1, Math.abs(hi))) {
            lo = hi; // one weight (up to rounding: a ring's 1 - 2/3 is not exactly 1/3): one colour
        }
        int hub = hub(w, symmetric);
        edges.sort(Comparator.comparingDouble(Edge::weight)); // heavy edges on top

        double low = lo;
        double high = hi;
        double heaviest = maxEdge;
        return g -> {
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
            centered(g, title, WIDTH / 2.0, 38);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
            centered(g, subtitle, WIDTH / 2.0, 64);

            double cx = WIDTH / 2.0;
            double cy = 110 + 360;
            double radius = 340;
            double nodeRadius = Math.max(3, Math.min(16, Math.PI * radius / n * 0.45));
            double[] x = new double[n];
            double[] y = new double[n];
            double[] angle = new double[n];
            int onCircle = hub < 0 ? n : n - 1;
            for (int i = 0, k = 0; i < n; i++) {
                if (i == hub) {
                    x[i] = cx;
                    y[i] = cy;
                    angle[i] = -Math.PI / 4; // its label up and to the right
                    continue;
                }
                angle[i] = -Math.PI / 2 + 2 * Math.PI * k++ / onCircle;
                x[i] = cx + radius * Math.cos(angle[i]);
                y[i] = cy + radius * Math.sin(angle[i]);
            }

            double widthScale = Math.max(0.6, Math.min(5, 400.0 / Math.max(1, edges.size())));
            for (Edge e : edges) {
                g.setColor(colour(e.weight, low, high));
                float stroke = (float) (0.6 + widthScale * Math.abs(e.weight) / Math.max(heaviest, 1e-300));
                g.setStroke(new BasicStroke(stroke, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                if (symmetric) {
                    g.draw(new java.awt.geom.Line2D.Double(x[e.from], y[e.from], x[e.to], y[e.to]));
                } else {
                    arrow(g, x[e.from], y[e.from], x[e.to], y[e.to], nodeRadius, stroke);
                }
            }

            g.setStroke(new BasicStroke(1.2f));
            int fontSize = (int) Math.max(8, Math.min(15, nodeRadius * 1.1));
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, fontSize));
            boolean labels = n <= 64;
            for (int i = 0; i < n; i++) {
                Ellipse2D node = new Ellipse2D.Double(x[i] - nodeRadius, y[i] - nodeRadius, 2 * nodeRadius, 2 * nodeRadius);
                g.setColor(colour(self[i], low, high));
                g.fill(node);
                g.setColor(Color.DARK_GRAY);
                g.draw(node);
                if (labels) {
                    // the worker's index just outside the circle, away from the edges
                    double r = (i == hub ? 0 : radius) + nodeRadius + fontSize * 0.9;
                    label(g, Integer.toString(i), cx + r * Math.cos(angle[i]), cy + r * Math.sin(angle[i]) + fontSize * 0.35);
                }
            }
            legend(g, low, high, symmetric, edges.size());
        };
    }

    /** A curved arrow from (x0, y0) to (x1, y1), stopping at the target node's rim. */
    private static void arrow(Graphics2D g, double x0, double y0, double x1, double y1, double nodeRadius, float stroke) {
        double dx = x1 - x0;
        double dy = y1 - y0;
        double len = Math.hypot(dx, dy);
        if (len < 1e-9) {
            return;
        }
        // control point to the right of the direction of travel: i -> j and j -> i bend apart
        double bend = 0.12 * len;
        double qx = (x0 + x1) / 2 - dy / len * bend;
        double qy = (y0 + y1) / 2 + dx / len * bend;
        // end where the curve meets the target node: step back along the tangent at the end (from q to target)
        double tx = x1 - qx;
        double ty = y1 - qy;
        double tl = Math.hypot(tx, ty);
        double ex = x1 - tx / tl * (nodeRadius + 1);
        double ey = y1 - ty / tl * (nodeRadius + 1);
        double head = Math.max(7, 3.2 * stroke);
        double bx = ex - tx / tl * head;
        double by = ey - ty / tl * head;
        g.draw(new QuadCurve2D.Double(x0, y0, qx, qy, bx, by));
        Path2D tip = new Path2D.Double();
        double px = -ty / tl * head * 0.5;
        double py = tx / tl * head * 0.5;
        tip.moveTo(ex, ey);
        tip.lineTo(bx + px, by + py);
        tip.lineTo(bx - px, by - py);
        tip.closePath();
        g.fill(tip);
    }

    /**
     * The worker linked both ways to every other one, when it is the only such worker (a star, a wheel): drawn
     * at the centre, where its edges do not cross the circle. -1 for none (a ring, or a complete graph).
     */
    public static int hub(GossipMatrix w, boolean symmetric) {
        int n = w.size();
        if (!symmetric || n < 4) {
            return -1;
        }
        int found = -1;
        for (int i = 0; i < n; i++) {
            int[] links = {0};
            int row = i;
            w.forEachInRow(i, (j, v) -> links[0] += j != row && v != 0 ? 1 : 0);
            if (links[0] == n - 1) {
                if (found >= 0) {
                    return -1;
                }
                found = i;
            }
        }
        return found;
    }

    private static void legend(Graphics2D g, double lo, double hi, boolean symmetric, int edges) {
        int barX = 200;
        int barW = hi > lo ? 500 : 40; // one weight: one swatch
        int barY = HEIGHT - 80;
        for (int k = 0; k < barW; k++) {
            g.setColor(colour(lo + (hi - lo) * k / (barW - 1.0), lo, hi));
            g.fillRect(barX + k, barY, 1, 16);
        }
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(barX, barY, barW, 16);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.setColor(Color.BLACK);
        if (hi > lo) {
            centered(g, weight(lo), barX, barY + 34);
            centered(g, weight(hi), barX + barW, barY + 34);
        } else {
            g.drawString("every weight is " + weight(lo), barX + barW + 12, barY + 14);
        }
        String what = symmetric ? edges + " edges (W symmetric)" : edges + " arrows j \u2192 i for w_ij > 0 (W not symmetric)";
        centered(g, "weight: edge colour and width w_ij, worker fill w_ii;  " + what, WIDTH / 2.0, barY - 12);
    }

    private static String weight(double v) {
        return Csv.number(Math.abs(v) < 1e-15 ? 0 : Double.parseDouble(String.format(Locale.ROOT, "%.4g", v)));
    }

    /** Centred text on a white patch, readable over the edges (the hub's label sits among them). */
    private static void label(Graphics2D g, String text, double x, double baseline) {
        FontMetrics m = g.getFontMetrics();
        int w = m.stringWidth(text);
        g.setColor(Color.WHITE);
        g.fill(new java.awt.geom.Rectangle2D.Double(x - w / 2.0 - 2, baseline - m.getAscent() + 1, w + 4, m.getAscent() + 1));
        g.setColor(Color.BLACK);
        centered(g, text, x, baseline);
    }

    private static void centered(Graphics2D g, String text, double x, double baseline) {
        FontMetrics m = g.getFontMetrics();
        g.drawString(text, (float) (x - m.stringWidth(text) / 2.0), (float) baseline);
    }

    /** The scale's colour of v in [lo, hi] (one colour when every weight is the same). */
    public static Color colour(double v, double lo, double hi) {
        double f = hi > lo ? Math.max(0, Math.min(1, (v - lo) / (hi - lo))) : 0.5;
        double pos = f * (SCALE.length - 1);
        int k = Math.min(SCALE.length - 2, (int) pos);
        double t = pos - k;
        Color a = SCALE[k];
        Color b = SCALE[k + 1];
        return new Color((int) Math.round(a.getRed() + t * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + t * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + t * (b.getBlue() - a.getBlue())));
    }

    public static boolean isSymmetric(GossipMatrix w) {
        int n = w.size();
        boolean[] ok = {true};
        for (int i = 0; i < n && ok[0]; i++) {
            int row = i;
            w.forEachInRow(i, (j, v) -> {
                if (j != row && Math.abs(v - w.get(j, row)) > 1e-12) {
                    ok[0] = false;
                }
            });
        }
        return ok[0];
    }
}
