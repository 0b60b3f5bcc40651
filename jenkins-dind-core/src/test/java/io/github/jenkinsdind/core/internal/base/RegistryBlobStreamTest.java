package io.github.jenkinsdind.core.internal.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RegistryBlobStreamTest {
  private final AtomicInteger aborts = new AtomicInteger();

  private RegistryBlobStream start(RegistryBlobStream.Producer producer) {
    return RegistryBlobStream.start(
        producer,
        "test-blob-writer",
        aborts::incrementAndGet,
        failure -> new IOException("download failed: " + failure.getMessage(), failure));
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    new Random(42).nextBytes(bytes);
    return bytes;
  }

  @Test
  void streamsEveryByteInOrderThenEnds() throws Exception {
    byte[] blob = randomBytes(3 * 1024 * 1024 + 17);
    RegistryBlobStream stream =
        start(
            out -> {
              for (int off = 0; off < blob.length; off += 8192) {
                out.write(blob, off, Math.min(8192, blob.length - off));
              }
              out.write(new byte[0], 0, 0);
            });

    try (InputStream in = stream) {
      assertThat(in.readAllBytes()).isEqualTo(blob);
      assertThat(in.read()).isEqualTo(-1);
    }
    // the writer thread ends right after its last byte; on a busy machine the reader may get there
    // first
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (stream.writerAlive() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(stream.writerAlive()).isFalse();
    assertThat(aborts.get()).isEqualTo(1); // the connection is freed once the blob is written
  }

  @Test
  void aFailureReachesTheReaderAfterTheBytesWrittenBeforeIt() throws Exception {
    try (RegistryBlobStream stream =
        start(
            out -> {
              out.write(new byte[] {1, 2, 3});
              out.write(4);
              throw new IOException("digest mismatch");
            })) {
      byte[] first = new byte[4];
      assertThat(stream.readNBytes(first, 0, 4)).isEqualTo(4);
      assertThat(first).containsExactly(1, 2, 3, 4);
      assertThatThrownBy(stream::read)
          .isInstanceOf(IOException.class)
          .hasMessage("download failed: digest mismatch")
          .hasCauseInstanceOf(IOException.class);
      assertThatThrownBy(stream::read).hasMessage("download failed: digest mismatch");
    }
  }

  @Test
  void closingEarlyCancelsAWriterBlockedOnAFullQueueQuietly() throws Exception {
    CountDownLatch queueFull = new CountDownLatch(1);
    AtomicInteger writes = new AtomicInteger();
    RegistryBlobStream stream =
        start(
            out -> {
              byte[] chunk = new byte[8192];
              while (true) { // an endless blob
                out.write(chunk);
                if (writes.incrementAndGet() >= 60) { // the queue holds 64 chunks
                  queueFull.countDown();
                }
              }
            });
    assertThat(stream.read(new byte[100])).isEqualTo(100);
    assertThat(queueFull.await(10, TimeUnit.SECONDS)).isTrue();

    long start = System.nanoTime();
    stream.close();

    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2_000);
    assertThat(stream.writerAlive()).isFalse();
    assertThat(aborts.get()).isGreaterThanOrEqualTo(1);
    assertThatThrownBy(stream::read).isInstanceOf(IOException.class).hasMessage("stream closed");
  }

  @Test
  void closingEarlyAbortsAWriterWaitingForTheNetwork() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch connection = new CountDownLatch(1);
    RegistryBlobStream stream =
        RegistryBlobStream.start(
            out -> {
              started.countDown();
              try {
                // stands for a socket read: only closing the connection ends it
                connection.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              throw new IOException("Socket closed");
            },
            "test-blob-writer",
            connection::countDown,
            failure -> new IOException(failure));
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    stream.close();

    assertThat(stream.writerAlive()).isFalse();
  }

  @Test
  void aProducerThatEndsWithoutWritingGivesAnEmptyStream() throws Exception {
    try (RegistryBlobStream stream = start(out -> {})) {
      assertThat(stream.read()).isEqualTo(-1);
      assertThat(stream.read(new byte[0], 0, 0)).isZero();
    }
  }
}
