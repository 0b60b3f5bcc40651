package io.github.jenkinsdind.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The static busybox of each architecture the multi-platform fixtures need: this machine's own for
 * {@code amd64} ({@link JenkinsBaseImages#BUSYBOX}), and Debian's {@code busybox-static} for {@code
 * arm64} and {@code ppc64le}, which {@code .ci/foreign-binaries.sh} downloads with a private apt
 * configuration and names in {@code foreign.properties} of the services directory ({@link
 * TestServices#servicesDirectory()}).
 *
 * <p>Each file is checked to be an ELF executable of the right machine before it is used, so a
 * fixture can never again carry an x86-64 busybox under an arm64 label. Nothing here downloads (the
 * tests use the network on loopback only): a missing file fails with what to run.
 */
public final class ForeignBinaries {

  /** ELF {@code e_machine} of x86-64. */
  public static final int EM_X86_64 = 62;

  /** ELF {@code e_machine} of aarch64. */
  public static final int EM_AARCH64 = 183;

  /** ELF {@code e_machine} of 64-bit PowerPC. */
  public static final int EM_PPC64 = 21;

  private static final String HOW_TO_FIX =
      "perhaps you should run `.ci/foreign-binaries.sh` (with SERVICES_DIR set as for"
          + " .ci/services.sh)";

  private ForeignBinaries() {}

  /**
   * Returns the static busybox for an architecture.
   *
   * @param architecture the OCI architecture: {@code amd64}, {@code arm64} or {@code ppc64le}
   * @return the binary, checked to be an ELF file of that architecture's machine
   * @throws AssertionError if it is missing or of another machine
   */
  public static Path busybox(String architecture) {
    Path file =
        architecture.equals("amd64")
            ? JenkinsBaseImages.BUSYBOX
            : Path.of(property("busybox." + architecture));
    int machine = elfMachine(file);
    if (machine != expectedMachine(architecture)) {
      throw new AssertionError(
          file
              + " is an ELF file of machine "
              + machine
              + ", not of "
              + architecture
              + "; "
              + HOW_TO_FIX);
    }
    return file;
  }

  /**
   * The ELF machine of an architecture.
   *
   * @param architecture {@code amd64}, {@code arm64} or {@code ppc64le}
   * @return its {@code e_machine}
   */
  public static int expectedMachine(String architecture) {
    switch (architecture) {
      case "amd64":
        return EM_X86_64;
      case "arm64":
        return EM_AARCH64;
      case "ppc64le":
        return EM_PPC64;
      default:
        throw new IllegalArgumentException("no fixture binary for " + architecture);
    }
  }

  /**
   * Reads the {@code e_machine} of a 64-bit little-endian ELF file.
   *
   * @param file the file
   * @return its machine
   * @throws AssertionError if it is not such a file
   */
  public static int elfMachine(Path file) {
    byte[] header;
    try (InputStream in = Files.newInputStream(file)) {
      header = in.readNBytes(20);
    } catch (IOException e) {
      throw new AssertionError("Cannot read " + file + ": " + e + "; " + HOW_TO_FIX, e);
    }
    if (header.length < 20
        || header[0] != 0x7f
        || header[1] != 'E'
        || header[2] != 'L'
        || header[3] != 'F'
        || header[4] != 2
        || header[5] != 1) {
      throw new AssertionError(file + " is not a 64-bit little-endian ELF file; " + HOW_TO_FIX);
    }
    return (header[18] & 0xff) | (header[19] & 0xff) << 8;
  }

  private static String property(String key) {
    Path file = TestServices.servicesDirectory().resolve("foreign.properties");
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      properties.load(in);
    } catch (IOException e) {
      throw new AssertionError("Cannot read " + file + " (" + e + "); " + HOW_TO_FIX, e);
    }
    String value = properties.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new AssertionError(file + " has no " + key + "; " + HOW_TO_FIX);
    }
    return value;
  }
}
