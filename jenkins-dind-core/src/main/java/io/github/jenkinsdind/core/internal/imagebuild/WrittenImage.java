package io.github.jenkinsdind.core.internal.imagebuild;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What writing the image gives, as Jib reports it.
 *
 * @param digest the image's digest (of its manifest)
 * @param imageId the image's ID (the digest of its configuration)
 * @param tags the tags it was written with, in Jib's order
 */
record WrittenImage(String digest, String imageId, Set<String> tags) {
  /** Checks and copies the parts, keeping the tags' order. */
  WrittenImage {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(imageId, "imageId");
    tags = Collections.unmodifiableSet(new LinkedHashSet<>(tags));
  }
}
