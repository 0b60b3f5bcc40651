package io.github.jenkinsdind.core.internal.base;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.Setting;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code from} setting, parsed: where the base image comes from and what it is called there.
 *
 * <ul>
 *   <li>{@code registry://REF} or a bare {@code REF}: an image in a registry;
 *   <li>{@code docker://REF}: an image of the local Docker daemon;
 *   <li>{@code tar://PATH}: a {@code docker save} tar file.
 * </ul>
 *
 * @param kind where the base comes from
 * @param reference the text after the prefix: an image reference for {@link Kind#REGISTRY} and
 *     {@link Kind#DAEMON}, a file path for {@link Kind#TAR}
 */
public record BaseReference(Kind kind, String reference) {
  private static final String REGISTRY_PREFIX = "registry://";
  private static final String DAEMON_PREFIX = "docker://";
  private static final String TAR_PREFIX = "tar://";

  /** Where a base image comes from. */
  public enum Kind {
    /** A registry. */
    REGISTRY,
    /** The local Docker daemon. */
    DAEMON,
    /** A {@code docker save} tar file. */
    TAR
  }

  /**
   * Checks the parts.
   *
   * @param kind the kind
   * @param reference the reference or path
   */
  public BaseReference {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reference, "reference");
  }

  /**
   * Parses the {@code from} setting.
   *
   * @param from for example {@code jenkins/jenkins:lts-jdk21}, {@code
   *     registry://127.0.0.1:5000/jenkins:lts}, {@code docker://my-jenkins:1} or {@code
   *     tar://target/jenkins.tar}
   * @return the parsed reference
   * @throws ConfigurationException naming {@link Setting#FROM} if it is empty, has an unknown
   *     prefix, an invalid image reference or an empty tar path
   */
  public static BaseReference parse(String from) throws ConfigurationException {
    String text = from == null ? "" : from.trim();
    if (text.isEmpty()) {
      throw new ConfigurationException(
          "the base image (from) is not set",
          Setting.FROM,
          from,
          "perhaps you should set it to jenkins/jenkins:lts-jdk21");
    }
    if (text.startsWith(TAR_PREFIX)) {
      String path = text.substring(TAR_PREFIX.length()).trim();
      if (path.isEmpty()) {
        throw new ConfigurationException(
            "the base image '" + from + "' names no tar file",
            Setting.FROM,
            from,
            "perhaps you should write it as tar://path/to/image.tar");
      }
      try {
        Path.of(path);
      } catch (InvalidPathException e) {
        throw new ConfigurationException(
            "the base image '" + from + "' names an invalid path: " + e.getMessage(),
            Setting.FROM,
            from,
            "perhaps you should write it as tar://path/to/image.tar",
            e);
      }
      return new BaseReference(Kind.TAR, path);
    }
    Kind kind;
    String ref;
    if (text.startsWith(DAEMON_PREFIX)) {
      kind = Kind.DAEMON;
      ref = text.substring(DAEMON_PREFIX.length()).trim();
    } else if (text.startsWith(REGISTRY_PREFIX)) {
      kind = Kind.REGISTRY;
      ref = text.substring(REGISTRY_PREFIX.length()).trim();
    } else if (text.matches("[A-Za-z][A-Za-z0-9+.-]*://.*")) {
      throw new ConfigurationException(
          "the base image '" + from + "' has an unknown prefix",
          Setting.FROM,
          from,
          "perhaps you should write it as registry://REF, docker://REF, tar://PATH or plain REF");
    } else {
      kind = Kind.REGISTRY;
      ref = text;
    }
    try {
      ImageReference.parse(ref);
    } catch (InvalidImageReferenceException e) {
      throw new ConfigurationException(
          "the base image '" + from + "' is not a valid image reference",
          Setting.FROM,
          from,
          "perhaps you should write it as registry/repository:tag, for example"
              + " docker.io/jenkins/jenkins:lts-jdk21",
          e);
    }
    return new BaseReference(kind, ref);
  }

  /**
   * Returns the tar file of a {@link Kind#TAR} base.
   *
   * @return the path, as written (relative paths are for the caller to resolve)
   * @throws IllegalStateException if this is not a tar base
   */
  public Path tarPath() {
    if (kind != Kind.TAR) {
      throw new IllegalStateException(this + " is not a tar base");
    }
    return Path.of(reference);
  }

  /**
   * Returns the image reference of a {@link Kind#REGISTRY} or {@link Kind#DAEMON} base, as Jib
   * reads it (registry, repository, tag or digest, with Docker Hub defaults applied).
   *
   * @return the reference
   * @throws IllegalStateException if this is a tar base or the reference is invalid
   */
  public ImageReference imageReference() {
    if (kind == Kind.TAR) {
      throw new IllegalStateException(this + " is a tar base");
    }
    try {
      return ImageReference.parse(reference);
    } catch (InvalidImageReferenceException e) {
      throw new IllegalStateException("invalid image reference " + reference, e);
    }
  }

  /**
   * Returns the reference in the form the {@code from} setting takes, with its prefix.
   *
   * @return for example {@code docker://my-jenkins:1}
   */
  @Override
  public String toString() {
    return switch (kind) {
      case REGISTRY -> REGISTRY_PREFIX + reference;
      case DAEMON -> DAEMON_PREFIX + reference;
      case TAR -> TAR_PREFIX + reference;
    };
  }
}
