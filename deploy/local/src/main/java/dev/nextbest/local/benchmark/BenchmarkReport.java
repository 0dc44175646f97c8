package dev.nextbest.local.benchmark;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Prints benchmark results as a table of absolute figures and of ratios against a baseline measured the
 * same way in the same run (these machines are noisy; ratios travel better than numbers), and writes the
 * table as Markdown and the latency percentiles as a PNG chart.
 */
public final class BenchmarkReport {

    private static final double[] PERCENTILES = {50, 99, 99.9};

    private BenchmarkReport() {
    }

    /** @return the Markdown written to {@code directory/name.md}, next to {@code name.png} */
    public static String write(String name, String title, String command, HttpLoad.Result baseline,
                               List<HttpLoad.Result> results, Path directory, PrintStream out) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n");
        md.append("Measured ").append(Instant.now()).append(" with `").append(command).append("`, ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(baseline.load()).append(".\n\n");
        md.append("| scenario | requests/s | p50 ms | p99 ms | p99.9 ms | max ms | errors | throughput vs baseline | p99 vs baseline |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (HttpLoad.Result r : prepend(baseline, results)) {
            md.append(String.format("| %s | %,.0f | %.2f | %.2f | %.2f | %.2f | %d | %.2fx | %.2fx |%n",
                    r.name(), r.throughput(), r.percentileMillis(50), r.percentileMillis(99),
                    r.percentileMillis(99.9), r.latencies().getMaxValue() / 1000.0, r.errors(),
                    r.throughput() / baseline.throughput(), r.percentileMillis(99) / baseline.percentileMillis(99)));
        }
        md.append("\n![latency percentiles](").append(name).append(".png)\n");
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(name + ".md"), md);
            chart(title, prepend(baseline, results), directory.resolve(name + ".png"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
        out.println(md);
        out.println("Written to " + directory.resolve(name + ".md") + " and " + name + ".png");
        return md.toString();
    }

    private static List<HttpLoad.Result> prepend(HttpLoad.Result first, List<HttpLoad.Result> rest) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), rest.stream()).toList();
    }

    /** One line per scenario across p50, p99 and p99.9: each scenario's latency profile, on a log axis. */
    private static void chart(String title, List<HttpLoad.Result> results, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        CategoryChart chart = new CategoryChartBuilder().width(900).height(500)
                .title(title).xAxisTitle("percentile").yAxisTitle("latency (ms, log scale)").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        // Lines, not bars: a log axis cannot hold bars (they start at zero), and latencies span decades.
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setYAxisLogarithmic(true);
        List<String> labels = Arrays.stream(PERCENTILES)
                .mapToObj(p -> "p" + (p == Math.rint(p) ? String.valueOf((int) p) : String.valueOf(p))).toList();
        for (HttpLoad.Result result : results) {
            chart.addSeries(result.name(), labels,
                    Arrays.stream(PERCENTILES).mapToObj(p -> Math.max(result.percentileMillis(p), 0.001)).toList());
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
