package org.tidl.reproduction.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.LogTick;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.TextAnchor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/** The chart conventions: what the legend lists, tick labels, point labels, the colour map, SVG bytes. */
class ChartTest {

    static final double[] X = {0, 0.25, 0.5, 0.75, 1};

    static double[] shifted(double dy) {
        double[] y = new double[X.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = X[i] + dy;
        }
        return y;
    }

    /**
     * A curve is hidden under another when it stays within 2.5 pixels of it at the nominal plot size: on a [0, 1] axis
     * of 460 pixels, a shift of 0.004 is 1.8 px (hidden), 0.01 is 4.6 px (seen).
     */
    @Test
    void aCurveWithinTheLineWidthIsHiddenOneBesideItIsNot() {
        Chart c = new Chart("t", "x", "y").xRange(0, 1).yRange(0, 1)
                .add("ours", X, shifted(0), 0, Chart.Style.SOLID)
                .add("same", X, shifted(0), 0, Chart.Style.DASHED)
                .add("1.8 px", X, shifted(0.004), 0, Chart.Style.DASHED)
                .add("4.6 px", X, shifted(0.01), 0, Chart.Style.DASHED)
                .add("nothing drawn", new double[] {Double.NaN, 2}, new double[] {0.5, Double.NaN}, 0, Chart.Style.DASHED);
        assertThat(c.hides(0, 1)).isTrue();
        assertThat(c.hides(0, 2)).isTrue();
        assertThat(c.hides(0, 3)).isFalse();
        assertThat(c.drawable(4)).isFalse();
        assertThat(c.hides(0, 4)).as("nothing drawn is not 'hidden'").isFalse();
        // on a log axis of 3 decades, a factor of 2 is log10(2)/3 of the height: 46 px
        Chart log = new Chart("t", "x", "y").logY().xRange(0, 1).yRange(1e-3, 1)
                .add("a", X, new double[] {0.01, 0.02, 0.03, 0.04, 0.05}, 0, Chart.Style.SOLID)
                .add("2a", X, new double[] {0.02, 0.04, 0.06, 0.08, 0.10}, 0, Chart.Style.DOTTED)
                .add("a(1 + 1%)", X, new double[] {0.0101, 0.0202, 0.0303, 0.0404, 0.0505}, 0, Chart.Style.DOTTED);
        assertThat(log.hides(0, 1)).isFalse();
        assertThat(log.hides(0, 2)).isTrue(); // log10(1.01)/3·460 = 0.66 px
    }

    /** The legend lists a colour per curve and a style only where some curve of it can be seen; a note says the rest. */
    @Test
    void theLegendListsWhatCanBeSeenAndANoteSaysWhatCoincides() {
        Chart c = new Chart("t", "x", "y").xRange(0, 1).yRange(0, 1.5);
        StyleLegend legend = new StyleLegend(c).style(Chart.Style.SOLID, "Eq. 7").style(Chart.Style.DASHED, "the paper");
        legend.colour("A", 0).colour("B", 1);
        legend.series("A", X, shifted(0), 0, Chart.Style.SOLID, -1);
        legend.series("A", X, shifted(0), 0, Chart.Style.DASHED, 0);
        legend.series("B", X, shifted(0.3), 1, Chart.Style.SOLID, -1);
        legend.series("B", X, shifted(0.5), 1, Chart.Style.DASHED, 2);
        legend.apply("Eq. 7");
        JFreeChart jfc = c.build();
        assertThat(labels(jfc.getXYPlot().getFixedLegendItems())).containsExactly("A", "B", "Eq. 7", "the paper");
        assertThat(notes(jfc)).containsExactly("Dashed coincides with Eq. 7 for A (drawn under it).");

        Chart all = new Chart("t", "x", "y").xRange(0, 1).yRange(0, 1.5);
        StyleLegend l2 = new StyleLegend(all).style(Chart.Style.SOLID, "ours").style(Chart.Style.DASHED, "the paper");
        l2.colour("A", 0).colour("B", 1);
        l2.series("A", X, shifted(0), 0, Chart.Style.SOLID, -1).series("A", X, shifted(0), 0, Chart.Style.DASHED, 0);
        l2.series("B", X, shifted(0.3), 1, Chart.Style.SOLID, -1).series("B", X, shifted(0.3), 1, Chart.Style.DASHED, 2);
        l2.apply("ours");
        JFreeChart j2 = all.build();
        // every dashed curve hidden: the legend does not list dashed at all, and the note says what dashed is
        assertThat(labels(j2.getXYPlot().getFixedLegendItems())).containsExactly("A", "B", "ours");
        assertThat(notes(j2)).containsExactly("Dashed (the paper) coincides with ours for every curve (drawn under it).");
    }

