package io.github.jenkinsdind.core.internal.jib;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GzipMembersTest {
  private static final int CHUNK = 64 * 1024;

  @TempDir Path temp;

  /** Half text, half random: compressible, as a binary is. */
  private static byte[] input(int size, long seed) {
    byte[] bytes = new byte[size];
    Random random = new Random(seed);
    random.nextBytes(bytes);
    byte[] text = "docker buildx compose cli-plugins ".repeat(64).getBytes();
    for (int i = 0; i < size / 2; i++) {
      bytes[i] = text[(i * 7 + random.nextInt(3)) % text.length];
    }
    return bytes;
  }

  private static byte[] compress(byte[] data, int threads, int inFlight, int writeSize)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GzipMembers gzip = new GzipMembers(out, 1, CHUNK, pool, inFlight)) {
      for (int off = 0; off < data.length; off += writeSize) {
        gzip.write(data, off, Math.min(writeSize, data.length - off));
      }
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
    return out.toByteArray();
  }

  private static byte[] readAll(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  @Test
  void theBytesDependNeitherOnTheThreadsNorOnHowTheInputIsWritten() throws Exception {
    byte[] data = input(10 * CHUNK + 12345, 1);
    byte[] one = compress(data, 1, 1, 1 << 20);

    assertThat(compress(data, 2, 4, 1 << 20)).isEqualTo(one);
    assertThat(compress(data, 4, 8, 8191)).isEqualTo(one);
    assertThat(compress(data, 3, 2, CHUNK)).isEqualTo(one);
    assertThat(compress(data, 2, 4, 1)).isEqualTo(one);
  }

  @Test
  void javaAndCommonsCompressAndGzipReadEveryMember() throws Exception {
    byte[] data = input(7 * CHUNK + 99, 2);
    byte[] gz = compress(data, 2, 4, 4096);

    assertThat(readAll(new GZIPInputStream(new ByteArrayInputStream(gz)))).isEqualTo(data);
    assertThat(
            readAll(
                GzipCompressorInputStream.builder()
                    .setInputStream(new ByteArrayInputStream(gz))
                    .setDecompressConcatenated(true)
                    .get()))
        .isEqualTo(data);
    Path file = temp.resolve("layer.gz");
    Files.write(file, gz);
    Process gunzip = new ProcessBuilder("gzip", "-dc", file.toString()).start();
    byte[] byGzip = readAll(gunzip.getInputStream());
    assertThat(gunzip.waitFor()).isZero();
    assertThat(byGzip).isEqualTo(data);
  }

  @Test
  void oneMemberPerChunkEachAWholeGzipStream() throws Exception {
    byte[] data = input(3 * CHUNK + 1, 3);
    byte[] gz = compress(data, 2, 2, 1000);

    byte[] first = GzipMembers.member(data, CHUNK, 1);
    ByteArrayOutputStream alone = new ByteArrayOutputStream();
    for (int off = 0; off < data.length; off += CHUNK) {
      byte[] chunk = Arrays.copyOfRange(data, off, Math.min(data.length, off + CHUNK));
      alone.writeBytes(GzipMembers.member(chunk, chunk.length, 1));
    }
    assertThat(gz).isEqualTo(alone.toByteArray());
    assertThat(Arrays.copyOf(gz, first.length)).isEqualTo(first);
    assertThat(readAll(new GZIPInputStream(new ByteArrayInputStream(first))))
        .isEqualTo(Arrays.copyOf(data, CHUNK));
    // the header: magic, deflate, no flags, no time, XFL 4 (fastest), OS unknown
    assertThat(Arrays.copyOf(gz, 10)).containsExactly(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 4, 0xff);
  }

  @Test
  void anEmptyInputIsOneEmptyMember() throws Exception {
    byte[] gz = compress(new byte[0], 2, 2, 1);

    assertThat(readAll(new GZIPInputStream(new ByteArrayInputStream(gz)))).isEmpty();
    assertThat(gz).isEqualTo(GzipMembers.member(new byte[0], 0, 1));
  }
}
