package io.github.jenkinsdind.core.internal.container;

import java.util.regex.Pattern;

/** Docker's rule for container and volume names. */
final class DockerNames {
  /** {@code [a-zA-Z0-9][a-zA-Z0-9_.-]+}, as the daemon checks them. */
  static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");

  private DockerNames() {}
}
