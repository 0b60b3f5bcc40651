package io.github.jenkinsdind.core.internal.daemon;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Makes docker-java clients for a Docker Engine found by {@link DockerHostResolver}: the
 * environment's ({@code DOCKER_HOST}, {@code DOCKER_TLS_VERIFY}, {@code DOCKER_CERT_PATH}, {@code
 * DOCKER_CONTEXT}, the current context of {@code ~/.docker/config.json}, the rootless or the
 * default socket), or a given {@link DockerEndpoint}. A TCP endpoint with TLS material is reached
 * over TLS that checks the daemon's certificate ({@link PemTlsConfig}).
 *
 * <p>No API version is pinned: docker-java then sends unversioned paths and the daemon answers in
 * its own version, which works with Engine 20.10 (API 1.41) as with Engine 29 (which refuses
 * anything below 1.44).
 */
public final class DockerEngineClients {
  private DockerEngineClients() {}

  /**
   * Finds the daemon this process's environment points at.
   *
   * @param explicitHost a daemon address given as a setting, which comes first
   * @return the endpoint
   * @throws JenkinsDindException if the environment's address, context or TLS files are unusable
   */
  public static DockerEndpoint environmentEndpoint(Optional<String> explicitHost)
      throws JenkinsDindException {
    return DockerHostResolver.resolve(explicitHost, System.getenv(), userHome());
  }

  /**
   * Returns the client settings for the daemon the environment points at.
   *
   * @return the settings
   * @throws DockerClientException if the environment's address, context or TLS files are unusable
   */
  public static DockerClientConfig config() {
    try {
      return config(environmentEndpoint(Optional.empty()), System.getenv(), userHome());
    } catch (JenkinsDindException e) {
      throw new DockerClientException(e.getMessage(), e);
    }
  }

  /**
   * Returns the client settings for an endpoint.
   *
   * @param endpoint the daemon
   * @param env the environment, for {@code DOCKER_CONFIG} (registry credentials)
   * @param home the user's home directory
   * @return the settings
   */
  public static DockerClientConfig config(
      DockerEndpoint endpoint, Map<String, String> env, Path home) {
    DefaultDockerClientConfig.Builder builder =
        new DefaultDockerClientConfig.Builder()
            .withDockerHost(endpoint.host().toString())
            .withDockerConfig(DockerContexts.configDirectory(env, home).toString());
    endpoint.tls().ifPresent(tls -> builder.withCustomSslConfig(new PemTlsConfig(tls)));
    return builder.build();
  }

  /**
   * Makes a client for the daemon the environment points at.
   *
   * @return the client; close it when done
   */
  public static DockerClient create() {
    return create(config());
  }

  /**
   * Makes a client with the given settings.
   *
   * @param config the settings
   * @return the client; close it when done
   */
  public static DockerClient create(DockerClientConfig config) {
    DockerHttpClient http =
        new ZerodepDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(config.getSSLConfig())
            .connectionTimeout(Duration.ofSeconds(5))
            .responseTimeout(Duration.ofMinutes(10))
            .build();
    return DockerClientImpl.getInstance(config, http);
  }

  static Path userHome() {
    return Path.of(System.getProperty("user.home"));
  }
}
