package io.github.jenkinsdind.core.internal.plugins;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A Jenkins (plugin or core) version, ordered the way Jenkins orders them, in the spirit of Maven's
 * {@code ComparableVersion} and Jenkins's {@code VersionNumber}: {@code 1.2.3}, {@code 2.401.1},
 * incrementals such as {@code 1055.v1234abcd5678}, and qualifiers such as {@code 3.1-rc1}.
 *
 * <ul>
 *   <li>The text splits into items at {@code .}, {@code -}, {@code _}, {@code +} and between digits
 *       and letters; numbers compare as numbers.
 *   <li>A missing item counts as zero: {@code 1.0} equals {@code 1.0.0}.
 *   <li>Pre-release qualifiers are below the release: {@code alpha < beta < milestone < rc <
 *       snapshot < (release) < sp}; other words (an incremental's hash) rank above the release and
 *       among themselves alphabetically; a number ranks above any word: {@code 1-rc1 < 1 < 1.1}.
 * </ul>
 *
 * <p>{@link #compareTo} is not consistent with {@link #equals}: {@code 1.0} and {@code 1.0.0}
 * compare as equal but are different texts.
 *
 * @param text the version as written
 */
public record PluginVersion(String text) implements Comparable<PluginVersion> {
  /** Orders version texts. */
  public static final Comparator<String> TEXT_ORDER =
      (a, b) -> new PluginVersion(a).compareTo(new PluginVersion(b));

  private static final List<String> PRE_RELEASES =
      List.of("alpha", "beta", "milestone", "rc", "snapshot");
  private static final int RELEASE = PRE_RELEASES.size();

  /**
   * Checks the text.
   *
   * @param text the version
   */
  public PluginVersion {
    Objects.requireNonNull(text, "text");
    text = text.strip();
  }

  /**
   * Reads a version.
   *
   * @param text the version
   * @return the version
   */
  public static PluginVersion of(String text) {
    return new PluginVersion(text);
  }

  /**
   * Returns whether this version is strictly newer than another.
   *
   * @param other the other version
   * @return whether this one is newer
   */
  public boolean isNewerThan(PluginVersion other) {
    return compareTo(other) > 0;
  }

  /**
   * Returns whether this version is older than another.
   *
   * @param other the other version
   * @return whether this one is older
   */
  public boolean isOlderThan(PluginVersion other) {
    return compareTo(other) < 0;
  }

  @Override
  public int compareTo(PluginVersion other) {
    List<Object> mine = items(text);
    List<Object> theirs = items(other.text);
    int n = Math.max(mine.size(), theirs.size());
    for (int i = 0; i < n; i++) {
      Object a = i < mine.size() ? mine.get(i) : null;
      Object b = i < theirs.size() ? theirs.get(i) : null;
      int c = compareItems(a, b);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  @Override
  public String toString() {
    return text;
  }

  private static int compareItems(Object a, Object b) {
    if (a == null && b == null) {
      return 0;
    }
    if (a == null) {
      return -compareItems(b, null);
    }
    if (a instanceof BigInteger number) {
      if (b == null) {
        return number.signum();
      }
      return b instanceof BigInteger other ? number.compareTo(other) : 1;
    }
    String word = (String) a;
    if (b == null) {
      return Integer.compare(rank(word), RELEASE);
    }
    if (b instanceof BigInteger) {
      return -1;
    }
    String other = (String) b;
    int byRank = Integer.compare(rank(word), rank(other));
    return byRank != 0 ? byRank : word.compareTo(other);
  }

  /** Ranks a word: pre-releases below {@link #RELEASE}, {@code sp} and other words above. */
  private static int rank(String word) {
    String canonical = canonical(word);
    int index = PRE_RELEASES.indexOf(canonical);
    if (index >= 0) {
      return index;
    }
    if (canonical.isEmpty()) {
      return RELEASE;
    }
    return "sp".equals(canonical) ? RELEASE + 1 : RELEASE + 2;
  }

  private static String canonical(String word) {
    switch (word) {
      case "a":
        return "alpha";
      case "b":
        return "beta";
      case "m":
        return "milestone";
      case "cr":
        return "rc";
      case "ga":
      case "final":
      case "release":
        return "";
      default:
        return word;
    }
  }

  private static List<Object> items(String text) {
    List<Object> items = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean digits = false;
    for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
      boolean separator = c == '.' || c == '-' || c == '_' || c == '+';
      boolean digit = c >= '0' && c <= '9';
      if (separator || (current.length() > 0 && digit != digits)) {
        add(items, current, digits);
      }
      if (!separator) {
        current.append(c);
        digits = digit;
      }
    }
    add(items, current, digits);
    return items;
  }

  private static void add(List<Object> items, StringBuilder current, boolean digits) {
    if (current.length() == 0) {
      return;
    }
    items.add(digits ? new BigInteger(current.toString()) : current.toString());
    current.setLength(0);
  }
}
