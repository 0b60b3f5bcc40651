package io.github.jenkinsdind.maven;

import io.github.jenkinsdind.core.api.CheckRequest;
import io.github.jenkinsdind.core.api.CheckResult;
import io.github.jenkinsdind.core.api.JenkinsContainers;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Proves that the image can drive the Docker daemon: a throwaway container of it, as the image's
 * user, with the socket and the group logic of {@code jenkins-dind:run}, runs {@code docker
 * version}, and is removed. Prints PASS with the server version, or fails the build with the
 * diagnosis (the socket's GID, the user's groups in the image) and the exact fix.
 *
 * @since 0.1.0
 */
@Mojo(
    name = "check",
    defaultPhase = LifecyclePhase.INTEGRATION_TEST,
    requiresProject = false,
    threadSafe = true)
public class CheckMojo extends AbstractJenkinsDindMojo {

  /**
   * The image to check; it must be in the Docker daemon already.
   *
   * @since 0.1.0
   */
  @Parameter(
      property = PROPERTY_PREFIX + "image",
      defaultValue = "${project.artifactId}:${project.version}")
  String image;

  /**
   * The Docker socket on the Docker host, mounted at the same path in the container.
   *
   * @since 0.1.0
   */
  @Parameter(property = PROPERTY_PREFIX + "dockerSocket", defaultValue = "/var/run/docker.sock")
  String dockerSocket;

  /**
   * The supplementary group of the container's user, as for {@code jenkins-dind:run}: {@code auto},
   * {@code none} (only the image's own groups), or a GID.
   *
   * @since 0.1.0
   */
  @Parameter(property = PROPERTY_PREFIX + "groupAdd", defaultValue = "auto")
  String groupAdd;

  @Override
  protected String goal() {
    return "check";
  }

  @Override
  protected void run() throws JenkinsDindException, MojoFailureException {
    CheckRequest request =
        new CheckRequest(
            image == null ? "" : image,
            dockerSocket == null ? "" : dockerSocket,
            groupAdd == null ? "" : groupAdd);
    CheckResult result;
    try (JenkinsContainers docker = JenkinsContainers.connect()) {
      result = docker.check(request, events());
    }
    if (result.passed()) {
      getLog().info("PASS: " + result.image() + ": " + result.diagnosis());
      return;
    }
    StringBuilder message =
        new StringBuilder("FAIL: ")
            .append(result.image())
            .append(" cannot drive the Docker" + " daemon. ")
            .append(result.diagnosis());
    result
        .socketGid()
        .ifPresent(
            gid ->
                message
                    .append(System.lineSeparator())
                    .append("  Socket GID on the Docker host: ")
                    .append(gid));
    message
        .append(System.lineSeparator())
        .append("  User in the image: ")
        .append(result.user())
        .append(", groups ")
        .append(String.join(" ", result.userGroups().stream().map(String::valueOf).toList()));
    result
        .fix()
        .ifPresent(fix -> message.append(System.lineSeparator()).append("  Fix: ").append(fix));
    throw new MojoFailureException(message.toString());
  }
}
