package io.github.jenkinsdind.core.internal.build;

import com.github.dockerjava.api.command.PullImageCmd;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.model.AuthConfig;
import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.ImageReference;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Parameter;
import io.github.jenkinsdind.core.internal.engine.Engine;
import io.github.jenkinsdind.core.internal.registry.RegistryCredentials;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Has the Docker daemon pull a registry base itself, by digest, while the build goes on; once it
 * holds the base, {@code docker load} need not carry the base's layers. This is what the Dockerfile
 * way costs ({@code docker pull}), instead of the whole image going through {@code docker load}.
 * If the daemon cannot pull it (its own registry settings, an insecure registry it does not trust),
 * the build loads the whole image as before.
 */
final class DaemonBasePull {
  private static final long TIMEOUT_MINUTES = 30;

  private DaemonBasePull() {}

  /**
   * Starts the pull.
   *
   * @param engine the daemon
   * @param base the base image
   * @param digest the digest the build uses
   * @param layers the base layers' hex digests, which the daemon holds once the pull succeeded
   * @param credentials the registry credentials, passed on to the daemon for this pull only
   * @param events where messages go
   * @return the layers the daemon holds when the pull ends: {@code layers}, or none if it failed
   */
  static Supplier<Set<String>> start(
      Engine engine,
      ImageReference base,
      String digest,
      Set<String> layers,
      RegistryCredentials credentials,
      EventHandler events) {
    String repository =
        base.getRegistry().equals("registry-1.docker.io")
            ? base.getRepository()
            : base.getRegistry() + "/" + base.getRepository();
    CompletableFuture<Set<String>> pulled =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                PullImageCmd pull = engine.client().pullImageCmd(repository).withTag(digest);
                auth(base, credentials).ifPresent(pull::withAuthConfig);
                boolean done =
                    pull.exec(new PullImageResultCallback())
                        .awaitCompletion(TIMEOUT_MINUTES, TimeUnit.MINUTES);
                if (!done) {
                  throw new IllegalStateException("timed out");
                }
                events.handle(
                    Event.info("The Docker daemon pulled the base " + repository + "@" + digest));
                return layers;
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Set.of();
              } catch (JenkinsDindException | RuntimeException e) {
                events.handle(
                    Event.debug(
                        "The Docker daemon could not pull the base ("
                            + Engine.causeText(e)
                            + "); the whole image goes through docker load"));
                return Set.of();
              }
            });
    return pulled::join;
  }

  private static Optional<AuthConfig> auth(ImageReference base, RegistryCredentials credentials)
      throws JenkinsDindException {
    Optional<Credential> credential = credentials.credentialFor(base, Parameter.FROM);
    return credential.map(
        c ->
            new AuthConfig()
                .withRegistryAddress(base.getRegistry())
                .withUsername(c.getUsername())
                .withPassword(c.getPassword()));
  }
}
