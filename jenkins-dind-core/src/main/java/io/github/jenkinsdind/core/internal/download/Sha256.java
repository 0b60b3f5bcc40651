package io.github.jenkinsdind.core.internal.download;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** SHA-256 digests as lower-case hex, and the checking of a configured one. */
public final class Sha256 {
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
  private static final String PREFIX = "sha256:";

  private Sha256() {}

  /**
   * Creates a SHA-256 digest.
   *
   * @return a fresh digest
   */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * Formats a finished digest.
   *
   * @param digest the digest, finished by this call
   * @return 64 lower-case hex characters
   */
  public static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * Computes the sha256 of a file, reading it as a stream.
   *
   * @param file the file
   * @return 64 lower-case hex characters
   * @throws IOException if it cannot be read
   */
  public static String ofFile(Path file) throws IOException {
    MessageDigest digest = newDigest();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return hex(digest);
  }

  /**
   * Computes the sha256 of a text's UTF-8 bytes.
   *
   * @param text the text
   * @return 64 lower-case hex characters
   */
  public static String ofText(String text) {
    MessageDigest digest = newDigest();
    digest.update(text.getBytes(StandardCharsets.UTF_8));
    return hex(digest);
  }

  /**
   * Checks and normalizes a configured sha256: 64 hex characters, either case, with an optional
   * {@code sha256:} prefix and surrounding blanks.
   *
   * @param configured the configured value; {@code null} or blank means none is configured
   * @param setting the setting it was configured in, named when it is malformed
   * @param file what the sha256 is of, for the suggestion: for example {@code docker CLI file}
   * @return 64 lower-case hex characters, or empty if none is configured
   * @throws ConfigurationException naming the setting if it is malformed
   */
  public static Optional<String> parseConfigured(String configured, Setting setting, String file)
      throws ConfigurationException {
    if (configured == null || configured.isBlank()) {
      return Optional.empty();
    }
    String value = configured.strip().toLowerCase(Locale.ROOT);
    if (value.startsWith(PREFIX)) {
      value = value.substring(PREFIX.length());
    }
    if (!HEX64.matcher(value).matches()) {
      throw new ConfigurationException(
          "'"
              + configured
              + "' is not a sha256: it must be 64 hexadecimal characters, optionally prefixed with"
              + " 'sha256:'",
          setting,
          configured,
          "perhaps you should copy the value printed by 'sha256sum' for the "
              + file
              + " into "
              + setting.key());
    }
    return Optional.of(value);
  }
}
