package io.github.jenkinsdind.core.internal.imagebuild;

import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.internal.base.BaseFilesView;
import io.github.jenkinsdind.core.internal.base.BaseManifest;
import io.github.jenkinsdind.core.internal.daemon.Engine;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The step that starts the Docker daemon's own pull of a registry base ({@link DaemonBasePull}),
 * for a {@code docker} target, and its result: a holder that a try-with-resources closes (which
 * stops a pull still running) whether or not a pull was started.
 */
final class StartedPull implements AutoCloseable {
  private static final StartedPull NONE = new StartedPull(Optional.empty());

  private final Optional<DaemonBasePull> pull;

  private StartedPull(Optional<DaemonBasePull> pull) {
    this.pull = Objects.requireNonNull(pull, "pull");
  }

  /**
   * Starts the daemon's pull of the base when the route says so: by the reference as given at once,
   * then by digest once the base is resolved.
   *
   * @param route the base's route
   * @param daemon the daemon connection
   * @param offline whether the build is offline (the daemon is then only asked what it holds)
   * @param rule decides whether the daemon pulls, and with which credential
   * @param events where messages go
   * @return the pull, or {@link #none()}
   */
  static StartedPull start(
      BaseRoute route,
      DaemonConnection daemon,
      boolean offline,
      DaemonPullRule rule,
      EventHandler events) {
    Optional<Engine> engine = daemon.engine();
    if (!route.daemonPullsBase() || engine.isEmpty()) {
      return NONE;
    }
    DaemonBasePull pull =
        new DaemonBasePull(engine.get(), route.base().imageReference(), offline, rule, events);
    pull.startEarly();
    return new StartedPull(Optional.of(pull));
  }

  /**
   * No pull: the daemon does not pull the base.
   *
   * @return the empty holder
   */
  static StartedPull none() {
    return NONE;
  }

  /**
   * Tells the pull the resolved base, so that it goes on by digest.
   *
   * @param manifest the base's manifest for the build's platform
   */
  void resolved(BaseManifest manifest) {
    pull.ifPresent(running -> running.start(manifest));
  }

  /**
   * Returns the way to the base's account files through the daemon's copy.
   *
   * @return the daemon's view, or {@link BaseFilesView#NONE} without a pull
   */
  BaseFilesView view() {
    return pull.<BaseFilesView>map(running -> running).orElse(BaseFilesView.NONE);
  }

  /**
   * Waits for the pull.
   *
   * @return the base's layers as the daemon holds them (diff IDs, bottom-up), or empty if there is
   *     no pull or it failed
   * @throws JenkinsDindException if the wait was interrupted
   */
  Optional<List<String>> await() throws JenkinsDindException {
    return pull.isPresent() ? pull.get().await() : Optional.empty();
  }

  /** Stops the pull if it still runs. */
  @Override
  public void close() {
    pull.ifPresent(DaemonBasePull::close);
  }
}
