package io.github.jenkinsdind.core.internal.daemon;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.Setting;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A connection to one Docker Engine: the docker-java client, where it points, and the translation
 * of the daemon's failures into {@link EnvironmentException}s that say which daemon failed at what.
 */
public final class Engine implements AutoCloseable {
  private final DockerClient client;
  private final URI dockerHost;
  private final String hostSource;

  private Engine(DockerClient client, URI dockerHost, String hostSource) {
    this.client = client;
    this.dockerHost = dockerHost;
    this.hostSource = hostSource;
  }

  /**
   * Connects to the daemon that the usual client settings point at ({@code DOCKER_HOST}, {@code
   * DOCKER_TLS_VERIFY}, {@code DOCKER_CERT_PATH}, {@code ~/.docker}), or at {@code dockerHost}, and
   * checks that it answers.
   *
   * @param dockerHost the daemon's address, such as {@code unix:///var/run/docker.sock}, or {@code
   *     null} for the environment's
   * @return the connection; close it when done
   * @throws EnvironmentException if the settings are unusable or no daemon answers
   */
  public static Engine connect(String dockerHost) throws EnvironmentException {
    String env = System.getenv("DOCKER_HOST");
    String source =
        dockerHost != null
            ? "given in place of DOCKER_HOST"
            : env != null && !env.isBlank()
                ? "from DOCKER_HOST=" + env
                : "DOCKER_HOST is not set, so the default";
    DockerClientConfig config;
    try {
      DefaultDockerClientConfig.Builder builder =
          DefaultDockerClientConfig.createDefaultConfigBuilder();
      if (dockerHost != null) {
        builder.withDockerHost(dockerHost);
      }
      config = builder.build();
    } catch (RuntimeException e) {
      String shown = dockerHost != null ? dockerHost : env;
      throw new EnvironmentException(
          "The Docker client settings are not usable (DOCKER_HOST="
              + shown
              + "): "
              + e.getMessage(),
          null,
          shown,
          "set DOCKER_HOST to a daemon address such as unix:///var/run/docker.sock or"
              + " tcp://host:2376, or unset it to use the local socket",
          DaemonFault.of(e));
    }
    Engine engine = new Engine(DockerEngineClients.create(config), config.getDockerHost(), source);
    try {
      engine.client.pingCmd().exec();
    } catch (RuntimeException e) {
      engine.close();
      throw engine.unreachable(e);
    }
    return engine;
  }

  private EnvironmentException unreachable(RuntimeException e) {
    String cause = causeText(e);
    String socket = socketPath().orElse(null);
    StringBuilder message =
        new StringBuilder("No Docker daemon answers at ")
            .append(dockerHost)
            .append(" (")
            .append(hostSource)
            .append(")");
    if (socket != null) {
      message.append(", socket ").append(socket);
    }
    message.append(": ").append(cause);
    String suggestion;
    if (cause.toLowerCase(Locale.ROOT).contains("permission denied")) {
      suggestion =
          "your user may not use the socket "
              + socket
              + ": add it to the socket's group"
              + " (ls -l "
              + socket
              + "; sudo usermod -aG docker $USER, then log in again)";
    } else if (socket != null) {
      suggestion =
          "start the Docker daemon (for example sudo systemctl start docker), or point"
              + " DOCKER_HOST at one that runs";
    } else {
      suggestion =
          "check that the daemon at "
              + dockerHost
              + " runs and that DOCKER_HOST,"
              + " DOCKER_TLS_VERIFY and DOCKER_CERT_PATH are right";
    }
    return new EnvironmentException(
        message.toString(), null, dockerHost.toString(), suggestion, DaemonFault.of(e));
  }

  /**
   * Returns the docker-java client.
   *
   * @return the client
   */
  public DockerClient client() {
    return client;
  }

  /**
   * Returns the daemon's address.
   *
   * @return for example {@code unix:///var/run/docker.sock}
   */
  public URI dockerHost() {
    return dockerHost;
  }

  /**
   * Returns the local socket the client talks to, when it talks to a unix socket on this machine.
   *
   * @return the socket path, if {@code DOCKER_HOST} is a unix socket
   */
  public Optional<String> socketPath() {
    return "unix".equals(dockerHost.getScheme())
        ? Optional.of(dockerHost.getPath())
        : Optional.empty();
  }

  /**
   * Returns the host name under which the daemon's published ports are reached from here.
   *
   * @return {@code localhost} for a local daemon, else the host of {@code DOCKER_HOST}
   */
  public String publishedHost() {
    String host = dockerHost.getHost();
    return "tcp".equals(dockerHost.getScheme()) && host != null ? host : "localhost";
  }

  /**
   * Inspects an image.
   *
   * @param image the reference
   * @return the image, if the daemon has it
   * @throws EnvironmentException if the daemon fails
   */
  public Optional<InspectImageResponse> image(String image) throws EnvironmentException {
    return optional("inspect image " + image, () -> client.inspectImageCmd(image).exec());
  }

  /**
   * Inspects a container.
   *
   * @param nameOrId its name or ID
   * @return the container, if it exists
   * @throws EnvironmentException if the daemon fails
   */
  public Optional<InspectContainerResponse> container(String nameOrId) throws EnvironmentException {
    return optional(
        "inspect container " + nameOrId, () -> client.inspectContainerCmd(nameOrId).exec());
  }

  /**
   * Inspects a volume.
   *
   * @param name its name
   * @return the volume, if it exists
   * @throws EnvironmentException if the daemon fails
   */
  public Optional<InspectVolumeResponse> volume(String name) throws EnvironmentException {
    return optional("inspect volume " + name, () -> client.inspectVolumeCmd(name).exec());
  }

  private <T> Optional<T> optional(String action, Supplier<T> call) throws EnvironmentException {
    try {
      return Optional.of(call.get());
    } catch (NotFoundException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      throw fault(action, e, null);
    }
  }

  /**
   * Calls the daemon, turning its failures into an {@link EnvironmentException}.
   *
   * @param action what is done, for messages (for example {@code start container jenkins})
   * @param call the call
   * @param <T> the result type
   * @return the result
   * @throws EnvironmentException if the call fails
   */
  public <T> T call(String action, Supplier<T> call) throws EnvironmentException {
    try {
      return call.get();
    } catch (RuntimeException e) {
      throw fault(action, e, null);
    }
  }

  /**
   * Calls the daemon for its effect only.
   *
   * @param action what is done, for messages
   * @param call the call
   * @throws EnvironmentException if the call fails
   */
  public void run(String action, Runnable call) throws EnvironmentException {
    call(
        action,
        () -> {
          call.run();
          return null;
        });
  }

  /**
   * Makes the exception for a failed call.
   *
   * @param action what was done
   * @param e the failure
   * @param parameter the setting that points at the failing thing, or {@code null}
   * @return the exception
   */
  public EnvironmentException fault(String action, RuntimeException e, Setting parameter) {
    return new EnvironmentException(
        "The Docker daemon at " + dockerHost + " failed to " + action + ": " + causeText(e),
        parameter,
        null,
        e instanceof DockerException ? null : "check that the daemon still runs (docker version)",
        DaemonFault.of(e));
  }

  /**
   * Returns the daemon's words for a failure, or the root cause's message.
   *
   * @param e the failure
   * @return the text
   */
  public static String causeText(Throwable e) {
    if (e instanceof DockerException) {
      return DaemonMessages.text(e.getMessage());
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = root.getMessage();
    if (text == null || text.isBlank()) {
      text = root.getClass().getSimpleName();
    }
    return DaemonMessages.text(text);
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (IOException e) {
      // nothing to lose: the connection is gone either way
    }
  }
}
