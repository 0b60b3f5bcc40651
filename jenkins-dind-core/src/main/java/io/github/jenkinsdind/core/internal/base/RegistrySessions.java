package io.github.jenkinsdind.core.internal.base;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.RegistryException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.jib.RegistrySession;
import io.github.jenkinsdind.core.internal.registry.RegistryCredentials;
import io.github.jenkinsdind.core.internal.registry.RegistryErrors;
import io.github.jenkinsdind.core.internal.registry.RegistryPreflight;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The registry sessions of one {@link RegistryBaseSource}: a main session, made once after the
 * preflight check and the credential lookup, used for the manifests and for layers read one after
 * the other, and extra sessions for layers read while another is still downloading. Closing it
 * aborts every download still running.
 */
final class RegistrySessions {

  /**
   * A session lent for one layer download.
   *
   * @param session the session
   * @param abort ends the download: shuts its connections down; safe to run more than once
   */
  record Lease(RegistrySession session, Runnable abort) {}

  /**
   * A session and whether it was closed (then it is dropped from the open list).
   *
   * @param session the session
   * @param closed whether it was closed
   */
  private record Open(RegistrySession session, AtomicBoolean closed) {
    void close() {
      closed.set(true);
      session.close();
    }
  }

  private final String reference;
  private final ImageReference image;
  private final boolean allowInsecureRegistries;
  private final RegistryCredentials credentials;
  private final RegistryPreflight preflight;
  private final EventHandler events;

  private boolean prepared;
  private Optional<Credential> credential = Optional.empty();
  private Optional<Open> main = Optional.empty();

  /** Set while a layer downloads on the main session; its flag says the download ended. */
  private Optional<AtomicBoolean> layerInFlight = Optional.empty();

  private final List<Open> open = new ArrayList<>();

  RegistrySessions(
      String reference,
      ImageReference image,
      boolean allowInsecureRegistries,
      RegistryCredentials credentials,
      RegistryPreflight preflight,
      EventHandler events) {
    this.reference = reference;
    this.image = image;
    this.allowInsecureRegistries = allowInsecureRegistries;
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.preflight = Objects.requireNonNull(preflight, "preflight");
    this.events = Objects.requireNonNull(events, "events");
  }

  /** Returns the main session, made on first use. */
  synchronized RegistrySession main() throws JenkinsDindException {
    prepare();
    if (main.isEmpty()) {
      main = Optional.of(newSession());
    }
    return main.get().session();
  }

  /**
   * Lends a session for a layer download. Layers read one after the other share the main session:
   * its authentication and its http or https choice are made once; ending a layer's download shuts
   * the connections of the session down, and the next request opens new ones. While another layer
   * is still downloading, a new session is made: shutting shared connections down would abort it.
   */
  synchronized Lease forLayer() throws JenkinsDindException {
    if (layerInFlight.isEmpty()) {
      RegistrySession shared = main();
      AtomicBoolean ended = new AtomicBoolean();
      layerInFlight = Optional.of(ended);
      return new Lease(shared, () -> endShared(shared, ended));
    }
    prepare();
    Open extra = newSession();
    return new Lease(extra.session(), extra::close);
  }

  /**
   * Ends a layer download on the shared session: shuts its connections down (so that nothing drains
   * the rest of a layer the reader stopped early) and frees the session for the next layer. Runs at
   * the end of the download and again when the reader closes; only the first run acts.
   */
  private void endShared(RegistrySession shared, AtomicBoolean ended) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    shared.shutDownConnections();
    synchronized (this) {
      if (layerInFlight.isPresent() && layerInFlight.get() == ended) {
        layerInFlight = Optional.empty();
      }
    }
  }

  /** Once: the preflight check and the credential lookup. */
  private void prepare() throws JenkinsDindException {
    if (prepared) {
      return;
    }
    preflight.check(reference, Setting.FROM, allowInsecureRegistries);
    credential = credentials.credentialFor(image, Setting.FROM);
    prepared = true;
  }

  private Open newSession() throws JenkinsDindException {
    try {
      RegistrySession session =
          RegistrySession.forPull(
              image.getRegistry(),
              image.getRepository(),
              credential,
              allowInsecureRegistries,
              // Jib's own log is detail (retries, failovers): debug events
              message -> events.handle(Event.debug("jib: " + message)));
      Open created = new Open(session, new AtomicBoolean());
      synchronized (open) {
        open.removeIf(s -> s.closed().get());
        open.add(created);
      }
      return created;
    } catch (IOException | RegistryException | RuntimeException e) {
      throw RegistryErrors.translate(e, Setting.FROM, reference);
    }
  }

  /** Closes every session, aborting layer downloads still running. */
  void close() {
    List<Open> all;
    synchronized (open) {
      all = List.copyOf(open);
      open.clear();
    }
    all.forEach(Open::close);
    synchronized (this) {
      main = Optional.empty();
      layerInFlight = Optional.empty();
    }
  }
}
