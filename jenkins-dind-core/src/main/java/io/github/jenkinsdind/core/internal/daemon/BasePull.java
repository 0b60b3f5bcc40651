package io.github.jenkinsdind.core.internal.daemon;

import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.model.AuthConfig;
import com.google.cloud.tools.jib.api.Credential;
import io.github.jenkinsdind.core.api.EnvironmentException;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * Has the Docker daemon pull a registry image by digest or tag, as {@code docker pull} does, and
 * tells which layers it then holds. The daemon pulls with its own network and registry settings
 * (its insecure registries, its certificates), which may differ from the build's: a failed pull is
 * for the caller to work around, not an error of the build.
 *
 * <p>The daemon sends the credential it is given to the registry over whatever its settings allow,
 * plain http included (every registry of its {@code insecure-registries} and of 127.0.0.0/8): the
 * caller decides whether a credential may go to the daemon at all, by the rules of every other
 * registry access. The credential goes to the daemon in the {@code X-Registry-Auth} header only;
 * docker-java's own debug log of the command shows the user name, never the password or token, but
 * its http client logs every request header at the debug level ({@link #credentialsWouldBeLogged}).
 */
public final class BasePull {
  /**
   * The loggers docker-java's http client (Apache HttpClient 5, shaded into the zerodep transport)
   * writes request headers and raw bytes to, at the debug level: an {@code X-Registry-Auth} header
   * there is the credential, base64-encoded.
   */
  private static final List<String> HEADER_LOGGERS =
      List.of(
          "com.github.dockerjava.zerodep.shaded.org.apache.hc.client5.http.headers",
          "com.github.dockerjava.zerodep.shaded.org.apache.hc.client5.http.wire",
          "org.apache.hc.client5.http.headers",
          "org.apache.hc.client5.http.wire");

  private BasePull() {}

  /**
   * Tells whether a credential handed to {@link #pull} would appear in the log: when docker-java's
   * http client logs its request headers (debug logging, such as Maven's {@code -X}), the {@code
   * X-Registry-Auth} header that carries the credential is written out with them.
   *
   * @return whether the http client's header or wire log is enabled
   */
  public static boolean credentialsWouldBeLogged() {
    return HEADER_LOGGERS.stream().anyMatch(name -> LoggerFactory.getLogger(name).isDebugEnabled());
  }

  /**
   * Pulls an image into the daemon.
   *
   * @param engine the daemon
   * @param repository the registry and repository, for example {@code 127.0.0.1:5000/jenkins}
   * @param qualifier what to pull: a manifest digest ({@code sha256:...}) or a tag
   * @param credential the registry credential to hand to the daemon, if any: only one the caller
   *     has allowed to go over the daemon's connection to the registry, and only when {@link
   *     #credentialsWouldBeLogged} is false
   * @param started receives, once the pull has started, what closes its connection: the daemon
   *     stops a pull whose client has gone
   * @return the image's layers as the daemon holds them: their uncompressed digests (diff IDs),
   *     bottom-up
   * @throws EnvironmentException if the daemon could not pull or inspect the image
   */
  public static List<String> pull(
      Engine engine,
      String repository,
      String qualifier,
      Optional<Credential> credential,
      Consumer<Closeable> started)
      throws EnvironmentException {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(qualifier, "qualifier");
    String reference = repository + (qualifier.startsWith("sha256:") ? "@" : ":") + qualifier;
    engine.run(
        "pull " + reference,
        () -> {
          var pull = engine.client().pullImageCmd(repository).withTag(qualifier);
          credential.map(c -> authConfig(repository, c)).ifPresent(pull::withAuthConfig);
          try {
            var running = pull.exec(new QuietPull());
            started.accept(running);
            running.awaitCompletion();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the daemon pulled " + reference, e);
          }
        });
    InspectImageResponse image =
        engine
            .image(reference)
            .orElseThrow(
                () ->
                    new EnvironmentException(
                        "The Docker daemon at "
                            + engine.dockerHost()
                            + " pulled "
                            + reference
                            + " but does not show it",
                        null));
    return layers(image);
  }

  /**
   * Names a registry repository as the daemon does: Docker Hub is {@code docker.io}, not the {@code
   * registry-1.docker.io} endpoint that Jib talks to.
   *
   * @param registry the registry, as Jib names it
   * @param repository the repository
   * @return what to pull, for example {@code docker.io/jenkins/jenkins}
   */
  public static String daemonRepository(String registry, String repository) {
    return (isDockerHub(registry) ? "docker.io" : registry) + "/" + repository;
  }

  private static boolean isDockerHub(String registry) {
    return registry.equals("registry-1.docker.io")
        || registry.equals("docker.io")
        || registry.equals("index.docker.io");
  }

  /**
   * Tells which layers the daemon holds of an image it already has, without pulling.
   *
   * @param engine the daemon
   * @param repository the registry and repository
   * @param digest the manifest digest
   * @return the image's diff IDs, bottom-up; empty if the daemon does not have the image
   * @throws EnvironmentException if the daemon fails to answer
   */
  public static Optional<List<String>> held(Engine engine, String repository, String digest)
      throws EnvironmentException {
    return engine.image(repository + "@" + digest).map(BasePull::layers);
  }

  private static List<String> layers(InspectImageResponse image) {
    return image.getRootFS() == null || image.getRootFS().getLayers() == null
        ? List.of()
        : List.copyOf(image.getRootFS().getLayers());
  }

  private static AuthConfig authConfig(String repository, Credential credential) {
    String registry = repository.substring(0, Math.max(0, repository.indexOf('/')));
    AuthConfig auth =
        new AuthConfig()
            .withRegistryAddress(
                isDockerHub(registry) ? AuthConfig.DEFAULT_SERVER_ADDRESS : registry);
    if (credential.isOAuth2RefreshToken()) {
      return auth.withIdentityToken(credential.getPassword());
    }
    return auth.withUsername(credential.getUsername()).withPassword(credential.getPassword());
  }

  /**
   * A pull's callback that keeps the daemon's failure for the caller, who works around it and says
   * so in its own words, instead of docker-java's logging it as an error with its stack trace (the
   * "Error during callback" of a build that then succeeds).
   */
  private static final class QuietPull extends PullImageResultCallback {
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    @Override
    public void onError(Throwable throwable) {
      failure.compareAndSet(null, throwable);
      try {
        close();
      } catch (IOException e) {
        throwable.addSuppressed(e);
      }
    }

    @Override
    protected void throwFirstError() {
      Throwable first = failure.get();
      if (first instanceof RuntimeException e) {
        throw e;
      }
      if (first instanceof Error e) {
        throw e;
      }
      if (first != null) {
        throw new IllegalStateException(first.getMessage(), first);
      }
      super.throwFirstError();
    }
  }
}
