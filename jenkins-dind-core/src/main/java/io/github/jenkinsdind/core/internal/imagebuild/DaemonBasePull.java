package io.github.jenkinsdind.core.internal.imagebuild;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.ImageReference;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.base.BaseFilesView;
import io.github.jenkinsdind.core.internal.base.BaseManifest;
import io.github.jenkinsdind.core.internal.base.LayerWalker;
import io.github.jenkinsdind.core.internal.daemon.BasePull;
import io.github.jenkinsdind.core.internal.daemon.Engine;
import io.github.jenkinsdind.core.internal.daemon.ImageDirectory;
import io.github.jenkinsdind.core.internal.jib.StandInLayers;
import io.github.jenkinsdind.core.internal.registry.RegistryCredentials;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * For a {@code docker} target with a registry base: the Docker daemon pulls the base itself, on a
 * thread of its own, as {@code docker pull} does in the Dockerfile way: from the start of the build
 * by the reference given ({@link #startEarly}), then, once the build has resolved the digest
 * ({@link #start}), by that digest if the daemon does not hold it. The daemon then holds every base
 * layer: the build reads the account files from the daemon's copy ({@link #of}) instead of
 * downloading layers, and sends the daemon only its own two layers ({@link StandInLayers}).
 *
 * <p>Offline, nothing is pulled: the daemon is only asked whether it holds the base already (a
 * previous build pulled it), so that an offline build needs the base in the daemon or in Jib's
 * cache, not in both.
 *
 * <p>The pull is an optimisation: if the daemon cannot pull (it does not trust the registry's
 * certificate, cannot reach it, is not allowed to use plain http...), the build says so and goes on
 * as before, downloading the base itself. Closing stops a pull still running: the daemon stops a
 * pull whose client has gone.
 */
final class DaemonBasePull implements BaseFilesView, AutoCloseable {
  private final Engine engine;
  private final ImageReference base;
  private final boolean offline;
  private final RegistryCredentials credentials;
  private final EventHandler events;
  private final AtomicReference<Closeable> connection = new AtomicReference<>();
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final CompletableFuture<BaseManifest> resolved = new CompletableFuture<>();
  private Background<Optional<List<String>>> pull;

  /**
   * Prepares the pull of a registry base.
   *
   * @param engine the daemon
   * @param base the base, as the build names it
   * @param offline whether the build is offline: then the daemon is only asked whether it holds the
   *     base already, and pulls nothing
   * @param credentials the registry credentials
   * @param events where messages go
   */
  DaemonBasePull(
      Engine engine,
      ImageReference base,
      boolean offline,
      RegistryCredentials credentials,
      EventHandler events) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.offline = offline;
    this.base = Objects.requireNonNull(base, "base");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.events = Objects.requireNonNull(events, "events");
  }

  /**
   * Starts the pull before the build has resolved the base: the daemon pulls the reference as the
   * build was given it (tag or digest), as {@code docker pull} would, while the build checks its
   * settings and resolves the digest; once {@link #start} gives the digest, the daemon is asked
   * whether it holds that one, and pulls it by digest if not (the tag has moved meanwhile, or named
   * an image of another platform). Online only; only the first call acts.
   */
  synchronized void startEarly() {
    if (pull != null || offline) {
      return;
    }
    String repository = BasePull.daemonRepository(base.getRegistry(), base.getRepository());
    String qualifier = base.getQualifier();
    String reference = repository + (qualifier.startsWith("sha256:") ? "@" : ":") + qualifier;
    events.handle(
        Event.info(
            "The Docker daemon pulls the base " + reference + " itself, while the build reads it"));
    pull = Background.start("daemon pull of the base", () -> pullEarly(repository, qualifier));
  }

  private Optional<List<String>> pullEarly(String repository, String qualifier) {
    long start = System.nanoTime();
    try {
      Optional<Credential> credential = credentials.credentialFor(base, Setting.FROM);
      BasePull.pull(engine, repository, qualifier, credential, connection::set);
    } catch (JenkinsDindException | RuntimeException e) {
      // said below, by the pull by digest, if the build gets that far
    }
    BaseManifest manifest;
    try {
      manifest = resolved.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException | CancellationException e) {
      return Optional.empty(); // the build stopped before it resolved the base
    }
    Optional<List<String>> held = held(repository, manifest);
    if (held.isPresent()) {
      events.handle(
          Event.debug(
              String.format(
                  Locale.ROOT,
                  "the Docker daemon pulled %s:%s, which is %s, in %.2f s",
                  repository,
                  qualifier,
                  manifest.digest(),
                  (System.nanoTime() - start) / 1e9)));
      return held;
    }
    return pull(repository, manifest, repository + "@" + manifest.digest());
  }

  /**
   * Gives the resolved base: starts the pull by digest (offline: asks the daemon whether it holds
   * it) unless {@link #startEarly} started the pull; only the first call acts.
   *
   * @param manifest the base's manifest for the build's platform
   */
  synchronized void start(BaseManifest manifest) {
    if (resolved.isDone()) {
      return;
    }
    resolved.complete(manifest);
    if (pull != null) {
      return;
    }
    String repository = BasePull.daemonRepository(base.getRegistry(), base.getRepository());
    String reference = repository + "@" + manifest.digest();
    if (offline) {
      pull = Background.start("daemon's layers of the base", () -> held(repository, manifest));
      return;
    }
    events.handle(
        Event.info(
            "The Docker daemon pulls the base " + reference + " itself, while the build reads it"));
    pull = Background.start("daemon pull of the base", () -> pull(repository, manifest, reference));
  }

  private Optional<List<String>> held(String repository, BaseManifest manifest) {
    try {
      return BasePull.held(engine, repository, manifest.digest());
    } catch (JenkinsDindException | RuntimeException e) {
      return Optional.empty(); // the usual way reports a daemon that does not answer
    }
  }

  private Optional<List<String>> pull(String repository, BaseManifest manifest, String reference) {
    long start = System.nanoTime();
    try {
      Optional<Credential> credential = credentials.credentialFor(base, Setting.FROM);
      List<String> layers =
          BasePull.pull(engine, repository, manifest.digest(), credential, connection::set);
      events.handle(
          Event.debug(
              String.format(
                  Locale.ROOT,
                  "the Docker daemon pulled %s in %.2f s",
                  reference,
                  (System.nanoTime() - start) / 1e9)));
      return Optional.of(layers);
    } catch (JenkinsDindException | RuntimeException e) {
      if (cancelled.get()) {
        return Optional.empty(); // the build failed and stopped the pull: nothing to report
      }
      events.handle(
          Event.info(
              "The Docker daemon could not pull the base itself ("
                  + e.getMessage()
                  + "); the build downloads its layers instead"));
      return Optional.empty();
    }
  }

  /**
   * Once the daemon holds the base, its account files are read from it (the directory that holds
   * them, out of a container of the base that is never started) rather than from the registry: the
   * daemon has downloaded the base anyway, and the build's second core stays free for the docker
   * CLI layer.
   *
   * @param manifest the resolved base
   * @param directory the directory that holds the wanted files
   * @return the directory as the daemon's copy of the base has it, or empty if the daemon has no
   *     copy (the base's layers are then read from the registry)
   * @throws JenkinsDindException if the wait was interrupted
   */
  @Override
  public Optional<LayerWalker.Layer> of(BaseManifest manifest, String directory)
      throws JenkinsDindException {
    if (await().isEmpty()) {
      return Optional.empty();
    }
    String reference =
        BasePull.daemonRepository(base.getRegistry(), base.getRepository())
            + "@"
            + manifest.digest();
    return Optional.of(
        new LayerWalker.Layer(
            directory + " of the Docker daemon's copy " + reference,
            () -> ImageDirectory.archive(engine, reference, directory)));
  }

  /**
   * Waits for the pull.
   *
   * @return the base's layers as the daemon holds them (diff IDs, bottom-up), or empty if it was
   *     not started or failed
   * @throws JenkinsDindException if the wait was interrupted
   */
  Optional<List<String>> await() throws JenkinsDindException {
    Background<Optional<List<String>>> running;
    synchronized (this) {
      running = pull;
    }
    return running == null ? Optional.empty() : running.join();
  }

  /** Stops the pull if it still runs, and waits for its thread to end. */
  @Override
  public void close() {
    Background<Optional<List<String>>> running;
    synchronized (this) {
      running = pull;
    }
    if (running == null) {
      return;
    }
    resolved.cancel(false);
    if (!running.isDone()) {
      cancelled.set(true);
      Closeable open = connection.get();
      if (open != null) {
        try {
          open.close();
        } catch (IOException | RuntimeException ignored) {
          // the pull ends anyway; its thread is waited for below
        }
      }
    }
    running.close();
  }
}
