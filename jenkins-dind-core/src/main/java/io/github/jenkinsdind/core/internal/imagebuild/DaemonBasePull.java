package io.github.jenkinsdind.core.internal.imagebuild;

import com.google.cloud.tools.jib.api.ImageReference;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.internal.base.BaseFilesView;
import io.github.jenkinsdind.core.internal.base.BaseManifest;
import io.github.jenkinsdind.core.internal.base.LayerWalker;
import io.github.jenkinsdind.core.internal.daemon.BasePull;
import io.github.jenkinsdind.core.internal.daemon.Engine;
import io.github.jenkinsdind.core.internal.daemon.ImageDirectory;
import io.github.jenkinsdind.core.internal.jib.StandInLayers;
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
 * <p>Before the daemon pulls anything, {@link DaemonPullRule} applies the rules of every other
 * registry access: the base registry's preflight, and a credential for the daemon only where it
 * does not go over plain http (else the daemon pulls anonymously, and the build says so). A
 * preflight that fails, or a credential that cannot be looked up, means no pull: the build's own
 * read reports it.
 *
 * <p>The pull is an optimisation: if the daemon cannot pull (it does not trust the registry's
 * certificate, cannot reach it, is not allowed to use plain http, is refused anonymous access...),
 * the build says so in the daemon's words (those of the pull by reference too, when it failed
 * first) and goes on as before, downloading the base itself. Closing stops a pull still running:
 * the daemon stops a pull whose client has gone.
 */
final class DaemonBasePull implements BaseFilesView, AutoCloseable {
  private final Engine engine;
  private final ImageReference base;
  private final boolean offline;
  private final DaemonPullRule rule;
  private final EventHandler events;
  private final String repository;
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
   * @param rule decides whether the daemon pulls, and with which credential
   * @param events where messages go
   */
  DaemonBasePull(
      Engine engine,
      ImageReference base,
      boolean offline,
      DaemonPullRule rule,
      EventHandler events) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.offline = offline;
    this.base = Objects.requireNonNull(base, "base");
    this.rule = Objects.requireNonNull(rule, "rule");
    this.events = Objects.requireNonNull(events, "events");
    this.repository = BasePull.daemonRepository(base.getRegistry(), base.getRepository());
  }

  /**
   * Starts the pull before the build has resolved the base: once {@link DaemonPullRule} allows it,
   * the daemon pulls the reference as the build was given it (tag or digest), as {@code docker
   * pull} would, while the build resolves the digest; once {@link #start} gives the digest, the
   * daemon is asked whether it holds that one, and pulls it by digest if not (the tag has moved
   * meanwhile, or named an image of another platform, or the first pull failed). Online only; only
   * the first call acts.
   */
  synchronized void startEarly() {
    if (pull != null || offline) {
      return;
    }
    String qualifier = base.getQualifier();
    pull =
        Background.start(
            "daemon pull of the base", () -> pullAll(Optional.of(qualifier), System.nanoTime()));
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
    if (offline) {
      pull = Background.start("daemon's layers of the base", () -> held(manifest));
      return;
    }
    pull =
        Background.start(
            "daemon pull of the base", () -> pullAll(Optional.empty(), System.nanoTime()));
  }

  /** The pull: the rule, then by reference if given, then by digest unless the daemon has it. */
  private Optional<List<String>> pullAll(Optional<String> early, long start) {
    Optional<DaemonPullRule.Auth> auth = rule.decideAndSay(base, named(early), events);
    if (auth.isEmpty() || cancelled.get()) {
      return Optional.empty();
    }
    Optional<String> earlyFailure = Optional.empty();
    if (early.isPresent()) {
      try {
        BasePull.pull(engine, repository, early.get(), auth.get().credential(), this::started);
      } catch (JenkinsDindException | RuntimeException e) {
        earlyFailure = Optional.of(String.valueOf(e.getMessage()));
      }
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
    String reference = repository + "@" + manifest.digest();
    if (early.isPresent()) {
      Optional<List<String>> held = held(manifest);
      if (held.isPresent()) {
        String pulled = named(early);
        events.handle(
            Event.debug(
                earlyFailure
                    .map(failure -> "the Docker daemon holds " + reference + " already; " + failure)
                    .orElseGet(
                        () ->
                            String.format(
                                Locale.ROOT,
                                "the Docker daemon pulled %s, which is %s, in %.2f s",
                                pulled,
                                manifest.digest(),
                                (System.nanoTime() - start) / 1e9))));
        return held;
      }
    }
    return pullByDigest(manifest, reference, auth.get(), earlyFailure, start);
  }

  /** Keeps what stops a pull that has started; stops it at once if the build has stopped. */
  private void started(Closeable open) {
    connection.set(open);
    if (cancelled.get()) {
      closeQuietly(open);
    }
  }

  private static void closeQuietly(Closeable open) {
    try {
      open.close();
    } catch (IOException | RuntimeException ignored) {
      // the pull ends anyway; its thread is waited for
    }
  }

  /** The repository with the qualifier the pull names, if any. */
  private String named(Optional<String> qualifier) {
    return repository + qualifier.map(q -> (q.startsWith("sha256:") ? "@" : ":") + q).orElse("");
  }

  private Optional<List<String>> held(BaseManifest manifest) {
    try {
      return BasePull.held(engine, repository, manifest.digest());
    } catch (JenkinsDindException | RuntimeException e) {
      return Optional.empty(); // the usual way reports a daemon that does not answer
    }
  }

  private Optional<List<String>> pullByDigest(
      BaseManifest manifest,
      String reference,
      DaemonPullRule.Auth auth,
      Optional<String> earlyFailure,
      long start) {
    try {
      List<String> layers =
          BasePull.pull(engine, repository, manifest.digest(), auth.credential(), this::started);
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
      String failure = String.valueOf(e.getMessage());
      String first =
          earlyFailure
              .filter(early -> !early.equals(failure))
              .map(early -> "; first, by reference: " + early)
              .orElse("");
      events.handle(
          Event.info(
              "The Docker daemon could not pull the base itself ("
                  + failure
                  + first
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
    String reference = repository + "@" + manifest.digest();
    return Optional.of(
        new LayerWalker.Layer(
            directory + " of the Docker daemon's copy " + reference,
            () -> ImageDirectory.archive(engine, reference, directory),
            // the archive names its entries from the directory's own name: etc/..., jenkins/...
            directory.substring(0, directory.lastIndexOf('/') + 1)));
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
        closeQuietly(open);
      }
    }
    running.close();
  }
}
