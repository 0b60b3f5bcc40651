package io.github.jenkinsdind.maven;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads the {@code platforms} setting: {@code os/architecture} values, comma-separated. */
final class PlatformsSetting {
  private PlatformsSetting() {}

  /**
   * Reads the setting.
   *
   * @param text the setting, or {@code null} or blank when unset
   * @return the platforms, in order; empty when unset
   * @throws ConfigurationException naming {@code platforms} for a malformed platform, or {@code
   *     all}, which is not supported yet
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
      if (item.strip().toLowerCase(Locale.ROOT).equals("all")) {
        throw new ConfigurationException(
            "platforms=all (every platform of the base) is not supported yet",
            Setting.PLATFORMS,
            text,
            "perhaps you should list the platforms, for example linux/amd64,linux/arm64");
      }
      try {
        platforms.add(ImagePlatform.parse(item.strip()));
      } catch (ConfigurationException e) {
        throw new ConfigurationException(
            e.getMessage(),
            Setting.PLATFORMS,
            text,
            "perhaps you should write each platform as os/architecture, for example"
                + " linux/amd64,linux/arm64",
            e);
      }
    }
    return platforms;
  }
}
