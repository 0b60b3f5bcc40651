package io.github.jenkinsdind.maven;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a local-file setting that may give one file per architecture ({@code dockerClient}, {@code
 * buildxFile}, {@code composeFile}): a path, as before, or {@code architecture=path} pairs
 * separated by commas or white space, for a multi-platform image:
 *
 * <pre>
 * &lt;dockerClient&gt;amd64=tools/docker-x86_64.tgz,arm64=tools/docker-aarch64.tgz&lt;/dockerClient&gt;
 * </pre>
 *
 * <p>Relative paths are resolved against the project's directory, as Maven resolves a file
 * parameter. A value without {@code =} is one path (which may then hold blanks); the keys are
 * checked by the core, which names the architectures it knows.
 *
 * @param single the one file, or {@code null}
 * @param byArchitecture the files by architecture key, in the order given; empty for none
 */
record ArchitectureFilesSetting(Path single, Map<String, Path> byArchitecture) {

  /** Copies the map. */
  ArchitectureFilesSetting {
    byArchitecture = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byArchitecture));
  }

  /**
   * Reads the setting.
   *
   * @param setting the setting, named in errors
   * @param text its value, or {@code null} or blank when unset
   * @param basedir the project's directory
   * @return the files
   * @throws ConfigurationException naming the setting if a pair has no architecture or no path, or
   *     names an architecture twice
   */
  static ArchitectureFilesSetting parse(Setting setting, String text, Path basedir)
      throws ConfigurationException {
    if (text == null || text.isBlank()) {
      return new ArchitectureFilesSetting(null, Map.of());
    }
    String value = text.strip();
    if (value.indexOf('=') < 0) {
      return new ArchitectureFilesSetting(basedir.resolve(value).normalize(), Map.of());
    }
    Map<String, Path> files = new LinkedHashMap<>();
    for (String item : value.split("[,\\s]+")) {
      int equals = item.indexOf('=');
      if (equals <= 0 || equals == item.length() - 1) {
        throw error(setting, text, "has '" + item + "', which is not architecture=path");
      }
      String key = item.substring(0, equals).toLowerCase(Locale.ROOT);
      Path file = basedir.resolve(item.substring(equals + 1)).normalize();
      if (files.put(key, file) != null) {
        throw error(setting, text, "names " + key + " twice");
      }
    }
    return new ArchitectureFilesSetting(null, files);
  }

  private static ConfigurationException error(Setting setting, String text, String problem) {
    return new ConfigurationException(
        setting.key() + " " + problem,
        setting,
        text,
        Suggestion.perhaps()
            .text("give one path, or one path per architecture like amd64=…,arm64=… in ")
            .setting(setting)
            .build(),
        null);
  }
}
