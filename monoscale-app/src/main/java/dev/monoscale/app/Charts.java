package dev.monoscale.app;

import dev.monoscale.bench.ExpansionReport;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Draws benchmark reports as PNG charts (headless). */
public final class Charts {

    private static final List<Color> COLORS = List.of(
            new Color(0xD62728),
            new Color(0x7F7F7F),
            new Color(0xBCBD22),
            new Color(0x2CA02C),
            new Color(0x1F77B4),
            new Color(0x9467BD),
            new Color(0xFF7F0E),
            new Color(0x8C564B));

    private Charts() {}

    /** Accuracy per stage (x: pool size) for every method, one line each, written as a PNG to {@code file}. */
    public static Path expansion(ExpansionReport report, Path file) {
        XYChart chart = new XYChartBuilder()
                .width(900)
                .height(560)
                .title("Expansion benchmark: " + report.world() + " ("
                        + report.seeds().size() + " seeds x " + report.tasksPerStage() + " tasks)")
                .xAxisTitle("pool size (stage)")
                .yAxisTitle("accuracy on held-out tasks")
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setYAxisDecimalPattern("0.00");
        double[] x = report.stages().stream()
                .mapToDouble(ExpansionReport.StageResult::poolSize)
                .toArray();
        List<String> methods = report.methods();
        for (int m = 0; m < methods.size(); m++) {
            String method = methods.get(m);
            double[] y = report.stages().stream()
                    .mapToDouble(
                            s -> Objects.requireNonNull(s.methods().get(method)).accuracy())
                    .toArray();
            double[] err = report.stages().stream()
                    .mapToDouble(s ->
                            (Objects.requireNonNull(s.methods().get(method)).ci95High()
                                            - Objects.requireNonNull(s.methods().get(method))
                                                    .ci95Low())
                                    / 2)
                    .toArray();
            XYSeries series = chart.addSeries(method, x, y, err);
            series.setLineColor(COLORS.get(m % COLORS.size()));
            series.setMarkerColor(COLORS.get(m % COLORS.size()));
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setLineStyle(new BasicStroke(method.equals("oracle") ? 1.5f : 2.5f));
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            javax.imageio.ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chart to " + file, e);
        }
    }
}
