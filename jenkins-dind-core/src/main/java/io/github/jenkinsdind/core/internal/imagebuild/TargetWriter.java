package io.github.jenkinsdind.core.internal.imagebuild;

import com.google.cloud.tools.jib.api.JibContainerBuilder;
import io.github.jenkinsdind.core.api.JenkinsDindException;

/**
 * How the image reaches its target, one strategy per kind of target: a registry ({@link
 * RegistryTargetWriter}), a Docker daemon ({@link DaemonTargetWriter}, with its own pull of the
 * base, stand-in base layers and the fallback to a whole load) or a tar file ({@link
 * TarTargetWriter}, written to a temporary file and moved into place); or one platform of a
 * multi-platform image ({@link PlatformImageWriter}). The build's last step.
 */
sealed interface TargetWriter
    permits RegistryTargetWriter, DaemonTargetWriter, TarTargetWriter, PlatformImageWriter {

  /**
   * Writes the image.
   *
   * @param builder the image: base, layers, labels, platform
   * @return the image written
   * @throws JenkinsDindException if it could not be written; the target is left as it was then (a
   *     registry or daemon may keep layers, never a half-written image or tar)
   */
  WrittenImage write(JibContainerBuilder builder) throws JenkinsDindException;
}
