package io.github.jenkinsdind.core.internal.base;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Opens layer blobs for {@link LayerWalker}: sniffs their compression and counts what is read. */
final class LayerStreams {
  private LayerStreams() {}

  /** Opens a layer as a tar, gzip-compressed or plain, counting the bytes read as stored. */
  static TarArchiveInputStream openTar(LayerWalker.Layer layer, Counter counter)
      throws IOException, JenkinsDindException {
    InputStream raw = layer.opener().open();
    try {
      BufferedInputStream in = new BufferedInputStream(new CountingStream(raw, counter), 65536);
      in.mark(8);
      byte[] magic = in.readNBytes(6);
      in.reset();
      String compression = compression(magic);
      if (compression.equals("gzip")) {
        return new TarArchiveInputStream(
            GzipCompressorInputStream.builder()
                .setInputStream(in)
                .setDecompressConcatenated(true)
                .get());
      } else if (!compression.isEmpty()) {
        throw new ConfigurationException(
            layer.description()
                + " of the base image uses an unsupported layer compression ("
                + compression
                + "); only gzip and uncompressed layers can be read",
            Setting.FROM,
            null,
            "perhaps you should use a base image whose layers are gzip-compressed");
      }
      return new TarArchiveInputStream(in);
    } catch (IOException | JenkinsDindException | RuntimeException e) {
      try {
        raw.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** Names the compression of a blob from its first bytes: "gzip", "" for none, or another. */
  static String compression(byte[] magic) {
    if (startsWith(magic, 0x1f, 0x8b)) {
      return "gzip";
    } else if (startsWith(magic, 0x28, 0xb5, 0x2f, 0xfd)) {
      return "zstd";
    } else if (startsWith(magic, 0xfd, '7', 'z', 'X', 'Z', 0x00)) {
      return "xz";
    } else if (startsWith(magic, 'B', 'Z', 'h')) {
      return "bzip2";
    }
    return "";
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xff) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** Counts the bytes read through it. */
  static final class Counter {
    private long count;

    long count() {
      return count;
    }
  }

  private static final class CountingStream extends FilterInputStream {
    private final Counter counter;

    CountingStream(InputStream in, Counter counter) {
      super(in);
      this.counter = counter;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        counter.count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        counter.count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      counter.count += Math.max(0, skipped);
      return skipped;
    }
  }
}
