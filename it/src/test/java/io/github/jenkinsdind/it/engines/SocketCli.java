package io.github.jenkinsdind.it.engines;

import io.github.jenkinsdind.it.support.Commands;
import java.nio.file.Path;
import java.time.Duration;

/** The docker CLI pointed at one daemon's socket, to look at what the goals did there. */
final class SocketCli {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private SocketCli() {}

  /**
   * Runs {@code docker ARGS} with {@code DOCKER_HOST=unix://SOCKET}.
   *
   * @param socket the daemon's socket
   * @param arguments the arguments
   * @return what it did
   */
  static Commands.Result docker(Path socket, String... arguments) {
    String[] command = new String[arguments.length + 1];
    command[0] = "docker";
    System.arraycopy(arguments, 0, command, 1, arguments.length);
    return Commands.of(command).env("DOCKER_HOST", "unix://" + socket).timeout(TIMEOUT).run();
  }

  /**
   * The names of the daemon's volumes.
   *
   * @param socket the daemon's socket
   * @return the names
   */
  static java.util.Set<String> volumes(Path socket) {
    Commands.Result ls = docker(socket, "volume", "ls", "-q");
    if (!ls.succeeded()) {
      throw new AssertionError("docker volume ls failed: " + ls);
    }
    return ls.stdout()
        .lines()
        .map(String::trim)
        .filter(l -> !l.isEmpty())
        .collect(java.util.stream.Collectors.toSet());
  }
}
