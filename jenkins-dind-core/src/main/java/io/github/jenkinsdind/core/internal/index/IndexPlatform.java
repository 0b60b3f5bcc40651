package io.github.jenkinsdind.core.internal.index;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The platform of one image in an index, as OCI and Docker write it: {@code os}, {@code
 * architecture} and an optional {@code variant} ({@code linux/arm/v7}). {@link ImagePlatform}, the
 * API's one-platform value, has no variant; {@link #of(ImagePlatform)} and {@link #imagePlatform()}
 * convert.
 *
 * @param os the operating system, for example {@code linux}
 * @param architecture the architecture, for example {@code arm64}
 * @param variant the variant, for example {@code v7}, if any
 */
public record IndexPlatform(String os, String architecture, Optional<String> variant) {

  /** A part: lower-case letters, digits, {@code _} and {@code .}, as in Go's GOOS/GOARCH. */
  private static final Pattern PART = Pattern.compile("[a-z0-9][a-z0-9_.]*");

  /**
   * Checks the parts.
   *
   * @param os the operating system
   * @param architecture the architecture
   * @param variant the variant, if any
   */
  public IndexPlatform {
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(variant, "variant");
    if (!PART.matcher(os).matches()
        || !PART.matcher(architecture).matches()
        || !variant.map(v -> PART.matcher(v).matches()).orElse(true)) {
      throw new IllegalArgumentException(
          "not a platform: " + os + "/" + architecture + variant.map(v -> "/" + v).orElse(""));
    }
  }

  /**
   * A platform without a variant.
   *
   * @param os the operating system
   * @param architecture the architecture
   * @return the platform
   */
  public static IndexPlatform of(String os, String architecture) {
    return new IndexPlatform(os, architecture, Optional.empty());
  }

  /**
   * The API's platform, which has no variant.
   *
   * @param platform the platform
   * @return the same platform without a variant
   */
  public static IndexPlatform of(ImagePlatform platform) {
    return of(platform.os(), platform.architecture());
  }

  /**
   * Reads {@code os/architecture} or {@code os/architecture/variant}.
   *
   * @param text for example {@code linux/arm64} or {@code linux/arm/v7}
   * @param setting the setting the text comes from, named in the error
   * @return the platform
   * @throws ConfigurationException if the text is not of that form
   */
  public static IndexPlatform parse(String text, Setting setting) throws ConfigurationException {
    String[] parts = text == null ? new String[0] : text.strip().split("/", -1);
    if (parts.length == 2 || parts.length == 3) {
      try {
        return new IndexPlatform(
            parts[0], parts[1], parts.length == 3 ? Optional.of(parts[2]) : Optional.empty());
      } catch (IllegalArgumentException e) {
        // reported below
      }
    }
    throw new ConfigurationException(
        "'" + text + "' is not a platform of the form os/architecture or os/architecture/variant",
        setting,
        text,
        Suggestion.perhaps()
            .text("write it like linux/amd64, linux/arm64 or linux/arm/v7 in ")
            .setting(setting)
            .build(),
        null);
  }

  /**
   * Returns the API's platform: the same os and architecture, without the variant.
   *
   * @return the platform
   */
  public ImagePlatform imagePlatform() {
    return new ImagePlatform(os, architecture);
  }

  /**
   * Returns the architecture with its variant, as the per-architecture settings name it: {@code
   * arm64}, {@code arm-v7}.
   *
   * @return the architecture key
   */
  public String architectureKey() {
    return architecture + variant.map(v -> "-" + v).orElse("");
  }

  /**
   * Returns {@code os/architecture[/variant]}.
   *
   * @return for example {@code linux/arm/v7}
   */
  @Override
  public String toString() {
    return os + "/" + architecture + variant.map(v -> "/" + v).orElse("");
  }
}
