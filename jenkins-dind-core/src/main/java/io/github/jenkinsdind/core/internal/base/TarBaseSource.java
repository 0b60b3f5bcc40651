package io.github.jenkinsdind.core.internal.base;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

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
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path tarFile;
  private final String select;
  private final String from;
  private final String description;
  private final EventHandler events;

  private Optional<SavedTar> tar = Optional.empty();
  private final Map<String, List<String>> envByDigest = new HashMap<>();

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
    SavedTar tar = open();
    JsonNode images = parse(tar.readBytes(SavedTar.MANIFEST_JSON), SavedTar.MANIFEST_JSON);
    if (!images.isArray() || images.isEmpty()) {
      throw tar.notDockerSave("its manifest.json lists no image", null);
    }
    JsonNode image = selectImage(tar, images);
    String configName = image.path("Config").asText("");
    byte[] config = tar.readBytes(configName);
    JsonNode configJson = parse(config, configName);
    String digest = "sha256:" + BaseFilesCache.sha256Hex(config);
    ImagePlatform actual = checkPlatform(configJson, platform);
    envByDigest.put(digest, BaseConfigEnv.of(configJson));

    List<BaseManifest.Layer> layers = new ArrayList<>();
    for (JsonNode layerName : image.path("Layers")) {
      TarArchiveEntry entry = tar.entry(layerName.asText(""));
      layers.add(new BaseManifest.Layer(entry.getName(), entry.getSize(), null));
    }
    return new BaseManifest(digest, actual, layers);
  }

  @Override
  public synchronized InputStream openLayer(BaseManifest.Layer layer) throws JenkinsDindException {
    SavedTar tar = open();
    return tar.inputStream(tar.entry(layer.digest()));
  }

  @Override
  public synchronized List<String> configEnv(BaseManifest manifest) {
    return envByDigest.getOrDefault(manifest.digest(), List.of());
  }

  @Override
  public synchronized void close() throws IOException {
    if (tar.isPresent()) {
      SavedTar opened = tar.get();
      tar = Optional.empty();
      opened.close();
    }
  }

  private SavedTar open() throws JenkinsDindException {
    if (tar.isEmpty()) {
      tar = Optional.of(SavedTar.open(tarFile, from));
    }
    return tar.get();
  }

  private JsonNode selectImage(SavedTar tar, JsonNode images) throws JenkinsDindException {
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
        byte[] config = tar.readBytes(image.path("Config").asText(""));
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

  private JsonNode parse(byte[] bytes, String name) throws JenkinsDindException {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw open().notDockerSave(name + " in it is not valid JSON (" + e.getMessage() + ")", null);
    }
  }
}
