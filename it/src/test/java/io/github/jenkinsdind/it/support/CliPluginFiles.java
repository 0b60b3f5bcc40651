package io.github.jenkinsdind.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The real docker CLI plugins (and the newer docker CLI) that {@code .ci/cli-plugins.sh} unpacked
 * from Debian 13's {@code docker-buildx}, {@code docker-compose} and {@code docker-cli} packages,
 * as {@code cli-plugins.properties} in the services directory names them. They are dynamically
 * linked against glibc, like the CLI of {@link DockerCliServer}: they run in the images of {@link
 * JenkinsBaseImages}, which carry the libraries.
 *
 * @param buildx the {@code docker-buildx} binary
 * @param buildxVersion its version, for example {@code 0.13.1}
 * @param compose the {@code docker-compose} binary
 * @param composeVersion its version, for example {@code 2.26.1}
 * @param cli the {@code docker} binary of {@code docker-cli}
 * @param cliVersion its version, for example {@code 26.1.5}
 */
public record CliPluginFiles(
    Path buildx,
    String buildxVersion,
    Path compose,
    String composeVersion,
    Path cli,
    String cliVersion) {

  private static CliPluginFiles instance;

  /**
   * Reads {@code cli-plugins.properties} once per JVM.
   *
   * @return the files
   * @throws AssertionError if {@code .ci/cli-plugins.sh} has not run
   */
  public static synchronized CliPluginFiles get() {
    if (instance == null) {
      Path file = TestServices.servicesDirectory().resolve("cli-plugins.properties");
      if (!Files.isRegularFile(file)) {
        throw new AssertionError(
            file + " does not exist: run `bash .ci/cli-plugins.sh` (as root) first");
      }
      Properties properties = new Properties();
      try (InputStream in = Files.newInputStream(file)) {
        properties.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      instance =
          new CliPluginFiles(
              Path.of(properties.getProperty("buildx.file")),
              properties.getProperty("buildx.version"),
              Path.of(properties.getProperty("compose.file")),
              properties.getProperty("compose.version"),
              Path.of(properties.getProperty("cli.file")),
              properties.getProperty("cli.version"));
    }
    return instance;
  }

  /**
   * Returns the sha256 of a file, lower-case hex.
   *
   * @param file the file
   * @return the checksum
   */
  public static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
