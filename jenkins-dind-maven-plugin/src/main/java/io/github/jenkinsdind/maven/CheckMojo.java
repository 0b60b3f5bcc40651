package io.github.jenkinsdind.maven;

import io.github.jenkinsdind.core.api.CheckRequest;
import io.github.jenkinsdind.core.api.CheckResult;
import io.github.jenkinsdind.core.api.JenkinsContainers;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Proves that the image can drive the Docker daemon: a throwaway container of it, as the image's
 * user, with the socket and the group logic of {@code jenkins-dind:run}, runs {@code docker
 * version}, and is removed; then (unless {@code checkToolchain} is false) another proves buildx
 * with a real BuildKit build, and compose with {@code up -d} and {@code down}, when the image has
 * it. Prints PASS with the server version, or fails the build with the diagnosis (the socket's GID,
 * the user's groups in the image) and the exact fix.
 *
 * @since 0.1.0
 */
@Mojo(
    name = "check",
    defaultPhase = LifecyclePhase.INTEGRATION_TEST,
    requiresProject = false,
    threadSafe = true)
public class CheckMojo extends AbstractContainerMojo<CheckRequest> {

  /**
   * Whether the check also proves the toolchain a Jenkins job uses, once {@code docker version}
   * passes: {@code docker buildx version} and a real BuildKit build whose {@code FROM} is the
   * image, then, when the image has compose, {@code docker compose version}, {@code up -d} and
   * {@code down} of a one-service project. What it makes is removed. Set it to {@code false} to
   * check only {@code docker version}, as before 0.2.0.
   *
   * @since 0.2.0
   */
  @Parameter(property = PROPERTY_PREFIX + "checkToolchain", defaultValue = "true")
  boolean checkToolchain;

  /** Creates the goal; Maven sets the parameters. */
  public CheckMojo() {}

  @Override
  protected String goal() {
    return "check";
  }

  @Override
  protected CheckRequest request() {
    return new CheckRequest(
        orEmpty(image), orEmpty(dockerSocket), orEmpty(groupAdd), dockerHost(), checkToolchain);
  }

  @Override
  protected void perform(CheckRequest request) throws JenkinsDindException, MojoFailureException {
    CheckResult result;
    try (JenkinsContainers docker = JenkinsContainers.connect(request.dockerHost(), events())) {
      result = docker.check(request, events());
    }
    if (result.passed()) {
      getLog().info("PASS: " + result.image() + ": " + result.diagnosis());
      return;
    }
    throw new MojoFailureException(failure(result, fix(result)));
  }

  /**
   * Returns the fix of a failed check in Maven's words.
   *
   * @param result the verdict
   * @return the fix, if the verdict has one
   */
  static Optional<String> fix(CheckResult result) {
    return result.fix().map(MavenHelpfulSuggestions.WORDS::render);
  }

  /**
   * Says why a check failed: the diagnosis, the socket's GID, the user and its groups, and the fix.
   *
   * @param result the verdict, a failure
   * @param fix the fix, already in Maven's words
   * @return the message
   */
  static String failure(CheckResult result, Optional<String> fix) {
    String nl = System.lineSeparator();
    StringBuilder message =
        new StringBuilder("FAIL: ")
            .append(result.image())
            .append(" cannot drive the Docker daemon. ")
            .append(result.diagnosis());
    result
        .socketGid()
        .ifPresent(
            gid -> message.append(nl).append("  Socket GID on the Docker host: ").append(gid));
    message
        .append(nl)
        .append("  User in the image: ")
        .append(result.user())
        .append(", groups ")
        .append(result.userGroups().stream().map(String::valueOf).collect(Collectors.joining(" ")));
    fix.ifPresent(f -> message.append(nl).append("  Fix: ").append(f));
    return message.toString();
  }
}
