package io.github.jenkinsdind.core.internal.daemon;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.time.Duration;

/**
 * Makes docker-java clients for the Docker Engine that the usual client settings point at ({@code
 * DOCKER_HOST}, {@code DOCKER_TLS_VERIFY}, {@code DOCKER_CERT_PATH}, {@code
 * ~/.docker/config.json}).
 *
 * <p>No API version is pinned: docker-java then sends unversioned paths and the daemon answers in
 * its own version, which works with Engine 20.10 (API 1.41) as with Engine 29 (which refuses
 * anything below 1.44).
 */
public final class DockerEngineClients {
  private DockerEngineClients() {}

  /**
   * Returns the client settings read from the environment.
   *
   * @return the settings
   */
  public static DockerClientConfig config() {
    return DefaultDockerClientConfig.createDefaultConfigBuilder().build();
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
}
