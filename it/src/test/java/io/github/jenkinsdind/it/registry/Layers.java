package io.github.jenkinsdind.it.registry;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Reads layer blobs the way a test needs: the small regular files of a (gzip) tar, by path. */
final class Layers {

  private Layers() {}

  /**
   * Reads the regular files of at most 64 KiB of a layer blob.
   *
   * @param blob the blob, gzip-compressed or plain tar; closed here
   * @return entry name (as stored, for example {@code etc/passwd}) to UTF-8 content
   * @throws IOException if it is not a readable tar
   */
  static Map<String, String> smallFiles(InputStream blob) throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    try (InputStream buffered = new BufferedInputStream(blob)) {
      buffered.mark(2);
      boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
      buffered.reset();
      InputStream plain = gzip ? new GzipCompressorInputStream(buffered) : buffered;
      try (TarArchiveInputStream tar = new TarArchiveInputStream(plain)) {
        for (TarArchiveEntry entry = tar.getNextEntry();
            entry != null;
            entry = tar.getNextEntry()) {
          if (entry.isFile() && entry.getSize() <= 64 * 1024) {
            files.put(entry.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
          }
        }
      }
    }
    return files;
  }
}
