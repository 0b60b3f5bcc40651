package io.github.jenkinsdind.core.internal.index;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A setting that takes one value per architecture, such as the docker CLI's sha256 pin or a local
 * CLI binary: either one value for the only platform built (today's form, {@code
 * dockerClientSha256=0144…}), or {@code architecture=value} pairs separated by commas or white
 * space:
 *
 * <pre>
 * dockerClientSha256=amd64=0144…,arm64=5656…
 * </pre>
 *
 * <p>Why this form and not a map of elements ({@code <dockerClientSha256s><amd64>…}): it is one
 * setting with one type, written the same way in a build file and on a command line (a map cannot
 * be given as one command-line property); in a build file the pairs go one per line, which reads
 * like a map anyway; and a one-platform build keeps today's bare value. The keys are the
 * architectures as platforms name them ({@code amd64}, not Docker's download directory {@code
 * x86_64}), with a variant after a dash ({@code arm-v7}), so they match the {@code platforms} a
 * user wrote; Docker's directory names are refused with the right key suggested.
 *
 * @param setting the setting the values belong to
 * @param shared the one value for every architecture, if the setting gave a bare value
 * @param byArchitecture the values by architecture key, if it gave pairs (sorted, unmodifiable)
 */
public record ArchitectureValues(
    Setting setting, Optional<String> shared, SortedMap<String, String> byArchitecture) {

  /** The architectures Docker publishes a static CLI for, as platforms name them. */
  public static final Set<String> KNOWN =
      Set.of("amd64", "arm64", "arm-v6", "arm-v7", "ppc64le", "s390x");

  /** Docker's download directories, and the key to write instead. */
  private static final Map<String, String> DOCKER_NAMES =
      Map.of(
          "x86_64", "amd64", "aarch64", "arm64", "armhf", "arm-v7", "armel", "arm-v6", "arm",
          "arm-v7");

  private static final Pattern SEPARATORS = Pattern.compile("[,\\s]+");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  /** Checks the parts and copies the map. */
  public ArchitectureValues {
    Objects.requireNonNull(setting, "setting");
    Objects.requireNonNull(shared, "shared");
    if (shared.isPresent() == !byArchitecture.isEmpty()) {
      throw new IllegalArgumentException("either one shared value or values by architecture");
    }
    byArchitecture = Collections.unmodifiableSortedMap(new TreeMap<>(byArchitecture));
  }

  /**
   * Reads a bare value or {@code architecture=value} pairs.
   *
   * @param setting the setting, named in errors
   * @param text the setting's text
   * @return the values
   * @throws ConfigurationException if the text is blank, mixes a bare value with pairs, names an
   *     unknown architecture or one twice, or gives one no value
   */
  public static ArchitectureValues parse(Setting setting, String text)
      throws ConfigurationException {
    String[] items = text == null ? new String[0] : SEPARATORS.split(text.strip());
    if (items.length == 0 || items[0].isEmpty()) {
      throw error(setting, text, "is empty", "give it a value, or amd64=…,arm64=… pairs");
    }
    if (items.length == 1 && items[0].indexOf('=') < 0) {
      return new ArchitectureValues(setting, Optional.of(items[0]), new TreeMap<>());
    }
    SortedMap<String, String> values = new TreeMap<>();
    for (String item : items) {
      int equals = item.indexOf('=');
      String key = equals < 0 ? "" : item.substring(0, equals).toLowerCase(Locale.ROOT);
      String value = equals < 0 ? "" : item.substring(equals + 1);
      if (equals <= 0 || value.isEmpty()) {
        throw error(
            setting,
            text,
            "has '" + item + "', which is not architecture=value",
            "give one value for every architecture, like amd64=…,arm64=…");
      }
      checkKey(setting, text, key);
      if (values.put(key, value) != null) {
        throw error(setting, text, "names " + key + " twice", "give each architecture once");
      }
    }
    return new ArchitectureValues(setting, Optional.empty(), values);
  }

  /**
   * Reads sha256 pins: as {@link #parse}, each value 64 hex digits (lower-cased).
   *
   * @param setting the setting, named in errors
   * @param text the setting's text
   * @return the pins
   * @throws ConfigurationException as {@link #parse}, or if a value is not a sha256
   */
  public static ArchitectureValues parseSha256s(Setting setting, String text)
      throws ConfigurationException {
    ArchitectureValues values = parse(setting, text);
    SortedMap<String, String> lower = new TreeMap<>();
    for (Map.Entry<String, String> e : values.byArchitecture.entrySet()) {
      lower.put(e.getKey(), sha256(setting, text, e.getKey() + " has", e.getValue()));
    }
    Optional<String> shared =
        values.shared.isPresent()
            ? Optional.of(sha256(setting, text, "it is", values.shared.get()))
            : Optional.empty();
    return new ArchitectureValues(setting, shared, lower);
  }

  /**
   * Checks that the values can serve the platforms built: a bare value serves only one platform.
   * Pairs for architectures not built are allowed (one build file can serve builds of fewer
   * platforms); a platform without a pair simply has no value ({@link #forPlatform}).
   *
   * @param platforms the platforms built
   * @throws ConfigurationException if a bare value would have to serve several platforms
   */
  public void checkServes(List<IndexPlatform> platforms) throws ConfigurationException {
    if (shared.isPresent() && platforms.size() > 1) {
      StringBuilder example = new StringBuilder();
      for (IndexPlatform platform : platforms) {
        example.append(example.length() == 0 ? "" : ",").append(platform.architectureKey());
        example.append("=…");
      }
      throw error(
          setting,
          shared.get(),
          "is one value, but " + platforms.size() + " platforms are built",
          "give one value per architecture: " + example);
    }
  }

  /**
   * Returns the value for a platform: the shared value, the value of its architecture and variant
   * ({@code arm-v7}), or else of its architecture alone ({@code arm64} serves {@code
   * linux/arm64/v8}).
   *
   * @param platform the platform
   * @return its value, if any
   */
  public Optional<String> forPlatform(IndexPlatform platform) {
    if (shared.isPresent()) {
      return shared;
    }
    String value = byArchitecture.get(platform.architectureKey());
    return Optional.ofNullable(value != null ? value : byArchitecture.get(platform.architecture()));
  }

  /**
   * Checks an architecture key of a per-architecture setting.
   *
   * @param setting the setting, named in the error
   * @param text the setting's text, named in the error
   * @param key the key, lower-case
   * @throws ConfigurationException if Docker publishes no CLI for it, with the right key when it is
   *     one of Docker's download directory names
   */
  public static void checkKey(Setting setting, String text, String key)
      throws ConfigurationException {
    if (KNOWN.contains(key)) {
      return;
    }
    String instead = DOCKER_NAMES.get(key);
    throw error(
        setting,
        text,
        "names the architecture '" + key + "', which is not one Docker publishes a CLI for",
        instead != null
            ? "write "
                + instead
                + "=… (architectures are named as in platforms, not as in"
                + " Docker's download directories)"
            : "use one of " + String.join(", ", new TreeSet<>(KNOWN)));
  }

  private static String sha256(Setting setting, String text, String what, String value)
      throws ConfigurationException {
    String lower = value.toLowerCase(Locale.ROOT);
    if (!SHA256.matcher(lower).matches()) {
      throw error(
          setting, text, what + " '" + value + "', not a sha256", "give 64 hexadecimal digits");
    }
    return lower;
  }

  private static ConfigurationException error(
      Setting setting, String text, String problem, String fix) {
    return new ConfigurationException(
        setting.key() + " " + problem,
        setting,
        text,
        Suggestion.perhaps().text(fix + " in ").setting(setting).build(),
        null);
  }
}
