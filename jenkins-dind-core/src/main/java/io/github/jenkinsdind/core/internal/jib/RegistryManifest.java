package io.github.jenkinsdind.core.internal.jib;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A manifest as a registry answered it, in our own terms: an image manifest, a list of manifests (a
 * Docker manifest list or an OCI index), or a kind that cannot be read. Made by {@link
 * RegistrySession#pullManifest} from jib-core's templates.
 */
public sealed interface RegistryManifest {

  /**
   * Returns the digest of the manifest's content, as the registry served it.
   *
   * @return for example {@code sha256:...}
   */
  String digest();

  /**
   * Returns the manifest's schema version, for messages.
   *
   * @return for example 2
   */
  int schemaVersion();

  /**
   * Returns the manifest's media type, for messages.
   *
   * @return the media type, if the manifest names one
   */
  Optional<String> mediaType();

  /**
   * A blob a manifest names.
   *
   * @param digest the blob's digest, {@code sha256:...}
   * @param size its size in bytes, or -1 if not given
   */
  record Blob(String digest, long size) {
    /** Checks the parts. */
    public Blob {
      Objects.requireNonNull(digest, "digest");
    }
  }

  /**
   * The manifest of one image (Docker V2.2 or OCI).
   *
   * @param digest the manifest's digest
   * @param schemaVersion its schema version
   * @param mediaType its media type
   * @param config the config blob, if the manifest names one with a digest
   * @param layers the layer blobs, bottom layer first
   * @param dockerV22 whether it is a Docker V2.2 manifest (whose layers are always gzip tars)
   */
  record Image(
      String digest,
      int schemaVersion,
      Optional<String> mediaType,
      Optional<Blob> config,
      List<Blob> layers,
      boolean dockerV22)
      implements RegistryManifest {
    /** Checks and copies the parts. */
    public Image {
      Objects.requireNonNull(digest, "digest");
      Objects.requireNonNull(mediaType, "mediaType");
      Objects.requireNonNull(config, "config");
      layers = List.copyOf(layers);
    }
  }

  /**
   * One image of a manifest list or OCI index.
   *
   * @param digest the image manifest's digest
   * @param os its operating system, if given
   * @param architecture its architecture, if given
   * @param annotations its annotations (OCI only; empty for a Docker manifest list)
   */
  record Entry(
      String digest,
      Optional<String> os,
      Optional<String> architecture,
      Map<String, String> annotations) {
    /** Checks and copies the parts. */
    public Entry {
      Objects.requireNonNull(digest, "digest");
      Objects.requireNonNull(os, "os");
      Objects.requireNonNull(architecture, "architecture");
      annotations = Map.copyOf(annotations);
    }
  }

  /**
   * A Docker manifest list or an OCI index.
   *
   * @param digest the list's digest
   * @param schemaVersion its schema version
   * @param mediaType its media type
   * @param entries the images it lists that have a digest, in order
   */
  record Index(String digest, int schemaVersion, Optional<String> mediaType, List<Entry> entries)
      implements RegistryManifest {
    /** Checks and copies the parts. */
    public Index {
      Objects.requireNonNull(digest, "digest");
      Objects.requireNonNull(mediaType, "mediaType");
      entries = List.copyOf(entries);
    }
  }

  /**
   * A manifest of a kind that cannot be read (for example schema 1).
   *
   * @param digest its digest
   * @param schemaVersion its schema version
   * @param mediaType its media type
   */
  record Unsupported(String digest, int schemaVersion, Optional<String> mediaType)
      implements RegistryManifest {
    /** Checks the parts. */
    public Unsupported {
      Objects.requireNonNull(digest, "digest");
      Objects.requireNonNull(mediaType, "mediaType");
    }
  }
}
