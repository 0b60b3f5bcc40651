package io.github.jenkinsdind.core.internal.jib;

import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.image.json.ManifestTemplate;
import com.google.cloud.tools.jib.json.JsonTemplateMapper;
import com.google.cloud.tools.jib.registry.ManifestAndDigest;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Manifests and indexes in a registry, byte for byte, through jib-core's internal registry client
 * of a {@link RegistrySession}: what an image index needs to list a manifest (its exact bytes, for
 * its size) and to be pushed as the caller wrote it.
 */
public final class ManifestPush {

  /**
   * A manifest as a registry has it.
   *
   * @param digest its digest, {@code sha256:...}
   * @param mediaType its media type
   * @param json its bytes
   */
  public record Manifest(String digest, String mediaType, byte[] json) {
    /** Checks the parts. */
    public Manifest {
      Objects.requireNonNull(digest, "digest");
      Objects.requireNonNull(mediaType, "mediaType");
      json = json.clone();
    }

    /**
     * Returns the bytes.
     *
     * @return a copy of the manifest's JSON
     */
    @Override
    public byte[] json() {
      return json.clone();
    }
  }

  private ManifestPush() {}

  /**
   * Reads an image manifest by digest, with the bytes it has in the registry. jib-core's client
   * parses a manifest and drops its bytes; Jib writes a manifest with the same serialization it
   * reads it with, so a manifest Jib pushed serializes back to the same bytes. That is checked: the
   * bytes must have the digest asked for, or this fails rather than give a wrong size.
   *
   * @param session the session on the manifest's repository
   * @param digest the manifest's digest
   * @return the manifest
   * @throws IOException if it cannot be read, or is not a manifest Jib wrote (its bytes cannot be
   *     told)
   * @throws RegistryException if the registry refuses or does not have it
   */
  public static Manifest pull(RegistrySession session, String digest)
      throws IOException, RegistryException {
    ManifestAndDigest<ManifestTemplate> pulled = session.client().pullManifest(digest);
    ManifestTemplate template = pulled.getManifest();
    byte[] json = JsonTemplateMapper.toByteArray(template);
    String written = sha256(json);
    if (!written.equals(digest) || !pulled.getDigest().toString().equals(digest)) {
      throw new IOException(
          "the manifest "
              + digest
              + " was not written by Jib: its bytes cannot be told from what the registry answered"
              + " (they read back as "
              + written
              + ")");
    }
    if (template.getManifestMediaType() == null) {
      throw new IOException("the manifest " + digest + " names no media type");
    }
    return new Manifest(digest, template.getManifestMediaType(), json);
  }

  /**
   * Pushes a manifest or an index byte for byte (its digest is the digest of these bytes), under a
   * tag or under its digest. A registry refuses an index whose manifests the repository lacks.
   *
   * @param session the session on the repository, opened with {@link RegistrySession#forPush}
   * @param json the manifest's JSON
   * @param mediaType its media type
   * @param tagOrDigest the tag, or the digest of the bytes
   * @return the digest the registry gave it, {@code sha256:...}
   * @throws IOException if it cannot be sent
   * @throws RegistryException if the registry refuses
   */
  public static String push(
      RegistrySession session, byte[] json, String mediaType, String tagOrDigest)
      throws IOException, RegistryException {
    return session.client().pushManifest(new RawManifest(json, mediaType), tagOrDigest).toString();
  }

  private static String sha256(byte[] bytes) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
