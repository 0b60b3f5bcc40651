package io.github.jenkinsdind.maven;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.ImageTarget;
import io.github.jenkinsdind.core.api.Setting;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The values of the build goal's {@code target}: where the image goes. */
enum TargetKind {
  /** The Docker daemon that the {@code docker} command reaches. */
  DOCKER,
  /** A registry: the image reference names it. */
  REGISTRY,
  /** A tar file that {@code docker load} reads. */
  TAR;

  /**
   * Returns the name users write, for example {@code docker}.
   *
   * @return the name
   */
  String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Reads the {@code target} setting; case and surrounding blanks do not matter.
   *
   * @param text the setting's value
   * @return the kind
   * @throws ConfigurationException if it is none of {@code docker}, {@code registry}, {@code tar}
   */
  static TargetKind parse(String text) throws ConfigurationException {
    String key = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    for (TargetKind kind : values()) {
      if (kind.key().equals(key)) {
        return kind;
      }
    }
    throw new ConfigurationException(
        "'" + text + "' is not a target: use one of " + names(),
        Setting.TARGET,
        text,
        "perhaps you should set it to docker (the local daemon), registry (push) or tar (a file)");
  }

  /**
   * Returns the kind of a core target.
   *
   * @param target the target
   * @return its kind
   */
  static TargetKind of(ImageTarget target) {
    if (target instanceof ImageTarget.Registry) {
      return REGISTRY;
    }
    return target instanceof ImageTarget.TarFile ? TAR : DOCKER;
  }

  /**
   * Makes the core's target for this kind.
   *
   * @param image the image reference
   * @param tags the additional tags
   * @param tarFile the tar file, used by {@link #TAR} only
   * @return the target
   */
  ImageTarget target(String image, Set<String> tags, Path tarFile) {
    return switch (this) {
      case DOCKER -> ImageTarget.dockerDaemon(image, tags);
      case REGISTRY -> ImageTarget.registry(image, tags);
      case TAR -> new ImageTarget.TarFile(image, tags, tarFile);
    };
  }

  private static String names() {
    return Arrays.stream(values()).map(TargetKind::key).collect(Collectors.joining(", "));
  }
}
