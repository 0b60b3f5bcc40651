package io.github.jenkinsdind.core.internal.imagebuild;

import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.internal.daemon.Engine;
import java.util.Objects;
import java.util.Optional;

/**
 * The build's connection to the Docker daemon, if it needs one: a holder that a try-with-resources
 * closes whether or not a connection was opened.
 */
final class DaemonConnection implements AutoCloseable {
  private static final DaemonConnection NONE = new DaemonConnection(Optional.empty());

  private final Optional<Engine> engine;

  private DaemonConnection(Optional<Engine> engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  /**
   * Connects to a given daemon, or to the one the environment gives, if the build needs it, and
   * reports which daemon it is and why it was chosen, once.
   *
   * @param needed whether the build needs a daemon
   * @param dockerHost the daemon's address given as a setting; empty for the environment's
   * @param events where the daemon chosen is reported
   * @return the connection, or {@link #none()}
   * @throws EnvironmentException if the daemon cannot be reached
   */
  static DaemonConnection open(boolean needed, Optional<String> dockerHost, EventHandler events)
      throws EnvironmentException {
    return needed
        ? new DaemonConnection(Optional.of(Engine.connect(dockerHost.orElse(null), events)))
        : NONE;
  }

  /**
   * No connection: the build needs no daemon.
   *
   * @return the empty holder
   */
  static DaemonConnection none() {
    return NONE;
  }

  /**
   * Returns the connection.
   *
   * @return the daemon, or empty if the build needs none
   */
  Optional<Engine> engine() {
    return engine;
  }

  /** Closes the connection, if there is one. */
  @Override
  public void close() {
    engine.ifPresent(Engine::close);
  }
}
