package io.github.jenkinsdind.core.internal.index;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes an {@link ImageIndex} as compact JSON, always with the same keys in the same order, so
 * that the same index gives the same bytes and the same digest: {@code schemaVersion}, {@code
 * mediaType}, {@code manifests}; in each descriptor {@code mediaType}, {@code digest}, {@code
 * size}, {@code platform} ({@code architecture}, {@code os}, {@code variant}) and, sorted by key,
 * {@code annotations}.
 */
final class IndexJson {

  private IndexJson() {}

  /**
   * The index's JSON.
   *
   * @param index the index
   * @return its UTF-8 bytes
   */
  static byte[] write(ImageIndex index) {
    StringBuilder json = new StringBuilder(256);
    json.append("{\"schemaVersion\":2,\"mediaType\":");
    string(json, index.mediaType());
    json.append(",\"manifests\":[");
    String separator = "";
    for (ImageIndex.Descriptor descriptor : index.manifests()) {
      json.append(separator);
      descriptor(json, descriptor);
      separator = ",";
    }
    json.append("]}");
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void descriptor(StringBuilder json, ImageIndex.Descriptor descriptor) {
    json.append("{\"mediaType\":");
    string(json, descriptor.mediaType());
    json.append(",\"digest\":");
    string(json, descriptor.digest());
    json.append(",\"size\":").append(descriptor.size());
    if (descriptor.platform().isPresent()) {
      IndexPlatform platform = descriptor.platform().get();
      json.append(",\"platform\":{\"architecture\":");
      string(json, platform.architecture());
      json.append(",\"os\":");
      string(json, platform.os());
      if (platform.variant().isPresent()) {
        json.append(",\"variant\":");
        string(json, platform.variant().get());
      }
      json.append('}');
    }
    if (!descriptor.annotations().isEmpty()) {
      json.append(",\"annotations\":{");
      String separator = "";
      for (Map.Entry<String, String> annotation : descriptor.annotations().entrySet()) {
        json.append(separator);
        string(json, annotation.getKey());
        json.append(':');
        string(json, annotation.getValue());
        separator = ",";
      }
      json.append('}');
    }
    json.append('}');
  }

  /** Appends a JSON string: quotes, backslashes and control characters escaped. */
  static void string(StringBuilder json, String text) {
    json.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        json.append('\\').append(c);
      } else if (c < 0x20) {
        json.append(String.format("\\u%04x", (int) c));
      } else {
        json.append(c);
      }
    }
    json.append('"');
  }
}
