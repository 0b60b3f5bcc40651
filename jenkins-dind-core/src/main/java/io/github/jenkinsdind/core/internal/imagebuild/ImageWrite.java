package io.github.jenkinsdind.core.internal.imagebuild;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import io.github.jenkinsdind.core.api.JenkinsDindException;

/**
 * The one call that writes an image: Jib's {@code containerize}, with its failures translated
 * ({@link JibImageWrite}). The target strategies ({@link TargetWriter}) call it, once or, for a
 * daemon that refuses a load without the base's layers, twice.
 */
@FunctionalInterface
interface ImageWrite {
  /**
   * Has Jib assemble the image and write it where the containerizer says.
   *
   * @param builder the image: base, layers, labels, platform
   * @param containerizer where it goes, and Jib's settings
   * @return the image written
   * @throws JenkinsDindException if Jib failed
   */
  WrittenImage write(JibContainerBuilder builder, Containerizer containerizer)
      throws JenkinsDindException;
}
