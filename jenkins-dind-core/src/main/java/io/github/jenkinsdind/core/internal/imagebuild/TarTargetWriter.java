package io.github.jenkinsdind.core.internal.imagebuild;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.TarImage;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.ImageTarget;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * Writes the image to a tar file: first to a temporary file next to it, moved into place (an atomic
 * move, replacing what was there) only once the image is complete, and deleted otherwise, so that a
 * failed build leaves no half-written tar.
 */
final class TarTargetWriter implements TargetWriter {
  private final ImageReference target;
  private final ImageTarget.TarFile tar;
  private final ContainerizerSettings settings;
  private final ImageWrite jib;

  /**
   * Prepares the write.
   *
   * @param target the image reference recorded in the tar
   * @param tar the target, with its file
   * @param settings the shared Jib settings
   * @param jib writes the image
   */
  TarTargetWriter(
      ImageReference target,
      ImageTarget.TarFile tar,
      ContainerizerSettings settings,
      ImageWrite jib) {
    this.target = Objects.requireNonNull(target, "target");
    this.tar = Objects.requireNonNull(tar, "tar");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.jib = Objects.requireNonNull(jib, "jib");
  }

  @Override
  public WrittenImage write(JibContainerBuilder builder) throws JenkinsDindException {
    Path temp = TargetCheck.prepareTarFile(tar);
    try {
      WrittenImage image =
          jib.write(builder, settings.apply(Containerizer.to(TarImage.at(temp).named(target))));
      moveIntoPlace(temp, tar.file());
      return image;
    } finally {
      deleteQuietly(temp);
    }
  }

  private static void moveIntoPlace(Path temp, Path file) throws EnvironmentException {
    try {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new EnvironmentException(
          "Could not write " + file + ": " + e.getMessage(),
          Setting.TAR_FILE,
          file.toString(),
          Suggestion.perhaps()
              .text("point ")
              .setting(Setting.TAR_FILE)
              .text(" at a writable location")
              .build(),
          e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a leftover .part file next to the tar is harmless and named as such
    }
  }
}
