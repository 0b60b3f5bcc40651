package io.github.jenkinsdind.core.internal.index;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An OCI image index or a Docker manifest list: the manifests of one image for several platforms. A
 * pure, immutable value; {@link #json()} gives the same bytes for the same value (fixed key order,
 * no whitespace, annotations sorted), so {@link #digest()} is reproducible.
 *
 * <p>The format follows the manifests' ({@link #following}): Docker V2.2 manifests are listed in a
 * Docker manifest list, OCI manifests in an OCI index. A registry, Docker and containerd read both;
 * mixing the two media types in one list is what some registries and older clients reject, and
 * keeping the pair consistent means a Docker-format base (Jib's default output) gives an image
 * index every Docker version reads.
 *
 * @param format the index's format
 * @param manifests its descriptors, in the order given (clients that ignore platforms take the
 *     first)
 */
public record ImageIndex(Format format, List<Descriptor> manifests) {

  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  /** The two formats, with their media types. */
  public enum Format {
    /** An OCI image index ({@value MediaTypes#OCI_INDEX}) of OCI manifests. */
    OCI(MediaTypes.OCI_INDEX, MediaTypes.OCI_MANIFEST),
    /** A Docker manifest list ({@value MediaTypes#DOCKER_LIST}) of V2.2 manifests. */
    DOCKER(MediaTypes.DOCKER_LIST, MediaTypes.DOCKER_MANIFEST);

    private final String mediaType;
    private final String manifestMediaType;

    Format(String mediaType, String manifestMediaType) {
      this.mediaType = mediaType;
      this.manifestMediaType = manifestMediaType;
    }

    /**
     * Returns the index's media type.
     *
     * @return the media type
     */
    public String mediaType() {
      return mediaType;
    }

    /**
     * Returns the media type of the image manifests this format lists.
     *
     * @return the media type
     */
    public String manifestMediaType() {
      return manifestMediaType;
    }
  }

  /**
   * A descriptor of a manifest (or, in an OCI layout's {@code index.json}, of an index).
   *
   * @param mediaType its media type
   * @param digest its digest, {@code sha256:} and 64 hex digits
   * @param size its size in bytes
   * @param platform its platform, if any (required in a Docker manifest list)
   * @param annotations its annotations, sorted by key (OCI only)
   */
  public record Descriptor(
      String mediaType,
      String digest,
      long size,
      Optional<IndexPlatform> platform,
      SortedMap<String, String> annotations) {
    /** Checks the parts and copies the annotations. */
    public Descriptor {
      Objects.requireNonNull(mediaType, "mediaType");
      Objects.requireNonNull(platform, "platform");
      if (!DIGEST.matcher(Objects.requireNonNull(digest, "digest")).matches()) {
        throw new IllegalArgumentException("not a sha256 digest: " + digest);
      }
      if (size < 0) {
        throw new IllegalArgumentException("negative size " + size + " of " + digest);
      }
      annotations = Collections.unmodifiableSortedMap(new TreeMap<>(annotations));
    }

    /**
     * The descriptor of one platform's image manifest, without annotations.
     *
     * @param mediaType the manifest's media type
     * @param digest its digest
     * @param size its size in bytes
     * @param platform its platform
     * @return the descriptor
     */
    public static Descriptor manifest(
        String mediaType, String digest, long size, IndexPlatform platform) {
      return new Descriptor(mediaType, digest, size, Optional.of(platform), new TreeMap<>());
    }
  }

  /**
   * Checks and copies the descriptors.
   *
   * @param format the format
   * @param manifests the descriptors
   * @throws IllegalArgumentException if a Docker list has an entry without a platform, with
   *     annotations, or of another media type, or two entries have the same platform
   */
  public ImageIndex {
    Objects.requireNonNull(format, "format");
    manifests = List.copyOf(manifests);
    Set<IndexPlatform> platforms = new HashSet<>();
    for (Descriptor d : manifests) {
      if (format == Format.DOCKER
          && (d.platform().isEmpty()
              || !d.annotations().isEmpty()
              || !d.mediaType().equals(MediaTypes.DOCKER_MANIFEST))) {
        throw new IllegalArgumentException(
            "a Docker manifest list holds V2.2 manifests with a platform and no annotations: " + d);
      }
      if (d.platform().isPresent() && !platforms.add(d.platform().get())) {
        throw new IllegalArgumentException("two manifests for " + d.platform().get());
      }
    }
  }

  /**
   * The index of per-platform image manifests, in the format that follows theirs: a Docker manifest
   * list of V2.2 manifests, an OCI index of OCI manifests.
   *
   * @param manifests the descriptors of the image manifests, each with its platform
   * @return the index
   * @throws IllegalArgumentException if there are none, they mix the two formats, or one is neither
   */
  public static ImageIndex following(List<Descriptor> manifests) {
    if (manifests.isEmpty()) {
      throw new IllegalArgumentException("an index of no manifests");
    }
    String mediaType = manifests.get(0).mediaType();
    for (Format format : Format.values()) {
      if (format.manifestMediaType().equals(mediaType)) {
        for (Descriptor d : manifests) {
          if (!d.mediaType().equals(mediaType) || d.platform().isEmpty()) {
            throw new IllegalArgumentException(
                "the manifests of an index are all " + mediaType + ", with a platform: " + d);
          }
        }
        return new ImageIndex(format, manifests);
      }
    }
    throw new IllegalArgumentException("not an image manifest's media type: " + mediaType);
  }

  /**
   * Returns the index's media type.
   *
   * @return {@value MediaTypes#OCI_INDEX} or {@value MediaTypes#DOCKER_LIST}
   */
  public String mediaType() {
    return format.mediaType();
  }

  /**
   * Returns the index as JSON: the same bytes for the same value.
   *
   * @return the UTF-8 bytes (a new array each time)
   */
  public byte[] json() {
    return IndexJson.write(this);
  }

  /**
   * Returns the digest of {@link #json()}.
   *
   * @return {@code sha256:...}
   */
  public String digest() {
    return sha256(json());
  }

  /**
   * Returns the descriptor of this index, for an OCI layout's {@code index.json} (or an index of
   * indexes).
   *
   * @param annotations its annotations, for example {@code org.opencontainers.image.ref.name}
   * @return the descriptor, without a platform
   */
  public Descriptor descriptor(Map<String, String> annotations) {
    byte[] json = json();
    return new Descriptor(
        mediaType(), sha256(json), json.length, Optional.empty(), new TreeMap<>(annotations));
  }

  /**
   * Returns the digest of the manifest for a platform.
   *
   * @param platform the platform
   * @return its digest, if the index has it
   */
  public Optional<String> digestOf(IndexPlatform platform) {
    return manifests.stream()
        .filter(d -> d.platform().equals(Optional.of(platform)))
        .map(Descriptor::digest)
        .findFirst();
  }

  /**
   * Computes a sha256 digest.
   *
   * @param bytes the bytes
   * @return {@code sha256:} and 64 hex digits
   */
  static String sha256(byte[] bytes) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /** Shows the format and the platforms, for messages. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(format.name()).append(" index of");
    for (Descriptor d : manifests) {
      text.append(' ').append(d.platform().map(Object::toString).orElse(d.mediaType()));
      text.append('=').append(d.digest(), 0, Math.min(d.digest().length(), 19));
    }
    return text.toString();
  }
}
