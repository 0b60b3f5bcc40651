package io.github.jenkinsdind.core.internal.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Reads Docker's static tarball ({@code docker-VERSION.tgz}), which holds the CLI at {@code
 * docker/docker} beside the daemon's binaries. It is streamed: never held in memory.
 */
final class CliArchive {
  /** The CLI's entry in the official tarball. */
  static final String ENTRY = "docker/docker";

  /** A larger entry is not a docker CLI (they are about 40 MB); this guards against a tar bomb. */
  static final long MAX_BINARY_SIZE = 512L * 1024 * 1024;

  private CliArchive() {}

  /** The archive is not a readable gzip-compressed tar. */
  static final class CorruptArchiveException extends IOException {
    private static final long serialVersionUID = 1L;

    CorruptArchiveException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Says whether a file is gzip-compressed, by its first two bytes (not by its name).
   *
   * @param file the file
   * @return whether it starts with the gzip magic number
   * @throws IOException if it cannot be read
   */
  static boolean isGzip(Path file) throws IOException {
    byte[] magic;
    try (InputStream in = Files.newInputStream(file)) {
      magic = in.readNBytes(2);
    }
    return magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
  }

  /**
   * Extracts {@value #ENTRY} from a gzip-compressed tarball into a file, then reads the rest of the
   * compressed stream so that its checksum is verified too.
   *
   * @param tarball the tarball
   * @param target the file to write (created or replaced, not atomically: write a temporary file)
   * @return whether the entry was found; if not, {@code target} is left empty
   * @throws CorruptArchiveException if the tarball is not valid gzip or tar, or the entry is too
   *     large or not a regular file
   * @throws IOException if the tarball cannot be opened or the target cannot be written
   */
  static boolean extractDockerBinary(Path tarball, Path target) throws IOException {
    try (InputStream file = Files.newInputStream(tarball)) {
      GzipCompressorInputStream gzip = openGzip(file);
      TarArchiveInputStream tar = new TarArchiveInputStream(gzip);
      for (TarArchiveEntry entry = nextEntry(tar); entry != null; entry = nextEntry(tar)) {
        String name = entry.getName();
        if (name.startsWith("./")) {
          name = name.substring(2);
        }
        if (!ENTRY.equals(name)) {
          continue;
        }
        if (!entry.isFile()) {
          throw new CorruptArchiveException(
              "its entry " + ENTRY + " is not a regular file (a link or a directory)", null);
        }
        if (entry.getSize() > MAX_BINARY_SIZE) {
          throw new CorruptArchiveException(
              "its entry " + ENTRY + " is " + entry.getSize() + " bytes, too big for a docker CLI",
              null);
        }
        copy(tar, target);
        drain(gzip);
        return true;
      }
      return false;
    }
  }

  private static GzipCompressorInputStream openGzip(InputStream file) throws IOException {
    try {
      return GzipCompressorInputStream.builder()
          .setInputStream(file)
          .setDecompressConcatenated(true)
          .get();
    } catch (IOException e) {
      throw new CorruptArchiveException("its gzip header is invalid: " + e.getMessage(), e);
    }
  }

  private static TarArchiveEntry nextEntry(TarArchiveInputStream tar) throws IOException {
    try {
      return tar.getNextEntry();
    } catch (IOException e) {
      throw new CorruptArchiveException("it is not a valid tar archive: " + e.getMessage(), e);
    }
  }

  private static void copy(InputStream entry, Path target) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(target)) {
      while (true) {
        int n;
        try {
          n = entry.read(buffer);
        } catch (IOException e) {
          throw new CorruptArchiveException(
              "reading its entry " + ENTRY + " failed: " + e.getMessage(), e);
        }
        if (n < 0) {
          return;
        }
        out.write(buffer, 0, n);
      }
    }
  }

  private static void drain(InputStream gzip) throws CorruptArchiveException {
    byte[] buffer = new byte[64 * 1024];
    try {
      while (gzip.read(buffer) >= 0) {
        // Reading to the end makes the gzip stream check its CRC and length.
      }
    } catch (IOException e) {
      throw new CorruptArchiveException("its gzip data is corrupt: " + e.getMessage(), e);
    }
  }
}
