package io.github.jenkinsdind.core.internal.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/** Real files for the docker CLI tests: tarballs in the official layout and crafted ELF files. */
final class CliFixtures {
  /**
   * A real ELF binary of the machine's architecture (x86_64 on the build machines), of about the
   * docker CLI's size, that every machine running these tests has: the JVM's own {@code libjvm.so}.
   * It stands for the docker CLI binary; the resolver checks only that a binary is ELF for the
   * platform, never runs it.
   */
  static final Path REAL_DOCKER =
      Path.of(System.getProperty("java.home"), "lib", "server", "libjvm.so");

  /** The version it is given. */
  static final String REAL_VERSION = "28.2.2";

  private CliFixtures() {}

  /**
   * Writes a gzip-compressed tarball with the given entries, in order, each a regular file.
   *
   * @param target the file to write
   * @param entries entry name to the file holding its content
   * @return the target
   */
  static Path tgz(Path target, Map<String, Path> entries) throws IOException {
    GzipParameters parameters = new GzipParameters();
    parameters.setCompressionLevel(1);
    try (OutputStream file = Files.newOutputStream(target);
        GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(file, parameters);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
      for (Map.Entry<String, Path> entry : entries.entrySet()) {
        TarArchiveEntry header = new TarArchiveEntry(entry.getKey());
        header.setSize(Files.size(entry.getValue()));
        header.setMode(0100755);
        tar.putArchiveEntry(header);
        Files.copy(entry.getValue(), tar);
        tar.closeArchiveEntry();
      }
      tar.finish();
    }
    return target;
  }

  /**
   * Writes a file that starts with an ELF identification and header prefix, then pseudo-random
   * bytes: enough to look like a binary of that machine to a reader of ELF headers.
   *
   * @param target the file to write
   * @param is64Bit ELFCLASS64 or ELFCLASS32
   * @param bigEndian ELFDATA2MSB or ELFDATA2LSB
   * @param machine e_machine
   * @return the target
   */
  static Path elf(Path target, boolean is64Bit, boolean bigEndian, int machine) throws IOException {
    byte[] bytes = new byte[256 * 1024];
    new Random(machine).nextBytes(bytes);
    bytes[0] = 0x7f;
    bytes[1] = 'E';
    bytes[2] = 'L';
    bytes[3] = 'F';
    bytes[4] = (byte) (is64Bit ? 2 : 1);
    bytes[5] = (byte) (bigEndian ? 2 : 1);
    bytes[6] = 1;
    for (int i = 7; i < 16; i++) {
      bytes[i] = 0;
    }
    putShort(bytes, 16, 2, bigEndian);
    putShort(bytes, 18, machine, bigEndian);
    Files.write(target, bytes);
    return target;
  }

  private static void putShort(byte[] bytes, int offset, int value, boolean bigEndian) {
    byte high = (byte) (value >>> 8);
    byte low = (byte) value;
    bytes[offset] = bigEndian ? high : low;
    bytes[offset + 1] = bigEndian ? low : high;
  }
}
