package io.github.jenkinsdind.it.multiarch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jenkinsdind.it.support.Commands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Looks at a multi-platform image with skopeo and umoci only, independently of the code under test:
 * the raw index, one platform's manifest and config ({@code --override-arch}), one platform's root
 * file system.
 */
public final class PlatformChecks {
  public static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final ObjectMapper JSON = new ObjectMapper();

  private PlatformChecks() {}

  /**
   * The raw bytes of what skopeo reads at a reference: an index, for an index.
   *
   * @param source {@code docker://…} (read without TLS verification) or {@code oci-archive:…}
   * @return the bytes as skopeo printed them
   */
  public static String raw(String source) {
    return Commands.stdout(
        TIMEOUT, commandArray(List.of("skopeo", "inspect", "--raw"), source, null));
  }

  /**
   * What {@code skopeo inspect} says of one platform's image: {@code Digest}, {@code Architecture},
   * {@code Os}, {@code Layers}, ...
   *
   * @param source the reference
   * @param architecture the platform's architecture
   * @return skopeo's JSON
   */
  public static JsonNode inspect(String source, String architecture) {
    return json(
        Commands.stdout(TIMEOUT, commandArray(List.of("skopeo", "inspect"), source, architecture)));
  }

  /**
   * The config of one platform's image ({@code skopeo inspect --config}).
   *
   * @param source the reference
   * @param architecture the platform's architecture
   * @return the image config JSON
   */
  public static JsonNode config(String source, String architecture) {
    return json(
        Commands.stdout(
            TIMEOUT, commandArray(List.of("skopeo", "inspect", "--config"), source, architecture)));
  }

  /**
   * Unpacks one platform's image: skopeo copies it to an OCI layout, umoci unpacks it.
   *
   * @param source the reference
   * @param architecture the platform's architecture
   * @param dir an empty directory
   * @return the root file system
   */
  public static Path rootfs(String source, String architecture, Path dir) {
    Path layout = dir.resolve("layout-" + architecture);
    List<String> copy = new ArrayList<>(List.of("skopeo", "copy"));
    List<String> args = command(copy, source, architecture);
    if (source.startsWith("docker://")) {
      args.set(args.indexOf("--tls-verify=false"), "--src-tls-verify=false");
    }
    args.add("oci:" + layout + ":image");
    Commands.runOrFail(TIMEOUT, args.toArray(String[]::new));
    Path bundle = dir.resolve("bundle-" + architecture);
    Commands.runOrFail(TIMEOUT, "umoci", "unpack", "--image", layout + ":image", bundle.toString());
    return bundle.resolve("rootfs");
  }

  /**
   * The digest an index lists for an architecture (of linux).
   *
   * @param index the index's JSON
   * @param architecture the architecture
   * @return the digest, or null if the index has none
   */
  public static String digestOf(JsonNode index, String architecture) {
    for (JsonNode manifest : index.get("manifests")) {
      JsonNode platform = manifest.get("platform");
      if (platform.get("os").asText().equals("linux")
          && platform.get("architecture").asText().equals(architecture)) {
        return manifest.get("digest").asText();
      }
    }
    return null;
  }

  public static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + text, e);
    }
  }

  private static String[] commandArray(List<String> head, String source, String architecture) {
    return command(head, source, architecture).toArray(String[]::new);
  }

  private static List<String> command(List<String> head, String source, String architecture) {
    List<String> args = new ArrayList<>();
    args.add(head.get(0));
    if (architecture != null) {
      args.add("--override-arch");
      args.add(architecture);
      args.add("--override-os");
      args.add("linux");
    }
    args.addAll(head.subList(1, head.size()));
    if (source.startsWith("docker://")) {
      args.add("--tls-verify=false");
    }
    args.add(source);
    return args;
  }
}