    static List<String> labels(LegendItemCollection items) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < items.getItemCount(); i++) {
            LegendItem item = items.get(i);
            out.add(item.getLabel());
        }
        return out;
    }

    static List<String> notes(JFreeChart chart) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            if (chart.getSubtitle(i) instanceof TextTitle t) {
                out.add(t.getText());
            }
        }
        return out;
    }

    /**
     * Fig. 3 left had 31 tick labels on 0 … 0.006 (JFreeChart packs them as densely as the font allows); a linear axis
     * now gets 5 to 10 labels of 1, 2 or 5 × 10^k.
     */
    @Test
    void aLinearAxisCarriesFiveToTenTickLabels() {
        Chart c = new Chart("t", "x", "y").xRange(2, 32).yRange(0, 0.006).add("a", X, shifted(0), 0, Chart.Style.SOLID);
        JFreeChart jfc = c.build();
        BufferedImage img = new BufferedImage(FigureFiles.WIDTH, FigureFiles.HEIGHT, BufferedImage.TYPE_INT_RGB);
        jfc.draw(img.createGraphics(), new Rectangle2D.Double(0, 0, FigureFiles.WIDTH, FigureFiles.HEIGHT));
        assertThat(((NumberAxis) jfc.getXYPlot().getRangeAxis()).getTickUnit().getSize()).isCloseTo(0.001, within(1e-15));
        assertThat(((NumberAxis) jfc.getXYPlot().getDomainAxis()).getTickUnit().getSize()).isEqualTo(5.0);
    }

    /** Log axes label decades over 3 decades or more, 1-2-5 over more than one, and every 1…9 × 10^k within one. */
    @Test
    void aLogAxisLabelsTicksThatSuitItsSpan() {
        assertThat(labelled(0.35, 1.2)).containsExactly("0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1");
        assertThat(labelled(0.01, 0.5)).containsExactly("0.01", "0.02", "0.05", "0.1", "0.2", "0.5");
        assertThat(labelled(1e-3, 1)).containsExactly("0.001", "0.01", "0.1", "1");
        assertThat(labelled(1e-6, 1e-3)).containsExactly("1e-6", "1e-5", "0.0001", "0.001");
    }

    /** logXFine/logYFine: 1-2-5 whatever the span, every digit where 1-2-5 would give fewer than three labels. */
    @Test
    void aFineLogAxisLabelsOneTwoFiveOrEveryDigit() {
        assertThat(labelled(0.1, 1, true)).containsExactly("0.1", "0.2", "0.5", "1");
        assertThat(labelled(1e-3, 1, true)).containsExactly("0.001", "0.002", "0.005", "0.01", "0.02", "0.05", "0.1", "0.2",
                "0.5", "1");
        assertThat(labelled(0.45, 0.75, true)).containsExactly("0.5", "0.6", "0.7");
    }

    static List<String> labelled(double lo, double hi) {
        return labelled(lo, hi, false);
    }

    static List<String> labelled(double lo, double hi, boolean fine) {
        Chart.LogTicksAxis axis = new Chart.LogTicksAxis("y", fine);
        axis.setRange(lo, hi);
        List<String> out = new ArrayList<>();
        for (LogTick t : axis.ticks(TextAnchor.CENTER_RIGHT)) {
            if (t.getTickType() == TickType.MAJOR) {
                var it = t.getAttributedLabel().getIterator();
                StringBuilder sb = new StringBuilder();
                for (char ch = it.first(); ch != java.text.CharacterIterator.DONE; ch = it.next()) {
                    sb.append(ch);
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    /** A label goes where it covers no other label and no marker, inside the plot. */
    @Test
    void aLabelAvoidsTakenPlaces() {
        Rectangle2D area = new Rectangle2D.Double(0, 0, 400, 300);
        List<Rectangle2D> taken = new ArrayList<>();
        taken.add(new Rectangle2D.Double(95, 95, 10, 10)); // the marker at (100, 100)
        Rectangle2D first = PointLabels.place(100, 100, 60, 12, area, taken);
        taken.add(first);
        Rectangle2D second = PointLabels.place(101, 100, 60, 12, area, taken); // a point almost on the first
        assertThat(first.intersects(taken.get(0))).isFalse();
        assertThat(second.intersects(first)).isFalse();
        assertThat(second.intersects(taken.get(0))).isFalse();
        assertThat(area.contains(first) && area.contains(second)).isTrue();
        // at the right edge the label goes to the left of its point
        Rectangle2D edge = PointLabels.place(395, 150, 60, 12, area, List.of());
        assertThat(edge.getMaxX()).isLessThanOrEqualTo(395);
    }

    /** Viridis: from #440154 to #fde725, lightness rising all the way (it reads in grey and with colour-blindness). */
    @Test
    void viridisRunsFromPurpleToYellowWithRisingLightness() {
        assertThat(CovarianceRender.Viridis.colour(0)).isEqualTo(new Color(0x440154));
        assertThat(CovarianceRender.Viridis.colour(1)).isEqualTo(new Color(0xfde725));
        double last = -1;
        for (int i = 0; i <= 100; i++) {
            Color c = CovarianceRender.Viridis.colour(i / 100.0);
            double luma = 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
            assertThat(luma).as("at %d%%", i).isGreaterThan(last);
            last = luma;
        }
    }

    /**
     * The same chart gives the same SVG bytes: JFreeSVG's default prefix for definition ids holds System.nanoTime(),
     * ours is fixed. The document is well-formed XML of the chart's size, every id carries our prefix.
     */
    @Test
    void theSvgIsTheSameEveryTimeAndWellFormed(@TempDir Path dir) throws Exception {
        Chart c = new Chart("t", "x", "y").logX().add("a", new double[] {0.1, 1}, new double[] {1, 2}, 0, Chart.Style.SOLID)
                .label(0.1, 1, "a point", 0);
        c.saveSvg(dir.resolve("a.svg"), FigureFiles.WIDTH, FigureFiles.HEIGHT);
        c.saveSvg(dir.resolve("b.svg"), FigureFiles.WIDTH, FigureFiles.HEIGHT);
        byte[] a = Files.readAllBytes(dir.resolve("a.svg"));
        String text = new String(a, StandardCharsets.UTF_8);
        assertThat(Files.readString(dir.resolve("b.svg"), StandardCharsets.UTF_8)).isEqualTo(text);
        Matcher ids = Pattern.compile("\\bid='([^']*)'").matcher(text);
        int n = 0;
        while (ids.find()) {
            assertThat(ids.group(1)).startsWith(Pictures.SVG_DEFS_PREFIX);
            n++;
        }
        assertThat(n).isPositive();
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Element root = f.newDocumentBuilder().parse(new ByteArrayInputStream(a)).getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("svg");
        assertThat(Double.parseDouble(root.getAttribute("width"))).isEqualTo(FigureFiles.WIDTH);
        assertThat(text).contains("a point");
    }
}
