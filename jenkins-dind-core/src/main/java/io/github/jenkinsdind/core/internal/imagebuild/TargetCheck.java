package io.github.jenkinsdind.core.internal.imagebuild;

import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.ImageTarget;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks of the target: its tags and offline mode before anything is read or written, and the tar
 * file's directory just before the image is written.
 */
final class TargetCheck {
  /** A Docker tag, as the distribution spec defines it. */
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  private TargetCheck() {}

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
   * Refuses a registry target offline: pushing needs the network. The only check of it; front ends
   * leave it to the core.
   *
   * @param request the request
   * @throws ConfigurationException naming {@link Setting#OFFLINE} if the target is a registry and
   *     the build is offline
   */
  static void offline(BuildRequest request) throws ConfigurationException {
    if (request.offline() && request.target() instanceof ImageTarget.Registry) {
      throw new ConfigurationException(
          "The build is offline, but a registry target needs the network to push "
              + request.target().image(),
          Setting.OFFLINE,
          "true",
          Suggestion.perhaps()
              .text("build without ")
              .setting(Setting.OFFLINE)
              .text(", or choose ")
              .set(Setting.TARGET, "docker")
              .text(" or ")
              .set(Setting.TARGET, "tar")
              .text(", which need no network")
              .build(),
          null);
    }
  }

  /**
   * For a tar target, checks that the tar file can be written and makes the temporary file the
   * image is first written to, next to it, so that a failed build leaves no half-written tar.
   *
   * @param tar the tar target
   * @return the temporary file
   * @throws ConfigurationException if the tar file cannot be written
   */
  static Path prepareTarFile(ImageTarget.TarFile tar) throws ConfigurationException {
    Path file = tar.file().toAbsolutePath();
    if (Files.isDirectory(file)) {
      throw unwritable(file, "it is a directory", Optional.empty());
    }
    try {
      Path dir = file.getParent();
      Files.createDirectories(dir);
      return Files.createTempFile(dir, "." + file.getFileName(), ".part");
    } catch (IOException | UnsupportedOperationException e) {
      throw unwritable(file, e.toString(), Optional.of(e));
    }
  }

  private static ConfigurationException unwritable(
      Path file, String why, Optional<Exception> cause) {
    return new ConfigurationException(
        "The tar file " + file + " cannot be written: " + why,
        Setting.TAR_FILE,
        file.toString(),
        Suggestion.perhaps()
            .text("point ")
            .setting(Setting.TAR_FILE)
            .text(" at a file in a writable directory")
            .build(),
        cause.orElse(null));
  }
}
