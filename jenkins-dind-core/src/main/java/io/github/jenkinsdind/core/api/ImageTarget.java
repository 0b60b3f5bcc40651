package io.github.jenkinsdind.core.api;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * Where a built image goes: a registry, a Docker daemon, or a {@code docker load}-able tar file.
 * Made with {@link #registry}, {@link #dockerDaemon} or {@link #tarFile}.
 */
public sealed interface ImageTarget
    permits ImageTarget.Registry, ImageTarget.DockerDaemon, ImageTarget.TarFile {

  /**
   * Returns the image reference, for example {@code registry.example.com/ci/jenkins:1.0}.
   *
   * @return the reference
   */
  String image();

  /**
   * Returns the tags the image also gets, besides the one in {@link #image()}.
   *
   * @return the additional tags, perhaps empty
   */
  Set<String> additionalTags();

  /**
   * Pushes the image to a registry.
   *
   * @param image the image reference
   * @param additionalTags tags the image also gets
   * @return the target
   */
  static ImageTarget registry(String image, Set<String> additionalTags) {
    return new Registry(image, additionalTags);
  }

  /**
   * Loads the image into the Docker daemon that the {@code docker} command reaches.
   *
   * @param image the image reference
   * @param additionalTags tags the image also gets
   * @return the target
   */
  static ImageTarget dockerDaemon(String image, Set<String> additionalTags) {
    return new DockerDaemon(image, additionalTags);
  }

  /**
   * Writes the image to a tar file that {@code docker load} reads.
   *
   * @param image the image reference recorded in the tar
   * @param file the tar file
   * @return the target
   */
  static ImageTarget tarFile(String image, Path file) {
    return new TarFile(image, Set.of(), file);
  }

  /**
   * A registry target.
   *
   * @param image the image reference
   * @param additionalTags tags the image also gets
   */
  record Registry(String image, Set<String> additionalTags) implements ImageTarget {
    /**
     * Checks and copies the parts.
     *
     * @param image the image reference
     * @param additionalTags tags the image also gets
     */
    public Registry {
      Objects.requireNonNull(image, "image");
      additionalTags = Set.copyOf(additionalTags);
    }
  }

  /**
   * A Docker daemon target.
   *
   * @param image the image reference
   * @param additionalTags tags the image also gets
   */
  record DockerDaemon(String image, Set<String> additionalTags) implements ImageTarget {
    /**
     * Checks and copies the parts.
     *
     * @param image the image reference
     * @param additionalTags tags the image also gets
     */
    public DockerDaemon {
      Objects.requireNonNull(image, "image");
      additionalTags = Set.copyOf(additionalTags);
    }
  }

  /**
   * A tar file target.
   *
   * @param image the image reference recorded in the tar
   * @param additionalTags tags the image also gets
   * @param file the tar file
   */
  record TarFile(String image, Set<String> additionalTags, Path file) implements ImageTarget {
    /**
     * Checks and copies the parts.
     *
     * @param image the image reference
     * @param additionalTags tags the image also gets
     * @param file the tar file
     */
    public TarFile {
      Objects.requireNonNull(image, "image");
      Objects.requireNonNull(file, "file");
      additionalTags = Set.copyOf(additionalTags);
    }
  }
}
