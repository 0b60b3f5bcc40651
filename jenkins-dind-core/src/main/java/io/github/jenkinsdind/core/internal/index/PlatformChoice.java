package io.github.jenkinsdind.core.internal.index;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The value of the {@code platforms} setting: the platforms listed ({@code
 * linux/amd64,linux/arm64}, commas or white space between them, in the order given), or {@value
 * #ALL}, every platform of the base that a docker CLI exists for. Pure: {@link #select} decides
 * against the platforms the base has.
 */
public sealed interface PlatformChoice {

  /** The word for every platform of the base. */
  String ALL = "all";

  /**
   * The platforms a user listed.
   *
   * @param platforms the platforms, at least one, each once, in the order given
   */
  record Listed(List<IndexPlatform> platforms) implements PlatformChoice {
    /** Checks and copies the list. */
    public Listed {
      platforms = List.copyOf(platforms);
      if (platforms.isEmpty() || new LinkedHashSet<>(platforms).size() != platforms.size()) {
        throw new IllegalArgumentException("platforms, each once: " + platforms);
      }
    }
  }

  /** Every platform of the base that a docker CLI exists for. */
  record AllOfBase() implements PlatformChoice {}

  /**
   * The platforms chosen against a base, and those of the base left out (for a warning).
   *
   * @param chosen the platforms to build, in order
   * @param leftOut the base's platforms not built because no docker CLI exists for them
   */
  record Selection(List<IndexPlatform> chosen, List<IndexPlatform> leftOut) {
    /** Copies the lists. */
    public Selection {
      chosen = List.copyOf(chosen);
      leftOut = List.copyOf(leftOut);
    }
  }

  /**
   * Reads the setting.
   *
   * @param text for example {@code linux/amd64,linux/arm64} or {@code all}
   * @return the choice
   * @throws ConfigurationException if it is blank, names a platform twice or in another form, or
   *     mixes {@value #ALL} with platforms
   */
  static PlatformChoice parse(String text) throws ConfigurationException {
    String[] items =
        text == null ? new String[0] : Pattern.compile("[,\\s]+").split(text.strip(), -1);
    if (items.length == 0 || items[0].isEmpty()) {
      throw error(text, "names no platform");
    }
    if (items.length == 1 && items[0].toLowerCase(Locale.ROOT).equals(ALL)) {
      return new AllOfBase();
    }
    Set<IndexPlatform> platforms = new LinkedHashSet<>();
    for (String item : items) {
      if (item.equalsIgnoreCase(ALL)) {
        throw error(text, "has " + ALL + " next to other platforms");
      }
      IndexPlatform platform = IndexPlatform.parse(item, Setting.PLATFORMS);
      if (!platforms.add(platform)) {
        throw error(text, "names " + platform + " twice");
      }
    }
    return new Listed(new ArrayList<>(platforms));
  }

  /**
   * Chooses the platforms to build from those the base has. A list is taken as it is (the base
   * reader says if the base lacks one, the CLI resolver if no CLI exists for one); {@value #ALL}
   * takes the base's platforms a CLI exists for, in the base's order, and leaves the others out.
   *
   * @param base the platforms of the base, in its index's order
   * @param cliExists whether a docker CLI exists for a platform
   * @return the platforms to build and those left out
   * @throws ConfigurationException if {@value #ALL} finds no platform a CLI exists for
   */
  default Selection select(List<IndexPlatform> base, Predicate<IndexPlatform> cliExists)
      throws ConfigurationException {
    Objects.requireNonNull(base, "base");
    if (this instanceof Listed listed) {
      return new Selection(listed.platforms(), List.of());
    }
    List<IndexPlatform> chosen = new ArrayList<>();
    List<IndexPlatform> leftOut = new ArrayList<>();
    for (IndexPlatform platform : new LinkedHashSet<>(base)) {
      (cliExists.test(platform) ? chosen : leftOut).add(platform);
    }
    if (chosen.isEmpty()) {
      throw new ConfigurationException(
          "the base has no platform a docker CLI exists for (it has "
              + (base.isEmpty()
                  ? "none"
                  : String.join(", ", base.stream().map(Object::toString).toList()))
              + ")",
          Setting.PLATFORMS,
          ALL,
          Suggestion.perhaps()
              .text("choose another base, or list the platforms in ")
              .setting(Setting.PLATFORMS)
              .build(),
          null);
    }
    return new Selection(chosen, leftOut);
  }

  private static ConfigurationException error(String text, String problem) {
    return new ConfigurationException(
        Setting.PLATFORMS.key() + " " + problem,
        Setting.PLATFORMS,
        text,
        Suggestion.perhaps()
            .text("set ")
            .set(Setting.PLATFORMS, "linux/amd64,linux/arm64")
            .text(", or " + ALL + " for every platform of the base")
            .build(),
        null);
  }
}
