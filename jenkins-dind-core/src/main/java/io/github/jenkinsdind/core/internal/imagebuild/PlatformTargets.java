package io.github.jenkinsdind.core.internal.imagebuild;

import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a multi-platform image goes ({@link IndexTargets} is the build's): each platform's image,
 * without the target's tags, then the index that the tags name. Several platforms may be written at
 * once.
 */
interface PlatformTargets {

  /**
   * Makes the writer of one platform's image.
   *
   * @param platform the platform
   * @param ociTar where a tar target's platform image goes
   * @return the writer
   */
  TargetWriter platformWriter(ImagePlatform platform, Path ociTar);

  /**
   * Writes the index of the platforms' images, once every platform has been written.
   *
   * @param images each platform with its image, in the index's order
   * @param ociTars the platforms' OCI tars, in the same order (tar target)
   * @return the index as written: its digest, and the tags
   * @throws JenkinsDindException if it cannot be written
   */
  IndexTargets.WrittenIndex writeIndex(List<IndexTargets.Written> images, List<Path> ociTars)
      throws JenkinsDindException;
}
