package io.github.jenkinsdind.core.internal.base;

import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.RegistryException;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.jib.ImageJson;
import io.github.jenkinsdind.core.internal.jib.RegistryManifest;
import io.github.jenkinsdind.core.internal.jib.RegistrySession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.DigestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Resolves a registry image to the {@link BaseManifest} of one platform: pulls the manifest by tag
 * or digest; from a manifest list or OCI index picks the platform with {@link PlatformSelector} and
 * pulls that manifest by digest; for a single image checks its config's os and architecture. The
 * base digest is the platform manifest's digest.
 */
final class RegistryManifestReader {

  /** V2.2 layers are always gzip-compressed tars. */
  private static final String V22_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip";

  private static final long MAX_CONFIG_BYTES = 8L * 1024 * 1024;

  private final String reference;
  private final ImageReference image;
  private final String description;
  private final EventHandler events;

  RegistryManifestReader(
      String reference, ImageReference image, String description, EventHandler events) {
    this.reference = reference;
    this.image = image;
    this.description = description;
    this.events = events;
  }

  /** Reads the manifest of the wanted platform. */
  BaseManifest read(RegistrySession session, ImagePlatform platform)
      throws IOException, RegistryException, JenkinsDindException {
    RegistryManifest top = session.pullManifest(image.getQualifier());
    checkPinnedDigest(top);
    if (top instanceof RegistryManifest.Index list) {
      return fromList(session, list, platform);
    } else if (top instanceof RegistryManifest.Image single) {
      checkSinglePlatform(session, single, platform);
      return toBaseManifest(top.digest(), platform, single);
    }
    throw unsupported(top);
  }

  /**
   * Reads the platforms the image offers: the image entries of a manifest list or OCI index, in its
   * order, architectures under their index names ({@code x86_64} is {@code amd64}); a single
   * image's platform from its config.
   */
  List<ImagePlatform> platforms(RegistrySession session)
      throws IOException, RegistryException, JenkinsDindException {
    RegistryManifest top = session.pullManifest(image.getQualifier());
    checkPinnedDigest(top);
    if (top instanceof RegistryManifest.Index list) {
      return list.entries().stream()
          .map(RegistryManifestReader::entry)
          .filter(PlatformSelector.Entry::isImage)
          .map(
              e ->
                  new ImagePlatform(
                      e.os().toLowerCase(Locale.ROOT),
                      PlatformSelector.normalizeArchitecture(e.architecture())))
          .distinct()
          .toList();
    } else if (top instanceof RegistryManifest.Image single && single.config().isPresent()) {
      ImageJson.ConfigPlatform said = configPlatform(session, single.config().get());
      if (said.os().isPresent() && said.architecture().isPresent()) {
        return List.of(
            new ImagePlatform(
                said.os().get(),
                PlatformSelector.normalizeArchitecture(said.architecture().get())));
      }
      throw new ConfigurationException(
          "base image " + reference + " does not say its platform",
          Setting.PLATFORMS,
          "all",
          "perhaps you should list the platforms to build instead of all");
    }
    throw unsupported(top);
  }

  private static PlatformSelector.Entry entry(RegistryManifest.Entry e) {
    return new PlatformSelector.Entry(
        e.digest(),
        e.os().orElse(null),
        e.architecture().orElse(null),
        null, // jib-core's templates drop the variant
        e.annotations());
  }

  private BaseManifest fromList(
      RegistrySession session, RegistryManifest.Index list, ImagePlatform wanted)
      throws IOException, RegistryException, JenkinsDindException {
    List<PlatformSelector.Entry> entries = new ArrayList<>();
    for (RegistryManifest.Entry e : list.entries()) {
      entries.add(entry(e));
    }
    PlatformSelector.Entry chosen =
        PlatformSelector.select(entries, wanted)
            .orElseThrow(() -> noSuchPlatform(wanted, PlatformSelector.platformsOf(entries)));
    RegistryManifest pulled = session.pullManifest(chosen.digest());
    if (!pulled.digest().equals(chosen.digest())) {
      throw new EnvironmentException(
          "registry "
              + image.getRegistry()
              + " answered the manifest "
              + chosen.digest()
              + " of "
              + reference
              + " with content whose digest is "
              + pulled.digest(),
          Setting.FROM,
          reference,
          (String) null,
          null);
    }
    if (!(pulled instanceof RegistryManifest.Image platformManifest)) {
      throw unsupported(pulled);
    }
    return toBaseManifest(chosen.digest(), wanted, platformManifest);
  }

