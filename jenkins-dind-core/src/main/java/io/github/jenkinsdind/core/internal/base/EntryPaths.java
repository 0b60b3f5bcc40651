package io.github.jenkinsdind.core.internal.base;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Names of entries in image tars (layers and {@code docker save} files), as absolute paths inside
 * the image. The one normalization shared by the layer walk and the tar base source.
 */
final class EntryPaths {
  private EntryPaths() {}

  /**
   * Normalizes an entry name to an absolute path: {@code ./etc/group}, {@code etc/group}, {@code
   * /etc/group} and {@code etc/x/../group} all give {@code /etc/group}; empty parts, {@code .} and
   * a trailing slash are dropped, and {@code ..} removes the part before it.
   *
   * @param name the entry name
   * @return the path, {@code /} for the root; empty if a {@code ..} climbs above the root, so that
   *     such a name never matches a file of the image
   */
  static Optional<String> normalize(String name) {
    Deque<String> parts = new ArrayDeque<>();
    for (String part : name.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          return Optional.empty();
        }
        parts.removeLast();
        continue;
      }
      parts.addLast(part);
    }
    return Optional.of("/" + String.join("/", parts));
  }

  /**
   * Normalizes an entry name as {@link #normalize}, without the leading slash: {@code etc/group},
   * or the empty string for the root.
   *
   * @param name the entry name
   * @return the relative path; empty if it climbs above the root
   */
  static Optional<String> relative(String name) {
    return normalize(name).map(p -> p.substring(1));
  }
}
