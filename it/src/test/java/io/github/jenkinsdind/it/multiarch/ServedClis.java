package io.github.jenkinsdind.it.multiarch;

import io.github.jenkinsdind.it.support.DockerCliServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The docker CLI tgz files a {@link DockerCliServer} serves for each architecture, fetched over its
 * loopback http as the build would, so that a test can pin their sha256 or hand them to the build
 * as local files: {@code x86_64} is the real CLI, {@code aarch64} and {@code ppc64le} Debian's
 * static busybox of that machine.
 */
public final class ServedClis {
  private ServedClis() {}

  /**
   * Fetches the tgz served for an architecture.
   *
   * @param server the server
   * @param downloadArchitecture Docker's directory name: {@code x86_64}, {@code aarch64}, {@code
   *     ppc64le}
   * @param directory where the file goes
   * @return the file, {@code docker-<arch>.tgz}
   */
  public static Path fetch(DockerCliServer server, String downloadArchitecture, Path directory) {
    String url =
        server
            .urlTemplate()
            .replace("{arch}", downloadArchitecture)
            .replace("{version}", DockerCliServer.VERSION);
    try {
      Path file =
          Files.createDirectories(directory).resolve("docker-" + downloadArchitecture + ".tgz");
      try (InputStream in = URI.create(url).toURL().openStream()) {
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("could not fetch " + url, e);
    }
  }

  /**
   * Returns the sha256 of the tgz served for an architecture.
   *
   * @param server the server
   * @param downloadArchitecture Docker's directory name
   * @param directory where the fetched file goes
   * @return lower-case hex
   */
  public static String sha256(DockerCliServer server, String downloadArchitecture, Path directory) {
    return sha256(fetch(server, downloadArchitecture, directory));
  }

  /**
   * Returns a file's sha256.
   *
   * @param file the file
   * @return lower-case hex
   */
  public static String sha256(Path file) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
