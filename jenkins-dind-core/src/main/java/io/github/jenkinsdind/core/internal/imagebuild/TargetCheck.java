package io.github.jenkinsdind.core.internal.imagebuild;

import com.google.cloud.tools.jib.api.ImageReference;
import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.ImageTarget;
import io.github.jenkinsdind.core.api.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Checks of the target made before anything is read or written. */
final class TargetCheck {
  /** A Docker tag, as the distribution spec defines it. */
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  private TargetCheck() {}

  /**
   * Parses the target's image reference.
   *
   * @param target the target
   * @return the reference
   * @throws ConfigurationException if it is not a valid reference
   */
  static ImageReference reference(ImageTarget target) throws ConfigurationException {
    return ImageBuild.parseReference(target.image(), Setting.IMAGE);
  }

  /**
   * Checks the additional tags.
   *
   * @param target the target
   * @throws ConfigurationException if a tag is not a valid Docker tag
   */
  static void tags(ImageTarget target) throws ConfigurationException {
    for (String tag : target.additionalTags()) {
      if (!TAG.matcher(tag).matches()) {
        throw new ConfigurationException(
            "'" + tag + "' is not a valid image tag",
            Setting.TAGS,
            String.join(",", target.additionalTags()),
            "perhaps you should use letters, digits, '_', '.' and '-' only (at most 128, not"
                + " starting with '.' or '-'), for example 1.0 or latest");
      }
    }
  }

  /**
   * Refuses a registry target offline.
   *
   * @param request the request
   * @throws ConfigurationException if the target is a registry and the build is offline
   */
  static void offline(BuildRequest request) throws ConfigurationException {
    if (request.offline() && request.target() instanceof ImageTarget.Registry) {
      throw new ConfigurationException(
          "Cannot push " + request.target().image() + " to a registry while offline",
          Setting.OFFLINE,
          "true",
          "perhaps you should build without -o (offline), or with target docker or tar");
    }
  }

  /**
   * For a tar target, checks that the tar file can be written and makes the temporary file the
   * image is first written to, next to it, so that a failed build leaves no half-written tar.
   *
   * @param target the target
   * @return the temporary file, or {@code null} for other targets
   * @throws ConfigurationException if the tar file cannot be written
   */
  static Path prepareTarFile(ImageTarget target) throws ConfigurationException {
    if (!(target instanceof ImageTarget.TarFile tar)) {
      return null;
    }
    Path file = tar.file().toAbsolutePath();
    if (Files.isDirectory(file)) {
      throw unwritable(file, "it is a directory", null);
    }
    try {
      Path dir = file.getParent();
      Files.createDirectories(dir);
      return Files.createTempFile(dir, "." + file.getFileName(), ".part");
    } catch (IOException | UnsupportedOperationException e) {
      throw unwritable(file, e.toString(), e);
    }
  }

  private static ConfigurationException unwritable(Path file, String why, Exception cause) {
    return new ConfigurationException(
        "The tar file " + file + " cannot be written: " + why,
        Setting.TAR_FILE,
        file.toString(),
        "perhaps you should point tarFile at a file in a writable directory",
        cause);
  }
}
