package io.github.jenkinsdind.core.internal.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File-tree helpers for the temporary directories a build makes in its cache. */
public final class FileTrees {
  private FileTrees() {}

  /**
   * Deletes a file or a directory with everything in it, as far as it can: what cannot be deleted
   * is left, silently (a leftover temporary directory is never read again). Symbolic links are
   * deleted, never followed.
   *
   * @param root the file or directory; nothing happens if it is {@code null} or missing
   */
  public static void deleteQuietly(Path root) {
    if (root == null || !Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(FileTrees::deleteOne);
    } catch (IOException | UncheckedIOException e) {
      // best effort, as documented
    }
  }

  private static void deleteOne(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // best effort, as documented
    }
  }
}
