package io.github.jenkinsdind.core.internal.imagebuild;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.ImageReference;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.daemon.BasePull;
import io.github.jenkinsdind.core.internal.registry.RegistryCredentials;
import io.github.jenkinsdind.core.internal.registry.RegistryPreflight;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Decides how the Docker daemon may pull a registry base, by the rules every other access to a
 * registry follows: the base registry's preflight first (an unreachable registry, or a plain-http
 * one while insecure registries are not allowed, is not pulled at all: the build's own read then
 * fails with the same clear message), then the credential lookup, and the credential goes to the
 * daemon only for a registry that speaks https, or for a plain-http one when Jib's system property
 * {@code sendCredentialsOverHttp} is set.
 *
 * <p>Why the build decides and not the daemon: dockerd talks plain http to every registry of its
 * {@code insecure-registries} and of 127.0.0.0/8 (when https fails), and sends the credential it is
 * given there in clear text. A registry that does not answer a TLS handshake is taken as plain
 * http; so is one the build cannot reach directly (behind a proxy, say): the credential is then
 * withheld, never sent on a guess. With debug logging on docker-java's http client (Maven's {@code
 * -X}), the credential is withheld too: the header that carries it would be written to the log.
 */
final class DaemonPullRule {

  /** The base registry's preflight, as {@link RegistryPreflight#check}. */
  @FunctionalInterface
  interface Preflight {
    /**
     * Checks the registry of a reference.
     *
     * @param reference the image reference
     * @param setting the setting naming it
     * @param allowInsecureRegistries whether plain http and unverified TLS are allowed
     * @throws JenkinsDindException if the registry cannot be used
     */
    void check(String reference, Setting setting, boolean allowInsecureRegistries)
        throws JenkinsDindException;
  }

  /** Tells whether a registry speaks TLS, as {@link TlsProbe#speaksTls}. */
  @FunctionalInterface
  interface Transport {
    /**
     * Tells whether a registry speaks TLS.
     *
     * @param registry the registry, {@code host[:port]}
     * @return whether it answered a TLS handshake
     */
    boolean speaksTls(String registry);
  }

  /**
   * What the daemon pulls with.
   *
   * @param credential the credential handed to the daemon, if any
   * @param withheld why a credential that was found is not handed to the daemon, if it is not
   */
  record Auth(Optional<Credential> credential, Optional<String> withheld) {
    /** Checks the parts. */
    Auth {
      Objects.requireNonNull(credential, "credential");
      Objects.requireNonNull(withheld, "withheld");
      if (credential.isPresent() && withheld.isPresent()) {
        throw new IllegalArgumentException("a credential is either handed over or withheld");
      }
    }
  }

  private final boolean allowInsecureRegistries;
  private final boolean sendCredentialsOverHttp;
  private final RegistryCredentials credentials;
  private final Preflight preflight;
  private final Transport transport;
  private final BooleanSupplier credentialsLogged;

  /**
   * Makes the rule.
   *
   * @param allowInsecureRegistries the build's {@code allowInsecureRegistries}
   * @param sendCredentialsOverHttp Jib's system property {@code sendCredentialsOverHttp}
   * @param credentials the registry credentials
   * @param preflight the base registry's preflight
   * @param transport tells whether the registry speaks TLS
   * @param credentialsLogged tells whether a credential handed to the daemon would appear in the
   *     log (docker-java's http client logs its request headers at the debug level)
   */
  DaemonPullRule(
      boolean allowInsecureRegistries,
      boolean sendCredentialsOverHttp,
      RegistryCredentials credentials,
      Preflight preflight,
      Transport transport,
      BooleanSupplier credentialsLogged) {
    this.allowInsecureRegistries = allowInsecureRegistries;
    this.sendCredentialsOverHttp = sendCredentialsOverHttp;
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.preflight = Objects.requireNonNull(preflight, "preflight");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.credentialsLogged = Objects.requireNonNull(credentialsLogged, "credentialsLogged");
  }

  /**
   * The rule with the build's preflight and a TLS handshake of its own.
   *
   * @param allowInsecureRegistries the build's {@code allowInsecureRegistries}
   * @param sendCredentialsOverHttp Jib's system property {@code sendCredentialsOverHttp}
   * @param credentials the registry credentials
   * @return the rule
   */
  static DaemonPullRule of(
      boolean allowInsecureRegistries,
      boolean sendCredentialsOverHttp,
      RegistryCredentials credentials) {
    return new DaemonPullRule(
        allowInsecureRegistries,
        sendCredentialsOverHttp,
        credentials,
        RegistryPreflight.defaults()::check,
        TlsProbe.defaults()::speaksTls,
        BasePull::credentialsWouldBeLogged);
  }

  /**
   * Decides what the daemon pulls a base with.
   *
   * @param base the base
   * @return the credential to hand over, or why none is
   * @throws JenkinsDindException if the preflight fails or the credential cannot be looked up: the
   *     daemon must not pull then
   */
  Auth decide(ImageReference base) throws JenkinsDindException {
    preflight.check(base.toString(), Setting.FROM, allowInsecureRegistries);
    Optional<Credential> credential = credentials.credentialFor(base, Setting.FROM);
    if (credential.isEmpty()) {
      return new Auth(credential, Optional.empty());
    }
    String registry = base.getRegistry();
    if (!sendCredentialsOverHttp && !transport.speaksTls(registry)) {
      return withheld(
          "registry "
              + registry
              + " does not speak https, and credentials go over plain http only with the"
              + " system property sendCredentialsOverHttp=true");
    }
    if (credentialsLogged.getAsBoolean()) {
      return withheld(
          "with debug logging, the Docker client logs the request header that would carry the"
              + " credentials for registry "
              + registry);
    }
    return new Auth(credential, Optional.empty());
  }

  private static Auth withheld(String why) {
    return new Auth(Optional.empty(), Optional.of(why));
  }

  /**
   * Decides, and says what the daemon pulls with, or (in a debug message) why it does not pull.
   *
   * @param base the base
   * @param named the reference the daemon pulls, for messages
   * @param events where messages go
   * @return the credential to hand over or why none is; empty if the daemon must not pull (the
   *     build's own read of the base meets the same failure and reports it)
   */
  Optional<Auth> decideAndSay(ImageReference base, String named, EventHandler events) {
    Auth auth;
    try {
      auth = decide(base);
    } catch (JenkinsDindException | RuntimeException e) {
      events.handle(
          Event.debug("the Docker daemon does not pull the base " + named + ": " + e.getMessage()));
      return Optional.empty();
    }
    String pulls = "The Docker daemon pulls the base " + named + " itself";
    if (auth.withheld().isPresent()) {
      events.handle(
          Event.info(pulls + ", anonymously, while the build reads it: " + auth.withheld().get()));
      return Optional.of(auth);
    }
    events.handle(Event.info(pulls + ", while the build reads it"));
    if (auth.credential().isPresent()) {
      events.handle(
          Event.debug(
              "the Docker daemon is given the credentials for registry " + base.getRegistry()));
    }
    return Optional.of(auth);
  }
}
