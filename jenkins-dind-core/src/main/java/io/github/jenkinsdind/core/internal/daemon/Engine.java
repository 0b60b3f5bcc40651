package io.github.jenkinsdind.core.internal.daemon;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DockerClientConfig;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.Setting;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A connection to one Docker Engine: the docker-java client, where it points, and the translation
 * of the daemon's failures into {@link EnvironmentException}s that say which daemon failed at what.
 */
public final class Engine implements AutoCloseable {
  private final DockerClient client;
  private final DockerEndpoint endpoint;

  private Engine(DockerClient client, DockerEndpoint endpoint) {
    this.client = client;
    this.endpoint = endpoint;
  }

  /**
   * Connects to the daemon that this process's environment points at ({@link DockerHostResolver}:
   * {@code DOCKER_HOST} with its TLS variables, {@code DOCKER_CONTEXT}, the current context, the
   * rootless or the default socket), or at {@code dockerHost}, and checks that it answers.
   *
   * @param dockerHost the daemon's address, such as {@code unix:///var/run/docker.sock}, or {@code
   *     null} for the environment's
   * @return the connection; close it when done
   * @throws EnvironmentException if the settings are unusable or no daemon answers
   */
  public static Engine connect(String dockerHost) throws EnvironmentException {
    return connect(dockerHost, EventHandler.NONE);
  }

  /**
   * Connects like {@link #connect(String)}, and reports the daemon chosen and why, once.
   *
   * @param dockerHost the daemon's address, or {@code null} for the environment's
   * @param events where the daemon chosen is reported
   * @return the connection; close it when done
   * @throws EnvironmentException if the settings are unusable or no daemon answers
   */
  public static Engine connect(String dockerHost, EventHandler events) throws EnvironmentException {
    return connect(
        Optional.ofNullable(dockerHost), System.getenv(), DockerEngineClients.userHome(), events);
  }

  /**
   * Connects to the daemon that the given environment points at, and reports it once.
   *
   * @param dockerHost a daemon address given as a setting, which comes first
   * @param env the environment to read ({@code DOCKER_HOST}, {@code DOCKER_CONTEXT}...)
   * @param home the user's home directory, for {@code ~/.docker}
   * @param events where the daemon chosen is reported
   * @return the connection; close it when done
   * @throws EnvironmentException if the settings are unusable or no daemon answers
   */
  public static Engine connect(
      Optional<String> dockerHost, Map<String, String> env, Path home, EventHandler events)
      throws EnvironmentException {
    DockerEndpoint endpoint;
    try {
      endpoint = DockerHostResolver.resolve(dockerHost, env, home);
    } catch (ConfigurationException e) {
      throw new EnvironmentException(
          e.getMessage(), null, e.value().orElse(null), e.suggestionParts().orElse(null), e);
    }
    return connect(endpoint, DockerEngineClients.config(endpoint, env, home), events);
  }

  /**
   * Connects to an endpoint with the given client settings, checks that it answers, and reports it
   * once.
   *
   * @param endpoint the daemon
   * @param config docker-java's settings for it
   * @param events where the daemon chosen is reported
   * @return the connection; close it when done
   * @throws EnvironmentException if the TLS files are unusable or no daemon answers
   */
  public static Engine connect(
      DockerEndpoint endpoint, DockerClientConfig config, EventHandler events)
      throws EnvironmentException {
    if (endpoint.isTcp() && endpoint.tls().isEmpty()) {
      events.handle(
          Event.warn(
              "The Docker daemon at "
                  + endpoint.host()
                  + " is reached over plain TCP: nothing is encrypted and nothing proves who"
                  + " answers. Use TLS (DOCKER_TLS_VERIFY=1 with DOCKER_CERT_PATH) for any daemon"
                  + " that is not on this machine."));
    }
    DockerClient client;
    try {
      client = DockerEngineClients.create(config);
    } catch (RuntimeException e) {
      throw ConnectFailures.unusable(endpoint, e);
    }
    Engine engine = new Engine(client, endpoint);
    try {
      engine.client.pingCmd().exec();
    } catch (RuntimeException e) {
      engine.close();
      throw ConnectFailures.unreachable(endpoint, e);
    }
    events.handle(Event.info("Docker daemon: " + endpoint.describe()));
    return engine;
  }

  /**
   * Returns the daemon this connection talks to, with why it was chosen.
   *
   * @return the endpoint
   */
  public DockerEndpoint endpoint() {
    return endpoint;
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
    return endpoint.host();
  }

  /**
   * Returns the local socket the client talks to, when it talks to a unix socket on this machine.
   *
   * @return the socket path, if {@code DOCKER_HOST} is a unix socket
   */
  public Optional<String> socketPath() {
    return endpoint.localSocket();
  }

  /**
   * Returns the host name under which the daemon's published ports are reached from here.
   *
   * @return {@code localhost} for a local daemon, else the host of {@code DOCKER_HOST}
   */
  public String publishedHost() {
    return endpoint.publishedHost();
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
        "The Docker daemon at " + endpoint.host() + " failed to " + action + ": " + causeText(e),
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
