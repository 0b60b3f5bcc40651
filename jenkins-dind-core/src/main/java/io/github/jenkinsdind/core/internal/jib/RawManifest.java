package io.github.jenkinsdind.core.internal.jib;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.util.RawValue;
import com.google.cloud.tools.jib.image.json.ManifestTemplate;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A manifest (or index) that jib-core's registry client pushes byte for byte: Jib serializes a
 * {@link ManifestTemplate} with Jackson, and {@link JsonValue} on a {@link RawValue} makes Jackson
 * write exactly the bytes given. Jib's own index templates cannot write a platform's variant, and
 * their serialization is not ours to keep stable: the digest of what is pushed must be the digest
 * the caller computed. {@code RegistrySessionContractTest} pins that behaviour.
 */
final class RawManifest implements ManifestTemplate {

  private final String json;
  private final String mediaType;

  /**
   * Wraps the bytes of a manifest.
   *
   * @param json the manifest's UTF-8 JSON
   * @param mediaType its media type, sent as the Content-Type
   */
  RawManifest(byte[] json, String mediaType) {
    this.json = new String(json, StandardCharsets.UTF_8);
    this.mediaType = Objects.requireNonNull(mediaType, "mediaType");
  }

  /**
   * What Jackson writes: the JSON as it is.
   *
   * @return the raw JSON
   */
  @JsonValue
  RawValue json() {
    return new RawValue(json);
  }

  @Override
  public int getSchemaVersion() {
    return 2;
  }

  @Override
  public String getManifestMediaType() {
    return mediaType;
  }
}
