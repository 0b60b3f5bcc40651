package io.github.jenkinsdind.maven;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.Setting;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Reads the build goal's {@code dockerGid}: a number, or {@code auto} for the GID of the local
 * Docker socket. The range is checked by the core.
 */
final class GidSetting {
  /** The value that asks for the local socket's GID. */
  static final String AUTO = "auto";

  /** The socket used when no daemon address is given. */
  static final Path DEFAULT_SOCKET = Path.of("/var/run/docker.sock");

  private GidSetting() {}

  /**
   * Reads the setting.
   *
   * @param text the setting's value
   * @return the GID, or empty for {@code auto}
   * @throws ConfigurationException if it is neither a whole number nor {@code auto}
   */
  static OptionalLong parse(String text) throws ConfigurationException {
    String value = text == null ? "" : text.trim();
    if (AUTO.equals(value.toLowerCase(Locale.ROOT))) {
      return OptionalLong.empty();
    }
    if (value.matches("[+-]?[0-9]{1,18}")) {
      return OptionalLong.of(Long.parseLong(value));
    }
    throw new ConfigurationException(
        "'" + text + "' is not a GID: use a whole number from 0 to 2147483647, or auto",
        Setting.DOCKER_GID,
        text,
        "perhaps you should set it to the GID of the docker group on the Docker host (`stat -c %g"
            + " /var/run/docker.sock`), or to auto to read it from the local socket");
  }

  /**
   * Returns the local Docker socket whose GID {@code auto} reads: the daemon's, as the build finds
   * it ({@code dockerHost}, {@code DOCKER_HOST}, the Docker context, the rootless socket, {@code
   * /var/run/docker.sock}), when that is a {@code unix://} address.
   *
   * @param dockerHost the daemon's address, or {@code null} for {@code /var/run/docker.sock}
   * @return the socket path
   * @throws ConfigurationException if the daemon is reached through something else than a socket
   */
  static Path localSocket(String dockerHost) throws ConfigurationException {
    if (dockerHost == null || dockerHost.isBlank()) {
      return DEFAULT_SOCKET;
    }
    if (dockerHost.startsWith("unix://")) {
      return Path.of(dockerHost.substring("unix://".length()));
    }
    throw new ConfigurationException(
        "dockerGid is auto, which reads the GID of the local Docker socket, but the Docker daemon ("
            + dockerHost
            + ") is not reached through a unix socket",
        Setting.DOCKER_GID,
        AUTO,
        "perhaps you should set dockerGid to the GID of the docker group on the Docker host");
  }
}
