package io.github.jenkinsdind.core.internal.imagebuild;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import java.util.Objects;

/**
 * Writes one platform of a multi-platform image, without the target's tags ({@link IndexTargets}):
 * to the registry under its platform's own tag, or to an OCI layout tar in the build's temporary
 * directory.
 */
final class PlatformImageWriter implements TargetWriter {
  private final ImageWrite jib;
  private final ImageFormat format;
  private final Containerizer containerizer;

  /**
   * Prepares the write.
   *
   * @param jib writes the image
   * @param format the manifest format: Docker for a registry, OCI for a layout tar
   * @param containerizer where it goes, with the build's settings but no additional tags
   */
  PlatformImageWriter(ImageWrite jib, ImageFormat format, Containerizer containerizer) {
    this.jib = Objects.requireNonNull(jib, "jib");
    this.format = Objects.requireNonNull(format, "format");
    this.containerizer = Objects.requireNonNull(containerizer, "containerizer");
  }

  @Override
  public WrittenImage write(JibContainerBuilder builder) throws JenkinsDindException {
    return jib.write(builder.setFormat(format), containerizer);
  }
}
