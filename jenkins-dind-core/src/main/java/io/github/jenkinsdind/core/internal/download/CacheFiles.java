package io.github.jenkinsdind.core.internal.download;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes cache files so that a reader never sees a half-written one: the content goes to a
 * temporary file in the same directory, which is then renamed atomically to its final name.
 */
public final class CacheFiles {
  private CacheFiles() {}

  /**
   * Creates the directory of a target and a temporary file in it.
   *
   * @param target the final file
   * @return an empty temporary file beside it
   * @throws IOException if they cannot be created
   */
  public static Path temporaryBeside(Path target) throws IOException {
    Path directory = target.toAbsolutePath().getParent();
    Files.createDirectories(directory);
    return Files.createTempFile(directory, "." + target.getFileName() + ".", ".part");
  }

  /**
   * Renames a complete temporary file to its final name, atomically, replacing any file there.
   *
   * @param temporary the temporary file, from {@link #temporaryBeside}
   * @param target the final file
   * @throws IOException if it cannot be renamed (the temporary file is then deleted)
   */
  public static void commit(Path temporary, Path target) throws IOException {
    try {
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      deleteQuietly(temporary);
      throw e;
    }
  }

  /**
   * Makes a file executable by everyone and writable by its owner only, where the file system has
   * POSIX permissions.
   *
   * @param file the file
   * @throws IOException if the permissions cannot be set
   */
  public static void makeExecutable(Path file) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view != null) {
      view.setPermissions(PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  /**
   * Deletes a file if it exists, ignoring failures: used to discard unusable cache entries, where a
   * file left behind is only a wasted download.
   *
   * @param file the file
   */
  public static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
      Files.deleteIfExists(sumOf(file));
    } catch (IOException e) {
      // Left behind: it is a cache entry that the next run checks again.
    }
  }

  /**
   * Returns the sha256 of a file in the cache. It is remembered beside the file ({@code
   * NAME.sha256}, with the file's size and modification time), so that a warm build does not read
   * tens of megabytes again to hash them; a file whose size or time changed is hashed anew.
   *
   * @param file the file
   * @return 64 lower-case hex characters
   * @throws IOException if the file cannot be read
   */
  public static String sha256(Path file) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    String stamp = attributes.size() + " " + attributes.lastModifiedTime().toMillis() + " ";
    Path sum = sumOf(file);
    try {
      String remembered = Files.readString(sum, StandardCharsets.US_ASCII);
      if (remembered.startsWith(stamp) && remembered.length() == stamp.length() + 64) {
        return remembered.substring(stamp.length());
      }
    } catch (IOException | RuntimeException e) {
      // not remembered yet, or unreadable: hash the file
    }
    String sha256 = Sha256.ofFile(file);
    remember(sum, stamp, sha256);
    return sha256;
  }

  /**
   * Remembers the sha256 of a file just put into the cache, whose bytes were hashed as they were
   * downloaded, so that {@link #sha256} does not read them again on the next build.
   *
   * @param file the file, in its final place
   * @param sha256 its sha256, 64 lower-case hex characters
   */
  public static void remember(Path file, String sha256) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      String stamp = attributes.size() + " " + attributes.lastModifiedTime().toMillis() + " ";
      remember(sumOf(file), stamp, sha256);
    } catch (IOException e) {
      // not remembered: the next build hashes the file
    }
  }

  private static void remember(Path sum, String stamp, String sha256) {
    try {
      Path temporary = temporaryBeside(sum);
      Files.writeString(temporary, stamp + sha256, StandardCharsets.US_ASCII);
      commit(temporary, sum);
    } catch (IOException e) {
      // not remembered: the next build hashes the file again
    }
  }

  private static Path sumOf(Path file) {
    return file.resolveSibling(file.getFileName() + ".sha256");
  }
}
