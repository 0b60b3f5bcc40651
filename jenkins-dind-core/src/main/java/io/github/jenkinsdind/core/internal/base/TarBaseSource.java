package io.github.jenkinsdind.core.internal.base;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * A base image in a {@code docker save} tar file: {@code manifest.json} names each image's config
 * and layers, which are either {@code <id>/layer.tar} (Docker 20.10) or {@code blobs/sha256/<hex>}
 * (newer Docker), plain or gzip-compressed. The tar is read in place (random access to its
 * entries), never extracted.
 *
 * <p>The base's digest is the image ID, {@code sha256:} and the SHA-256 of the config JSON. Layers
 * in {@link BaseManifest} carry their path in the tar in place of a blob digest.
 */
public final class TarBaseSource implements BaseSource {
  private static final String MANIFEST_JSON = "manifest.json";
  private static final int MAX_LINK_HOPS = 16;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path tarFile;
  private final String select;
  private final String from;
  private final String description;
  private final EventHandler events;

  private TarFile tar;
  private Map<String, TarArchiveEntry> entries;

  /**
   * Makes a source for a tar file given as {@code tar://PATH}. Nothing is read until {@link
   * #resolve}.
   *
   * @param tarFile the tar file
   * @param select the tag ({@code repository:tag} as in the tar's {@code RepoTags}) or image ID
   *     ({@code sha256:...}) of the image to use when the tar holds several; {@code null} for the
   *     first
   * @param events receives a debug message when the tar holds several images
   */
  public TarBaseSource(Path tarFile, String select, EventHandler events) {
    this(tarFile, select, "tar://" + tarFile, "tar file " + tarFile, events);
  }

