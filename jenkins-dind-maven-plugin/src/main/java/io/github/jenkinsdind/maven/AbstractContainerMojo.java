package io.github.jenkinsdind.maven;

import org.apache.maven.plugins.annotations.Parameter;

/**
 * What the goals that start a container of the image share ({@code run}, and {@code check} with its
 * throwaway container): the image, the Docker socket mounted into the container and the
 * supplementary group of the container's user.
 *
 * @param <R> the core's request that the goal makes
 */
public abstract class AbstractContainerMojo<R> extends AbstractJenkinsDindMojo<R> {

  /**
   * The image; it must be in the Docker daemon already (build it with {@code jenkins-dind:build},
   * whose default target is that daemon).
   *
   * @since 0.1.0
   */
  @Parameter(
      property = PROPERTY_PREFIX + "image",
      defaultValue = "${project.artifactId}:${project.version}")
  protected String image;

  /**
   * The Docker socket on the Docker host, mounted at the same path in the container.
   *
   * @since 0.1.0
   */
  @Parameter(property = PROPERTY_PREFIX + "dockerSocket", defaultValue = "/var/run/docker.sock")
  protected String dockerSocket;

  /**
   * The supplementary group of the container's user: {@code auto} (the socket's GID as the Docker
   * host sees it, found by a short-lived container of the image), {@code none} (only the image's
   * own groups), or a GID.
   *
   * @since 0.1.0
   */
  @Parameter(property = PROPERTY_PREFIX + "groupAdd", defaultValue = "auto")
  protected String groupAdd;

  /** Creates the goal; Maven sets the parameters. */
  protected AbstractContainerMojo() {}
}
