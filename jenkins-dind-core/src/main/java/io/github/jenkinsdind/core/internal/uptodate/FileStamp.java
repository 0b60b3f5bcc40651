package io.github.jenkinsdind.core.internal.uptodate;

import io.github.jenkinsdind.core.internal.download.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The stamp of an input file or directory, as a line of text that changes when its content does. A
 * file of at most {@link #HASHED_SIZE} bytes (a plugins.txt, a lock file, configuration as code, an
 * init script) is stamped by its sha256; a larger one (a docker CLI given as a file) by its size
 * and modification time, as {@code make} and Gradle's fast path do: hashing 60 MB would cost more
 * than the whole check. A directory is stamped by every file under it, in path order.
 */
public final class FileStamp {
  /** Files up to this size are stamped by their content. */
  public static final long HASHED_SIZE = 1024 * 1024;

  private FileStamp() {}

  /**
   * Stamps a file or directory.
   *
   * @param path the path
   * @return the stamp: the path, then what identifies its content ({@code missing} if there is
   *     nothing there)
   * @throws IOException if it cannot be read
   */
  public static String of(Path path) throws IOException {
    Path absolute = path.toAbsolutePath().normalize();
    if (!Files.exists(absolute)) {
      return absolute + " missing";
    }
    if (!Files.isDirectory(absolute)) {
      return absolute + " " + content(absolute);
    }
    List<String> lines = new ArrayList<>();
    lines.add(absolute + " directory");
    try (Stream<Path> files = Files.walk(absolute)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        lines.add(absolute.relativize(file) + " " + content(file));
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return String.join("\n  ", lines);
  }

  private static String content(Path file) throws IOException {
    BasicFileAttributes attributes =
        Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (attributes.isSymbolicLink()) {
      return "link " + Files.readSymbolicLink(file) + " -> " + content(file.toRealPath());
    }
    if (attributes.size() <= HASHED_SIZE) {
      return "sha256 " + Sha256.ofFile(file);
    }
    return "size " + attributes.size() + " modified " + attributes.lastModifiedTime().toMillis();
  }
}
