package io.github.jenkinsdind.core.internal.daemon;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.StreamType;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Runs one short command in a container of an image, as the image's user, with the Docker socket
 * mounted at its own path and no network, then removes the container with its anonymous volumes
 * (those the image declares; the socket is a bind mount and stays). The container carries the
 * labels of jenkins-dind (role {@code probe}) and a unique name.
 */
public final class ThrowawayContainer {
  private static final long TIMEOUT_SECONDS = 120;

  /**
   * What the command did.
   *
   * @param exitCode its exit code
   * @param stdout its standard output
   * @param stderr its standard error
   */
  public record Outcome(int exitCode, String stdout, String stderr) {}

  private ThrowawayContainer() {}

  /**
   * Runs the command.
   *
   * @param engine the daemon
   * @param image the image
   * @param socket the Docker socket on the Docker host
   * @param groups supplementary GIDs for the image's user
   * @param command the command, run as the entrypoint (the image's entrypoint is not used)
   * @return what it did
   * @throws ConfigurationException if the socket does not exist on the Docker host
   * @throws EnvironmentException if the daemon fails, or the command does not end in time
   */
  public static Outcome run(
      Engine engine, String image, String socket, List<Long> groups, List<String> command)
      throws JenkinsDindException {
    String name = "jenkins-dind-probe-" + UUID.randomUUID().toString().substring(0, 12);
    HostConfig host =
        HostConfig.newHostConfig()
            .withNetworkMode("none")
            .withMounts(
                List.of(new Mount().withType(MountType.BIND).withSource(socket).withTarget(socket)))
            .withGroupAdd(groups.stream().map(String::valueOf).toList());
    String id;
    try {
      id = create(engine, image, name, command, host);
    } catch (DockerException e) {
      String text = Engine.causeText(e);
      if (DaemonMessages.isMissingBindSource(text, socket)) {
        throw missingSocket(engine, socket, DaemonFault.of(e));
      }
      throw engine.fault("create a container of " + image, e, null);
    } catch (RuntimeException e) {
      throw engine.fault("create a container of " + image, e, null);
    }
    try {
      engine.run("start container " + name, () -> engine.client().startContainerCmd(id).exec());
      Integer code =
          engine.call(
              "wait for container " + name,
              () ->
                  engine
                      .client()
                      .waitContainerCmd(id)
                      .exec(new WaitContainerResultCallback())
                      .awaitStatusCode(TIMEOUT_SECONDS, TimeUnit.SECONDS));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      engine.run(
          "read the output of container " + name,
          () -> {
            try {
              engine
                  .client()
                  .logContainerCmd(id)
                  .withStdOut(true)
                  .withStdErr(true)
                  .exec(
                      new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                          (frame.getStreamType() == StreamType.STDERR ? err : out)
                              .writeBytes(frame.getPayload());
                        }
                      })
                  .awaitCompletion(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new IllegalStateException("interrupted", e);
            }
          });
      return new Outcome(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      try {
        // with its anonymous volumes: a Jenkins image declares VOLUME /var/jenkins_home, and each
        // probe would otherwise leave an empty volume behind (it mounts nothing else but the
        // socket)
        engine.client().removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
      } catch (NotFoundException e) {
        // already gone
      } catch (RuntimeException e) {
        // best effort: the next probe has another name, and the label marks this one
      }
    }
  }

  /**
   * Creates, without starting it, a container of the probe role.
   *
   * @param engine the daemon
   * @param image the image
   * @param name the container's name
   * @param entrypoint what it would run
   * @param host its host settings
   * @return its ID
   * @throws RuntimeException as docker-java throws it, for the caller to translate
   */
  public static String create(
      Engine engine, String image, String name, List<String> entrypoint, HostConfig host) {
    try (CreateContainerCmd create = engine.client().createContainerCmd(image)) {
      return create
          .withName(name)
          .withLabels(ManagedLabels.of(ManagedLabels.ROLE_PROBE))
          .withEntrypoint(entrypoint)
          .withHostConfig(host)
          .exec()
          .getId();
    }
  }

  /**
   * Makes the error for a socket that is missing on the Docker host.
   *
   * @param engine the daemon
   * @param socket the socket path
   * @param cause the daemon's refusal
   * @return the error
   */
  public static ConfigurationException missingSocket(
      Engine engine, String socket, Throwable cause) {
    return new ConfigurationException(
        "The Docker socket "
            + socket
            + " does not exist on the Docker host ("
            + engine.dockerHost()
            + ")",
        Setting.DOCKER_SOCKET,
        socket,
        "give the daemon's socket as the Docker host sees it, such as /var/run/docker.sock",
        cause);
  }
}
