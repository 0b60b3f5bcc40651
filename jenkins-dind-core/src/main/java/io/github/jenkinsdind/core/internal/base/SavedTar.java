package io.github.jenkinsdind.core.internal.base;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * An open {@code docker save} tar for {@link TarBaseSource}: its entries by name (read in place,
 * never extracted), the links between them resolved inside the tar.
 */
final class SavedTar {
  /** The name of the file that lists the images of a {@code docker save} tar. */
  static final String MANIFEST_JSON = "manifest.json";

  private static final int MAX_LINK_HOPS = 16;

  private final TarFile tar;
  private final Map<String, TarArchiveEntry> entries;
  private final Faults faults;

  private SavedTar(TarFile tar, Map<String, TarArchiveEntry> entries, Faults faults) {
    this.tar = tar;
    this.entries = Map.copyOf(entries);
    this.faults = faults;
  }

  /**
   * Opens a {@code docker save} tar and indexes its entries.
   *
   * @param tarFile the file
   * @param from the {@code from} value that errors name
   * @return the opened tar
   * @throws JenkinsDindException if it is missing, unreadable or not a {@code docker save} tar
   */
  static SavedTar open(Path tarFile, String from) throws JenkinsDindException {
    Faults faults = new Faults(tarFile, from);
    if (!Files.isRegularFile(tarFile)) {
      throw new ConfigurationException(
          "the base image tar file " + tarFile.toAbsolutePath() + " does not exist",
          Setting.FROM,
          from,
          "perhaps you should create it with docker save -o "
              + tarFile
              + " IMAGE, or fix the path");
    }
    if (isGzip(tarFile, faults)) {
      throw faults.notDockerSave(
          "it is gzip-compressed",
          "perhaps you should decompress it (gunzip) first: docker save writes a plain tar");
    }
    TarFile opened;
    try {
      opened = new TarFile(tarFile);
    } catch (IOException e) {
      throw faults.notDockerSave("it cannot be read as a tar file (" + e.getMessage() + ")", null);
    }
    Map<String, TarArchiveEntry> byName = new HashMap<>();
    for (TarArchiveEntry e : opened.getEntries()) {
      // a name above the root is no file of the image
      EntryPaths.relative(e.getName()).ifPresent(name -> byName.put(name, e));
    }
    if (!byName.containsKey(MANIFEST_JSON)) {
      try {
        opened.close();
      } catch (IOException e) {
        // it was only read
      }
      throw faults.notDockerSave(
          byName.containsKey("index.json")
              ? "it is an OCI image layout without the manifest.json of docker save"
              : "it has no manifest.json",
          null);
    }
    return new SavedTar(opened, byName, faults);
  }

  private static boolean isGzip(Path tarFile, Faults faults) throws JenkinsDindException {
    try (InputStream in = Files.newInputStream(tarFile)) {
      byte[] magic = in.readNBytes(2);
      return magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
    } catch (IOException e) {
      throw faults.unreadable(e);
    }
  }

  /**
   * Returns the file entry a name leads to, following links inside the tar.
   *
   * @param name the name, as {@code manifest.json} gives it
   * @return the entry of a regular file
   * @throws JenkinsDindException if there is none, or the name leads out of the tar or in a loop
   */
  TarArchiveEntry entry(String name) throws JenkinsDindException {
    Optional<String> current = EntryPaths.relative(name);
    for (int hop = 0; hop < MAX_LINK_HOPS; hop++) {
      Optional<TarArchiveEntry> found = current.map(entries::get);
      if (found.isEmpty()) {
        throw faults.notDockerSave(
            "its manifest.json names " + name + ", which is not in it", null);
      }
      TarArchiveEntry e = found.get();
      if (e.isSymbolicLink()) {
        current = resolveLink(current.get(), e.getLinkName());
      } else if (e.isLink()) {
        current = EntryPaths.relative(e.getLinkName());
      } else if (e.isFile()) {
        return e;
      } else {
        throw faults.notDockerSave(name + " in it is not a file", null);
      }
    }
    throw faults.notDockerSave(name + " in it is a loop of links", null);
  }

  /**
   * Reads a small file of the tar, a JSON file.
   *
   * @param name its name
   * @return its bytes
   * @throws JenkinsDindException if it is missing, too big or unreadable
   */
  byte[] readBytes(String name) throws JenkinsDindException {
    if (name.isEmpty()) {
      throw faults.notDockerSave("its manifest.json names no image config", null);
    }
    TarArchiveEntry e = entry(name);
    if (e.getSize() > LayerWalker.MAX_FILE_SIZE) {
      throw faults.notDockerSave(
          name + " in it is too large for JSON (" + e.getSize() + " bytes)", null);
    }
    try (InputStream in = tar.getInputStream(e)) {
      return in.readAllBytes();
    } catch (IOException x) {
      throw faults.unreadable(x);
    }
  }

  /**
   * Opens an entry's content.
   *
   * @param entry the entry
   * @return its content
   * @throws JenkinsDindException if it cannot be read
   */
  InputStream inputStream(TarArchiveEntry entry) throws JenkinsDindException {
    try {
      return tar.getInputStream(entry);
    } catch (IOException e) {
      throw faults.unreadable(e);
    }
  }

  /**
   * Says that the tar is not a {@code docker save} tar.
   *
   * @param why what is wrong with it
   * @param suggestion what to do, or {@code null} for the usual suggestion
   * @return the exception
   */
  ConfigurationException notDockerSave(String why, String suggestion) {
    return faults.notDockerSave(why, suggestion);
  }

  /** Closes the tar file. */
  void close() throws IOException {
    tar.close();
  }

  /** Resolves a symbolic link's target against the directory of the link, inside the tar. */
  private static Optional<String> resolveLink(String linkName, String target) {
    if (target.startsWith("/")) {
      return EntryPaths.relative(target);
    }
    int slash = linkName.lastIndexOf('/');
    return EntryPaths.relative(slash < 0 ? target : linkName.substring(0, slash + 1) + target);
  }

  /**
   * The failures of one tar file, naming it and the {@code from} value.
   *
   * @param tarFile the tar file
   * @param from the {@code from} value
   */
  private record Faults(Path tarFile, String from) {
    ConfigurationException notDockerSave(String why, String suggestion) {
      return new ConfigurationException(
          "the base image tar file " + tarFile + " is not a docker save tar: " + why,
          Setting.FROM,
          from,
          suggestion != null
              ? suggestion
              : "perhaps you should create it with docker save -o " + tarFile + " IMAGE");
    }

    EnvironmentException unreadable(IOException e) {
      return new EnvironmentException(
          "could not read the base image tar file " + tarFile + ": " + e.getMessage(),
          Setting.FROM,
          from,
          "perhaps you should check that the file is readable and complete",
          e);
    }
  }
}
