package io.github.jenkinsdind.maven;

import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the {@code platforms} setting: {@code os/architecture} values, comma-separated, or {@code
 * all} for every platform of the base that a docker CLI exists for ({@link
 * BuildRequest.Builder#allPlatforms()}).
 */
final class PlatformsSetting {
  /** The word for every platform of the base. */
  static final String ALL = "all";

  private PlatformsSetting() {}

  /**
   * Sets the platforms of a request from the setting.
   *
   * @param text the setting, or {@code null} or blank when unset (one platform)
   * @param request the request being made
   * @throws ConfigurationException naming {@code platforms} for a malformed platform, or {@code
   *     all} next to platforms
   */
  static void apply(String text, BuildRequest.Builder request) throws ConfigurationException {
    if (text != null && text.strip().toLowerCase(Locale.ROOT).equals(ALL)) {
      request.allPlatforms();
    } else {
      request.platforms(parse(text));
    }
  }

  /**
   * Reads a list of platforms.
   *
   * @param text the setting, or {@code null} or blank when unset
   * @return the platforms, in order; empty when unset
   * @throws ConfigurationException naming {@code platforms} for a malformed platform, or {@code
   *     all} next to other platforms
   */
  static List<ImagePlatform> parse(String text) throws ConfigurationException {
    List<ImagePlatform> platforms = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return platforms;
    }
    for (String item : text.split("[,\\s]+")) {
      if (item.isBlank()) {
        continue;
      }
      if (item.strip().toLowerCase(Locale.ROOT).equals(ALL)) {
        throw new ConfigurationException(
            "platforms has all next to other platforms: " + text,
            Setting.PLATFORMS,
            text,
            "perhaps you should set it to all alone (every platform of the base), or list the"
                + " platforms, for example linux/amd64,linux/arm64");
      }
      try {
        platforms.add(ImagePlatform.parse(item.strip()));
      } catch (ConfigurationException e) {
        throw new ConfigurationException(
            e.getMessage(),
            Setting.PLATFORMS,
            text,
            "perhaps you should write each platform as os/architecture, for example"
                + " linux/amd64,linux/arm64, or all for every platform of the base",
            e);
      }
    }
    return platforms;
  }
}
