package io.github.jenkinsdind.core.internal.uptodate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The records of earlier builds, one JSON file per fingerprint in a directory of the cache, each
 * written atomically (a temporary file renamed into place). A record that cannot be read, or was
 * written for other inputs, counts as none: the build then runs as if it had never been made.
 */
public final class BuildRecords {
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{64}");

  private final Path directory;

  /**
   * Opens the records.
   *
   * @param directory where they are kept, made on the first write
   */
  public BuildRecords(Path directory) {
    this.directory = Objects.requireNonNull(directory, "directory");
  }

  /**
   * Finds the record of a fingerprint.
   *
   * @param fingerprint the inputs' fingerprint
   * @return the record, or empty if there is none that can be read
   */
  public Optional<BuildRecord> find(String fingerprint) {
    Path file = file(fingerprint);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      BuildRecord found = JSON.readValue(file.toFile(), BuildRecord.class);
      return found.fingerprint().equals(fingerprint) ? Optional.of(found) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Writes a record, replacing the one of the same fingerprint.
   *
   * @param record the record
   * @throws IOException if it cannot be written
   */
  public void write(BuildRecord record) throws IOException {
    Path file = file(record.fingerprint());
    Files.createDirectories(directory);
    Path part = Files.createTempFile(directory, "." + record.fingerprint(), ".part");
    try {
      JSON.writerWithDefaultPrettyPrinter().writeValue(part.toFile(), record);
      try {
        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(part);
    }
  }

  /**
   * Forgets the record of a fingerprint, if there is one.
   *
   * @param fingerprint the fingerprint
   * @throws IOException if it cannot be deleted
   */
  public void forget(String fingerprint) throws IOException {
    Files.deleteIfExists(file(fingerprint));
  }

  private Path file(String fingerprint) {
    if (!FINGERPRINT.matcher(fingerprint).matches()) {
      throw new IllegalArgumentException("not a fingerprint: " + fingerprint);
    }
    return directory.resolve(fingerprint + ".json");
  }
}