  private void checkSinglePlatform(
      RegistrySession session, RegistryManifest.Image manifest, ImagePlatform wanted)
      throws IOException, JenkinsDindException {
    if (manifest.config().isEmpty()) {
      throw unsupported(manifest);
    }
    ImageJson.ConfigPlatform said = configPlatform(session, manifest.config().get());
    if (said.os().isEmpty() || said.architecture().isEmpty()) {
      events.handle(
          Event.warn(
              description
                  + " does not say its platform; taking it to be "
                  + wanted
                  + " as the platform setting says"));
      return;
    }
    String os = said.os().get();
    String architecture = said.architecture().get();
    if (!PlatformSelector.matches(os, architecture, wanted)) {
      String actual = os + "/" + architecture;
      throw new ConfigurationException(
          "base image " + reference + " is a " + actual + " image, not " + wanted,
          Setting.PLATFORM,
          wanted.toString(),
          "perhaps you should set platform to "
              + actual
              + ", or use a base image that has "
              + wanted);
    }
  }

  private ImageJson.ConfigPlatform configPlatform(
      RegistrySession session, RegistryManifest.Blob config)
      throws IOException, JenkinsDindException {
    if (config.size() > MAX_CONFIG_BYTES) {
      throw new EnvironmentException(
          "the config of " + reference + " is " + config.size() + " bytes; too big",
          Setting.FROM,
          reference,
          (String) null,
          null);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    session.pullBlob(digestOf(config.digest()), written -> {}).writeTo(bytes);
    return ImageJson.configPlatform(bytes.toByteArray());
  }

  private static DescriptorDigest digestOf(String digest) throws IOException {
    try {
      return DescriptorDigest.fromDigest(digest);
    } catch (DigestException e) {
      throw new IOException("not a blob digest: " + digest, e);
    }
  }

  private static BaseManifest toBaseManifest(
      String digest, ImagePlatform platform, RegistryManifest.Image manifest) {
    String mediaType = manifest.dockerV22() ? V22_LAYER : null;
    List<BaseManifest.Layer> layers = new ArrayList<>();
    for (RegistryManifest.Blob layer : manifest.layers()) {
      layers.add(new BaseManifest.Layer(layer.digest(), layer.size(), mediaType));
    }
    return new BaseManifest(
        digest,
        platform,
        layers,
        manifest.config().map(RegistryManifest.Blob::digest).orElse(null));
  }

  private void checkPinnedDigest(RegistryManifest top) throws EnvironmentException {
    Optional<String> pinned = image.getDigest();
    if (pinned.isPresent() && !pinned.get().equals(top.digest())) {
      throw new EnvironmentException(
          "registry "
              + image.getRegistry()
              + " answered "
              + reference
              + " with a manifest whose digest is "
              + top.digest(),
          Setting.FROM,
          reference,
          (String) null,
          null);
    }
  }

  private ConfigurationException noSuchPlatform(ImagePlatform wanted, List<String> available) {
    if (available.isEmpty()) {
      return new ConfigurationException(
          "base image " + reference + " is a manifest list with no image for any platform",
          Setting.FROM,
          reference,
          "perhaps you should check that " + Setting.FROM.key() + " names a runnable image");
    }
    String list = String.join(", ", available);
    return new ConfigurationException(
        "base image " + reference + " has no " + wanted + " image; it has " + list,
        Setting.PLATFORM,
        wanted.toString(),
        "perhaps you should set platform to one of: " + list);
  }

  private ConfigurationException unsupported(RegistryManifest manifest) {
    return new ConfigurationException(
        "base image "
            + reference
            + " has a manifest of a kind that cannot be read (schema "
            + manifest.schemaVersion()
            + ", "
            + manifest.mediaType().orElse(null)
            + ")",
        Setting.FROM,
        reference,
        "perhaps you should use an image pushed in the Docker V2.2 or OCI format");
  }
}
