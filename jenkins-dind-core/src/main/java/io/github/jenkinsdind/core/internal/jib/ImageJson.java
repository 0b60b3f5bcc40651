package io.github.jenkinsdind.core.internal.jib;

import com.google.cloud.tools.jib.image.json.BuildableManifestTemplate;
import com.google.cloud.tools.jib.image.json.ContainerConfigurationTemplate;
import com.google.cloud.tools.jib.image.json.ManifestTemplate;
import com.google.cloud.tools.jib.image.json.OciIndexTemplate;
import com.google.cloud.tools.jib.image.json.V22ManifestListTemplate;
import com.google.cloud.tools.jib.image.json.V22ManifestTemplate;
import com.google.cloud.tools.jib.json.JsonTemplateMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns jib-core's JSON templates of manifests and image configs into our own values. */
public final class ImageJson {
  private ImageJson() {}

  /**
   * The platform an image config says.
   *
   * @param os its {@code os}, if given
   * @param architecture its {@code architecture}, if given
   */
  public record ConfigPlatform(Optional<String> os, Optional<String> architecture) {}

  /**
   * Reads the platform out of an image config.
   *
   * @param json the config's bytes
   * @return what it says of its platform
   * @throws IOException if it is not a config JSON
   */
  public static ConfigPlatform configPlatform(byte[] json) throws IOException {
    ContainerConfigurationTemplate config =
        JsonTemplateMapper.readJson(json, ContainerConfigurationTemplate.class);
    return new ConfigPlatform(
        Optional.ofNullable(config.getOs()), Optional.ofNullable(config.getArchitecture()));
  }

  /**
   * Converts a manifest template that Jib parsed.
   *
   * @param digest the manifest's digest
   * @param manifest the template
   * @return the manifest in our terms
   */
  static RegistryManifest manifest(String digest, ManifestTemplate manifest) {
    Optional<String> mediaType = Optional.ofNullable(manifest.getManifestMediaType());
    int schema = manifest.getSchemaVersion();
    if (manifest instanceof V22ManifestListTemplate docker) {
      List<RegistryManifest.Entry> entries = new ArrayList<>();
      for (V22ManifestListTemplate.ManifestDescriptorTemplate d : docker.getManifests()) {
        if (d.getDigest() != null) {
          V22ManifestListTemplate.ManifestDescriptorTemplate.Platform p = d.getPlatform();
          entries.add(
              new RegistryManifest.Entry(
                  d.getDigest(),
                  Optional.ofNullable(p == null ? null : p.getOs()),
                  Optional.ofNullable(p == null ? null : p.getArchitecture()),
                  Map.of()));
        }
      }
      return new RegistryManifest.Index(digest, schema, mediaType, entries);
    } else if (manifest instanceof OciIndexTemplate oci) {
      List<RegistryManifest.Entry> entries = new ArrayList<>();
      for (OciIndexTemplate.ManifestDescriptorTemplate d : oci.getManifests()) {
        if (d.getDigest() != null) {
          OciIndexTemplate.ManifestDescriptorTemplate.Platform p = d.getPlatform();
          entries.add(
              new RegistryManifest.Entry(
                  d.getDigest().toString(),
                  Optional.ofNullable(p == null ? null : p.getOs()),
                  Optional.ofNullable(p == null ? null : p.getArchitecture()),
                  d.getAnnotations() == null ? Map.of() : d.getAnnotations()));
        }
      }
      return new RegistryManifest.Index(digest, schema, mediaType, entries);
    } else if (manifest instanceof BuildableManifestTemplate image) {
      BuildableManifestTemplate.ContentDescriptorTemplate config =
          image.getContainerConfiguration();
      Optional<RegistryManifest.Blob> configBlob =
          config == null || config.getDigest() == null
              ? Optional.empty()
              : Optional.of(blob(config));
      List<RegistryManifest.Blob> layers = new ArrayList<>();
      for (BuildableManifestTemplate.ContentDescriptorTemplate layer : image.getLayers()) {
        layers.add(blob(layer));
      }
      return new RegistryManifest.Image(
          digest, schema, mediaType, configBlob, layers, image instanceof V22ManifestTemplate);
    }
    return new RegistryManifest.Unsupported(digest, schema, mediaType);
  }

  private static RegistryManifest.Blob blob(BuildableManifestTemplate.ContentDescriptorTemplate d) {
    return new RegistryManifest.Blob(d.getDigest().toString(), d.getSize());
  }
}
