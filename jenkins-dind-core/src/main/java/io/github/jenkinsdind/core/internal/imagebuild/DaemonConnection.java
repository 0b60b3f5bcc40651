package io.github.jenkinsdind.core.internal.imagebuild;

import io.github.jenkinsdind.core.api.EnvironmentException;
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
   * Connects to the daemon the {@code docker} command reaches, if the build needs it.
   *
   * @param needed whether the build needs a daemon
   * @return the connection, or {@link #none()}
   * @throws EnvironmentException if the daemon cannot be reached
   */
  static DaemonConnection open(boolean needed) throws EnvironmentException {
    return needed ? new DaemonConnection(Optional.of(Engine.connect(null))) : NONE;
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
