package io.github.jenkinsdind.core.internal.base;

import io.github.jenkinsdind.core.api.ImagePlatform;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Picks the manifest of one platform out of a manifest list or OCI index. Pure: it sees only the
 * entries.
 *
 * <p>Entries that are not images are ignored: attestation manifests (annotation {@code
 * vnd.docker.reference.type}), and entries with no platform or an {@code unknown} one. Operating
 * system and architecture must match, architecture aliases included ({@code x86_64} is {@code
 * amd64}, {@code aarch64} is {@code arm64}). When several entries match, one without a variant is
 * preferred, then {@code v8} for {@code arm64} and {@code v7} for {@code arm}, then the first
 * listed.
 */
public final class PlatformSelector {

  /** The annotation BuildKit puts on attestation manifests in an OCI index. */
  static final String REFERENCE_TYPE = "vnd.docker.reference.type";

  private PlatformSelector() {}

  /**
   * An entry of a manifest list or OCI index.
   *
   * @param digest the manifest's digest
   * @param os the operating system, or {@code null} when the entry has no platform
   * @param architecture the architecture, or {@code null}
   * @param variant the variant, for example {@code v8}, or {@code null} when none or not known
   * @param annotations the entry's annotations (empty when none)
   */
  public record Entry(
      String digest,
      String os,
      String architecture,
      String variant,
      Map<String, String> annotations) {
    /**
     * Checks and copies the parts.
     *
     * @param digest the digest
     * @param os the operating system
     * @param architecture the architecture
     * @param variant the variant
     * @param annotations the annotations
     */
    public Entry {
      Objects.requireNonNull(digest, "digest");
      annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    /**
     * Creates an entry without variant and annotations.
     *
     * @param digest the digest
     * @param os the operating system
     * @param architecture the architecture
     * @return the entry
     */
    public static Entry of(String digest, String os, String architecture) {
      return new Entry(digest, os, architecture, null, Map.of());
    }

    /**
     * Tells whether this entry is an image for some real platform (not an attestation, not {@code
     * unknown/unknown}).
     *
     * @return whether it is an image
     */
    public boolean isImage() {
      return os != null
          && architecture != null
          && !os.isBlank()
          && !architecture.isBlank()
          && !"unknown".equalsIgnoreCase(os)
          && !"unknown".equalsIgnoreCase(architecture)
          && !annotations.containsKey(REFERENCE_TYPE);
    }

    /**
     * Says the platform as {@code os/architecture} or {@code os/architecture/variant}.
     *
     * @return the platform text
     */
    public String platform() {
      String text = os + "/" + architecture;
      return variant == null || variant.isBlank() ? text : text + "/" + variant;
    }
  }

  /**
   * Picks the entry for a platform.
   *
   * @param entries the entries, in the order of the list
   * @param wanted the wanted platform
   * @return the entry, or empty when no image entry is of that platform
   */
  public static Optional<Entry> select(List<Entry> entries, ImagePlatform wanted) {
    String os = wanted.os().toLowerCase(Locale.ROOT);
    String architecture = normalizeArchitecture(wanted.architecture());
    return entries.stream()
        .filter(Entry::isImage)
        .filter(e -> e.os().toLowerCase(Locale.ROOT).equals(os))
        .filter(e -> normalizeArchitecture(e.architecture()).equals(architecture))
        .min(Comparator.comparingInt(e -> variantRank(architecture, e.variant())));
  }

  /**
   * Lists the platforms the image entries offer, for a message, without duplicates, in list order.
   *
   * @param entries the entries
   * @return for example {@code [linux/amd64, linux/arm64]}
   */
  public static List<String> platformsOf(List<Entry> entries) {
    return entries.stream()
        .filter(Entry::isImage)
        .map(e -> e.os() + "/" + e.architecture())
        .distinct()
        .toList();
  }

  /**
   * Tells whether a single image's platform (from its config) is the wanted one.
   *
   * @param os the image's operating system, or {@code null}
   * @param architecture the image's architecture, or {@code null}
   * @param wanted the wanted platform
   * @return whether they match, aliases included
   */
  public static boolean matches(String os, String architecture, ImagePlatform wanted) {
    return os != null
        && architecture != null
        && os.equalsIgnoreCase(wanted.os())
        && normalizeArchitecture(architecture).equals(normalizeArchitecture(wanted.architecture()));
  }

  /**
   * Maps architecture aliases to the names OCI indexes use.
   *
   * @param architecture for example {@code x86_64} or {@code aarch64}
   * @return for example {@code amd64} or {@code arm64}
   */
  public static String normalizeArchitecture(String architecture) {
    String lower = architecture.toLowerCase(Locale.ROOT);
    return switch (lower) {
      case "x86_64", "x86-64", "x64" -> "amd64";
      case "aarch64", "armv8", "arm64v8" -> "arm64";
      case "armhf", "armv7", "armv7l" -> "arm";
      case "i386", "i686", "x86" -> "386";
      default -> lower;
    };
  }

  private static int variantRank(String architecture, String variant) {
    if (variant == null || variant.isBlank()) {
      return 0;
    }
    String v = variant.toLowerCase(Locale.ROOT);
    if (("arm64".equals(architecture) && "v8".equals(v))
        || ("arm".equals(architecture) && "v7".equals(v))) {
      return 1;
    }
    return 2;
  }
}
