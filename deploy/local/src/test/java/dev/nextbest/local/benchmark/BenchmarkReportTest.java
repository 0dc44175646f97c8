package dev.nextbest.local.benchmark;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;

class BenchmarkReportTest {

    @TempDir
    Path directory;

    @Test
    void writesFiguresRatiosAgainstTheBaselineAndAChart() throws Exception {
        HttpLoad.Result baseline = result("baseline", 10_000, 200, 400);
        HttpLoad.Result slower = result("slower", 2_500, 1_000, 2_000);

        String md = BenchmarkReport.write("demo", "Demo", "./mvnw verify -Pbenchmark", baseline, List.of(slower),
                directory, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertThat(md).contains("| baseline | 1,000 |", "| 1.00x | 1.00x |")
                .contains("| slower | 250 |", "| 0.25x | 5.00x |");
        assertThat(Files.readString(directory.resolve("demo.md"))).isEqualTo(md);
        assertThat(ImageIO.read(directory.resolve("demo.png").toFile()).getWidth()).isEqualTo(900);
    }

    /** {@code requests} over 10 s, half at {@code typicalMicros} and one in a hundred at {@code slowMicros}. */
    private static HttpLoad.Result result(String name, long requests, long typicalMicros, long slowMicros) {
        Histogram histogram = new Histogram(30_000_000L, 3);
        for (long i = 0; i < requests; i++) {
            histogram.recordValue(i % 100 == 0 ? slowMicros : typicalMicros);
        }
        return new HttpLoad.Result(name, "4 concurrent clients, closed loop", requests, 0, 10.0, histogram);
    }
}
