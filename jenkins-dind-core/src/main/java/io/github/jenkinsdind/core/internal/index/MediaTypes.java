package io.github.jenkinsdind.core.internal.index;

/**
 * The media types of manifests and indexes, as the OCI image spec and Docker's registry name them.
 */
public final class MediaTypes {
  /** An OCI image index. */
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

  /** An OCI image manifest. */
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

  /** A Docker manifest list (schema 2). */
  public static final String DOCKER_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";

  /** A Docker image manifest (schema 2, "V2.2"). */
  public static final String DOCKER_MANIFEST =
      "application/vnd.docker.distribution.manifest.v2+json";

  private MediaTypes() {}
}
