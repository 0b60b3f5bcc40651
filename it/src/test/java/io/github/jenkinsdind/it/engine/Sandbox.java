package io.github.jenkinsdind.it.engine;

import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.it.support.Commands;
import io.github.jenkinsdind.it.support.TestServices;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One test's corner of the shared dockerd: unique container and volume names, the events the core
 * reported, and a {@link #close()} that removes exactly what this test made (by name), never
 * anything else.
 */
final class Sandbox implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofMinutes(2);

  private final String prefix = "jd-it-eng-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<String> containers = Collections.synchronizedList(new ArrayList<>());
  private final List<String> volumes = Collections.synchronizedList(new ArrayList<>());
  private final List<Path> directories = Collections.synchronizedList(new ArrayList<>());
  private final List<Event.Log> logs = Collections.synchronizedList(new ArrayList<>());
  private final TestServices services = TestServices.get().requireRunning();

  /**
   * Returns a container name owned by this test; it is removed on close, with its volume {@code
   * <name>_home}.
   *
   * @param purpose a word for humans
   * @return the name
   */
  String container(String purpose) {
    String name = prefix + "-" + purpose;
    containers.add(name);
    volumes.add(name + "_home");
    return name;
  }

  /**
   * Returns a volume name owned by this test; it is removed on close.
   *
   * @param purpose a word for humans
   * @return the name
   */
  String volume(String purpose) {
    String name = prefix + "-" + purpose;
    volumes.add(name);
    return name;
  }

  /**
   * Makes a host directory for a bind-mounted jenkins_home, owned by the image's jenkins user.
   *
   * @return the directory
   * @throws IOException if it cannot be made
   */
  Path hostDirectory() throws IOException {
    Path dir = Files.createTempDirectory(prefix + "-home");
    directories.add(dir);
    Commands.runOrFail(TIMEOUT, "chown", "1000:1000", dir.toString());
    return dir;
  }

  /**
   * Returns the handler that records the core's messages.
   *
   * @return the handler
   */
  EventHandler events() {
    return event -> {
      if (event instanceof Event.Log log) {
        logs.add(log);
        System.out.println("[" + log.level() + "] " + log.message());
      }
    };
  }

  /**
   * Returns the messages recorded so far.
   *
   * @return the messages
   */
  List<String> messages() {
    synchronized (logs) {
      return logs.stream().map(Event.Log::message).toList();
    }
  }

  /**
   * Returns the socket's GID on this machine, as services.sh read it.
   *
   * @return the GID
   */
  long socketGid() {
    return services.dockerSocketGid();
  }

  /**
   * Returns the services.
   *
   * @return the services
   */
  TestServices services() {
    return services;
  }

  /**
   * Runs the docker CLI and returns its result, whatever its exit code.
   *
   * @param args the arguments
   * @return the result
   */
  static Commands.Result docker(String... args) {
    String[] command = new String[args.length + 1];
    command[0] = "docker";
    System.arraycopy(args, 0, command, 1, args.length);
    return Commands.run(TIMEOUT, command);
  }

  /**
   * Runs the docker CLI, failing the test if it fails.
   *
   * @param args the arguments
   * @return its standard output, trimmed
   */
  static String dockerOk(String... args) {
    Commands.Result result = docker(args);
    if (!result.succeeded()) {
      throw new AssertionError(result.describe());
    }
    return result.stdout().trim();
  }

  /**
   * Tells whether a container exists.
   *
   * @param name its name
   * @return whether it exists
   */
  static boolean containerExists(String name) {
    return docker("container", "inspect", name).succeeded();
  }

  /**
   * Tells whether a volume exists.
   *
   * @param name its name
   * @return whether it exists
   */
  static boolean volumeExists(String name) {
    return docker("volume", "inspect", name).succeeded();
  }

  /**
   * Returns a host port that is free now.
   *
   * @return the port
   * @throws IOException if none can be found
   */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    List<String> errors = new ArrayList<>();
    for (String name : List.copyOf(containers)) {
      if (containerExists(name)) {
        Commands.Result r = docker("rm", "-f", name);
        if (!r.succeeded()) {
          errors.add(r.describe());
        }
      }
    }
    for (String name : List.copyOf(volumes)) {
      if (volumeExists(name)) {
        Commands.Result r = docker("volume", "rm", name);
        if (!r.succeeded()) {
          errors.add(r.describe());
        }
      }
    }
    for (Path dir : List.copyOf(directories)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      } catch (IOException e) {
        errors.add("cannot delete " + dir + ": " + e);
      }
    }
    if (!errors.isEmpty()) {
      throw new AssertionError("Cleanup failed: " + errors);
    }
  }
}
