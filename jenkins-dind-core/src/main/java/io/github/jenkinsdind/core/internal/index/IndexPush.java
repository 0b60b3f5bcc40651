package io.github.jenkinsdind.core.internal.index;

import com.google.cloud.tools.jib.api.RegistryException;
import io.github.jenkinsdind.core.internal.jib.ManifestPush;
import io.github.jenkinsdind.core.internal.jib.RegistrySession;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Pushes the image index of a multi-platform build to a registry, once every platform's image is
 * there (pushed by Jib into the same repository): reads each manifest for its media type and size,
 * makes the {@link ImageIndex} that follows their format, and puts it under each tag. The registry
 * checks that the repository has every manifest the index lists.
 */
public final class IndexPush {

  private IndexPush() {}

  /**
   * Describes the image manifest of one platform for an index.
   *
   * @param session a session on the repository that has the manifest
   * @param image the platform and the manifest's digest
   * @return its descriptor: media type, digest, size, platform
   * @throws IOException if it cannot be read or its bytes cannot be told
   * @throws RegistryException if the registry refuses or does not have it
   */
  public static ImageIndex.Descriptor describe(RegistrySession session, PlatformImage image)
      throws IOException, RegistryException {
    ManifestPush.Manifest manifest = ManifestPush.pull(session, image.digest());
    return ImageIndex.Descriptor.manifest(
        manifest.mediaType(), manifest.digest(), manifest.json().length, image.platform());
  }

  /**
   * Makes the index of the platforms' images and pushes it under each tag (or, with no tag, under
   * its digest only).
   *
   * @param session a session for pushing into the repository ({@link RegistrySession#forPush})
   * @param images each platform's image, in the order the index lists them
   * @param tags the tags that name the index
   * @return the index pushed; {@link ImageIndex#digest()} is its digest in the registry
   * @throws IOException if a manifest cannot be read, the index cannot be sent, or the registry
   *     stored it under another digest
   * @throws RegistryException if the registry refuses
   */
  public static ImageIndex push(
      RegistrySession session, List<PlatformImage> images, List<String> tags)
      throws IOException, RegistryException {
    List<ImageIndex.Descriptor> manifests = new ArrayList<>();
    for (PlatformImage image : images) {
      manifests.add(describe(session, image));
    }
    ImageIndex index = ImageIndex.following(manifests);
    push(session, index, tags);
    return index;
  }

  /**
   * Pushes an index under each tag (or, with no tag, under its digest only).
   *
   * @param session a session for pushing into the repository ({@link RegistrySession#forPush})
   * @param index the index
   * @param tags the tags that name it
   * @throws IOException if it cannot be sent, or the registry stored it under another digest
   * @throws RegistryException if the registry refuses
   */
  public static void push(RegistrySession session, ImageIndex index, List<String> tags)
      throws IOException, RegistryException {
    byte[] json = index.json();
    String digest = index.digest();
    List<String> names = tags.isEmpty() ? List.of(digest) : tags;
    for (String name : names) {
      String stored = ManifestPush.push(session, json, index.mediaType(), name);
      if (!stored.equals(digest)) {
        throw new IOException(
            "the registry stored the index " + digest + " as " + stored + " under " + name);
      }
    }
  }
}