  /**
   * Makes a source for a tar file that stands in for another base, for messages.
   *
   * @param tarFile the tar file
   * @param select the tag or image ID to use, or {@code null} for the first image
   * @param from the {@code from} value that errors name
   * @param description what {@link #describe()} says
   * @param events receives debug messages
   */
  TarBaseSource(Path tarFile, String select, String from, String description, EventHandler events) {
    this.tarFile = Objects.requireNonNull(tarFile, "tarFile");
    this.select = select;
    this.from = Objects.requireNonNull(from, "from");
    this.description = Objects.requireNonNull(description, "description");
    this.events = Objects.requireNonNull(events, "events");
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public synchronized BaseManifest resolve(ImagePlatform platform) throws JenkinsDindException {
    open();
    JsonNode images = readJson(MANIFEST_JSON);
    if (!images.isArray() || images.isEmpty()) {
      throw notDockerSave("its manifest.json lists no image", null);
    }
    JsonNode image = selectImage(images);
    String configName = image.path("Config").asText("");
    byte[] config = readBytes(configName);
    JsonNode configJson = parse(config, configName);
    String digest = "sha256:" + BaseFilesCache.sha256Hex(config);
    ImagePlatform actual = checkPlatform(configJson, platform);

    List<BaseManifest.Layer> layers = new ArrayList<>();
    for (JsonNode layerName : image.path("Layers")) {
      TarArchiveEntry entry = entry(layerName.asText(""));
      layers.add(new BaseManifest.Layer(entry.getName(), entry.getSize(), null));
    }
    return new BaseManifest(digest, actual, layers);
  }

  @Override
  public synchronized InputStream openLayer(BaseManifest.Layer layer) throws JenkinsDindException {
    open();
    TarArchiveEntry entry = entry(layer.digest());
    try {
      return tar.getInputStream(entry);
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (tar != null) {
      tar.close();
      tar = null;
      entries = null;
    }
  }

  private void open() throws JenkinsDindException {
    if (tar != null) {
      return;
    }
    if (!Files.isRegularFile(tarFile)) {
      throw new ConfigurationException(
          "the base image tar file " + tarFile.toAbsolutePath() + " does not exist",
          Setting.FROM,
          from,
          "perhaps you should create it with docker save -o "
              + tarFile
              + " IMAGE, or fix the path");
    }
    if (isGzip()) {
      throw notDockerSave(
          "it is gzip-compressed",
          "perhaps you should decompress it (gunzip) first: docker save writes a plain tar");
    }
    TarFile opened;
    try {
      opened = new TarFile(tarFile);
    } catch (IOException e) {
      throw notDockerSave("it cannot be read as a tar file (" + e.getMessage() + ")", null);
    }
    Map<String, TarArchiveEntry> byName = new HashMap<>();
    for (TarArchiveEntry e : opened.getEntries()) {
      byName.put(normalize(e.getName()), e);
    }
    if (!byName.containsKey(MANIFEST_JSON)) {
      try {
        opened.close();
      } catch (IOException e) {
        // it was only read
      }
      throw notDockerSave(
          byName.containsKey("index.json")
              ? "it is an OCI image layout without the manifest.json of docker save"
              : "it has no manifest.json",
          null);
    }
    tar = opened;
    entries = byName;
  }

  private boolean isGzip() throws JenkinsDindException {
    try (InputStream in = Files.newInputStream(tarFile)) {
      byte[] magic = in.readNBytes(2);
      return magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  private JsonNode selectImage(JsonNode images) throws JenkinsDindException {
    if (select == null) {
      if (images.size() > 1) {
        events.handle(
            Event.debug(
                describe()
                    + " holds "
                    + images.size()
                    + " images; using the first, "
                    + tagsOf(images.get(0))));
      }
      return images.get(0);
    }
    List<String> known = new ArrayList<>();
    for (JsonNode image : images) {
      for (JsonNode tag : image.path("RepoTags")) {
        if (select.equals(tag.asText())) {
          return image;
        }
        known.add(tag.asText());
      }
      if (select.startsWith("sha256:")) {
        byte[] config = readBytes(image.path("Config").asText(""));
        if (select.equals("sha256:" + BaseFilesCache.sha256Hex(config))) {
          return image;
        }
      }
    }
    throw new ConfigurationException(
        describe() + " holds no image " + select + "; its tags are " + known,
        Setting.FROM,
        from,
        "perhaps you should save that image into it with docker save -o " + tarFile + " " + select);
  }

  private static String tagsOf(JsonNode image) {
    List<String> tags = new ArrayList<>();
    image.path("RepoTags").forEach(t -> tags.add(t.asText()));
    return tags.isEmpty() ? "which has no tag" : "tagged " + String.join(", ", tags);
  }

  private ImagePlatform checkPlatform(JsonNode config, ImagePlatform wanted)
      throws ConfigurationException {
    String os = config.path("os").asText("");
    String architecture = config.path("architecture").asText("");
    if (os.isEmpty() || architecture.isEmpty()) {
      events.handle(
          Event.warn(
              describe()
                  + " does not say its platform; taking it to be "
                  + wanted
                  + " as the platform setting says"));
      return wanted;
    }
    ImagePlatform actual = new ImagePlatform(os, architecture);
    if (!actual.equals(wanted)) {
      throw new ConfigurationException(
          "the base image in " + describe() + " is " + actual + ", not " + wanted,
          Setting.FROM,
          from,
          "perhaps you should set platform to "
              + actual
              + ", or save a "
              + wanted
              + " image into it");
    }
    return actual;
  }

  private TarArchiveEntry entry(String name) throws JenkinsDindException {
    String current = normalize(name);
    for (int hop = 0; hop < MAX_LINK_HOPS; hop++) {
      TarArchiveEntry e = entries.get(current);
      if (e == null) {
        throw notDockerSave("its manifest.json names " + name + ", which is not in it", null);
      }
      if (e.isSymbolicLink()) {
        current = resolveLink(current, e.getLinkName());
      } else if (e.isLink()) {
        current = normalize(e.getLinkName());
      } else if (e.isFile()) {
        return e;
      } else {
        throw notDockerSave(name + " in it is not a file", null);
      }
    }
    throw notDockerSave(name + " in it is a loop of links", null);
  }

  private byte[] readBytes(String name) throws JenkinsDindException {
    if (name.isEmpty()) {
      throw notDockerSave("its manifest.json names no image config", null);
    }
    TarArchiveEntry e = entry(name);
    if (e.getSize() > LayerWalker.MAX_FILE_SIZE) {
      throw notDockerSave(name + " in it is too large for JSON (" + e.getSize() + " bytes)", null);
    }
    try (InputStream in = tar.getInputStream(e)) {
      return in.readAllBytes();
    } catch (IOException x) {
      throw unreadable(x);
    }
  }

  private JsonNode readJson(String name) throws JenkinsDindException {
    return parse(readBytes(name), name);
  }

  private JsonNode parse(byte[] bytes, String name) throws JenkinsDindException {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw notDockerSave(name + " in it is not valid JSON (" + e.getMessage() + ")", null);
    }
  }

  private ConfigurationException notDockerSave(String why, String suggestion) {
    return new ConfigurationException(
        "the base image tar file " + tarFile + " is not a docker save tar: " + why,
        Setting.FROM,
        from,
        suggestion != null
            ? suggestion
            : "perhaps you should create it with docker save -o " + tarFile + " IMAGE");
  }

  private EnvironmentException unreadable(IOException e) {
    return new EnvironmentException(
        "could not read the base image tar file " + tarFile + ": " + e.getMessage(),
        Setting.FROM,
        from,
        "perhaps you should check that the file is readable and complete",
        e);
  }

  /** Resolves a symbolic link's target against the directory of the link, inside the tar. */
  private static String resolveLink(String linkName, String target) {
    if (target.startsWith("/")) {
      return normalize(target);
    }
    int slash = linkName.lastIndexOf('/');
    return normalize(slash < 0 ? target : linkName.substring(0, slash + 1) + target);
  }

  /** Normalizes an entry name: no leading {@code ./} or {@code /}, {@code ..} resolved. */
  static String normalize(String name) {
    List<String> parts = new ArrayList<>();
    for (String part : name.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!parts.isEmpty()) {
          parts.remove(parts.size() - 1);
        }
        continue;
      }
      parts.add(part);
    }
    return String.join("/", parts);
  }
}
