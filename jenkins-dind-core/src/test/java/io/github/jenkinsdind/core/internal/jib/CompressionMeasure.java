package io.github.jenkinsdind.core.internal.jib;

import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.image.ReproducibleLayerBuilder;
import com.google.common.collect.ImmutableList;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Not a test: a timing program for {@code docs/performance/compression.md}. For each binary given,
 * it builds the layer's tar as Jib does, then compresses it the ways compared there (Jib's {@link
 * GZIPOutputStream}, and {@link GzipMembers} at several levels, chunk sizes and thread counts),
 * three times each, and prints the medians of the process's CPU time and the wall time, the size,
 * and the time to decompress it again (Java's inflater, then {@code gzip -d}). Run it as that page
 * says.
 */
public final class CompressionMeasure {
  private static final int RUNS = 3;

  private CompressionMeasure() {}

  /** A way of compressing a tar. */
  private interface Way {
    void compress(byte[] tar, OutputStream out) throws IOException;
  }

  /**
   * Measures.
   *
   * @param args the binaries
   * @throws Exception if one cannot be read
   */
  public static void main(String[] args) throws Exception {
    int processors = Runtime.getRuntime().availableProcessors();
    System.out.printf(
        Locale.ROOT,
        "processors %d, load %s%n",
        processors,
        Files.readString(Path.of("/proc/loadavg")).trim());
    for (String arg : args) {
      Path binary = Path.of(arg);
      byte[] tar = tar(binary);
      System.out.printf(Locale.ROOT, "%n%s: tar %.1f MB%n", binary, tar.length / 1e6);
      System.out.println(
          "| way | level | chunk | threads | CPU s | wall s | size MB | ratio |"
              + " inflate s (Java) | gzip -d s |");
      System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
      for (int level : new int[] {1, 3, 6, 9}) {
        measure(
            tar, "one member (GZIPOutputStream)", level, "–", 1, (t, out) -> jib(t, out, level));
      }
      for (int level : new int[] {1, 3, 6}) {
        for (int threads : new int[] {1, processors}) {
          measure(tar, "members", level, "1 MiB", threads, members(level, 1 << 20, threads));
        }
      }
      for (int chunk : new int[] {256 << 10, 4 << 20}) {
        measure(
            tar, "members", 1, (chunk >> 10) + " KiB", processors, members(1, chunk, processors));
      }
    }
  }

  private static Way members(int level, int chunk, int threads) {
    return (tar, out) -> {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try (GzipMembers gzip = new GzipMembers(out, level, chunk, pool, 2 * threads)) {
        gzip.write(tar);
      } finally {
        pool.shutdownNow();
      }
    };
  }

  private static void jib(byte[] tar, OutputStream out, int level) throws IOException {
    try (GZIPOutputStream gzip =
        new GZIPOutputStream(out) {
          {
            def.setLevel(level);
          }
        }) {
      gzip.write(tar);
    }
  }

  private static void measure(
      byte[] tar, String name, int level, String chunk, int threads, Way way) throws Exception {
    double[] cpu = new double[RUNS];
    double[] wall = new double[RUNS];
    byte[] compressed = null;
    for (int i = 0; i < RUNS; i++) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(tar.length);
      long cpu0 = processCpu();
      long wall0 = System.nanoTime();
      way.compress(tar, out);
      wall[i] = (System.nanoTime() - wall0) / 1e9;
      cpu[i] = (processCpu() - cpu0) / 1e9;
      compressed = out.toByteArray();
    }
    double[] inflate = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long start = System.nanoTime();
      long n = inflate(compressed);
      inflate[i] = (System.nanoTime() - start) / 1e9;
      if (n != tar.length) {
        throw new IllegalStateException("read back " + n + " bytes of " + tar.length);
      }
    }
    Path file = Files.createTempFile("compression-measure", ".gz");
    double[] gunzip = new double[RUNS];
    try {
      Files.write(file, compressed);
      for (int i = 0; i < RUNS; i++) {
        long start = System.nanoTime();
        Process p =
            new ProcessBuilder("gzip", "-dc", file.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (p.waitFor() != 0) {
          throw new IllegalStateException("gzip -d failed");
        }
        gunzip[i] = (System.nanoTime() - start) / 1e9;
      }
    } finally {
      Files.delete(file);
    }
    System.out.printf(
        Locale.ROOT,
        "| %s | %d | %s | %d | %.2f | %.2f | %.2f | %.3f | %.2f | %.2f |%n",
        name,
        level,
        chunk,
        threads,
        median(cpu),
        median(wall),
        compressed.length / 1e6,
        compressed.length / (double) tar.length,
        median(inflate),
        median(gunzip));
  }

  private static long inflate(byte[] gz) throws IOException {
    long n = 0;
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz), 64 * 1024)) {
      for (int r = in.read(buffer); r >= 0; r = in.read(buffer)) {
        n += r;
      }
    }
    return n;
  }

  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static byte[] tar(Path binary) throws IOException {
    List<FileEntry> entries = new ArrayList<>();
    entries.add(
        new FileEntry(
            binary,
            AbsoluteUnixPath.get("/usr/local/bin/docker"),
            FilePermissions.fromOctalString("755"),
            FileEntriesLayer.DEFAULT_MODIFICATION_TIME,
            "0:0"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new ReproducibleLayerBuilder(ImmutableList.copyOf(entries)).build().writeTo(out);
    return out.toByteArray();
  }
}
