package io.github.jenkinsdind.core.internal.jib;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.CredentialRetriever;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;
import com.google.cloud.tools.jib.registry.credentials.CredentialRetrievalException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The credentials of the Docker configuration, found by jib-core's {@code
 * CredentialRetrieverFactory}: a {@code config.json} with its {@code auths}, {@code credsStore} and
 * {@code credHelpers}, a legacy {@code .dockercfg}, or Jib's well-known credential helpers.
 */
public final class DockerCredentials {

  /** A credential helper or a Docker configuration file failed; the message says why. */
  public static final class LookupException extends Exception {
    private static final long serialVersionUID = 1L;

    private LookupException(CredentialRetrievalException cause) {
      super(cause.getMessage(), cause);
    }

    private LookupException(String message) {
      this(new CredentialRetrievalException(new IllegalStateException(message)));
    }
  }

  /** A lookup of a credential that may fail as a {@link DockerCredentials} lookup does. */
  @FunctionalInterface
  public interface Lookup {
    /**
     * Finds the credential.
     *
     * @return the credential, or empty to go without one
     * @throws LookupException if a credential helper or configuration file failed
     */
    Optional<Credential> find() throws LookupException;
  }

  private final CredentialRetrieverFactory factory;
  private final AtomicReference<String> unreadableHelper;

  private DockerCredentials(
      CredentialRetrieverFactory factory, AtomicReference<String> unreadableHelper) {
    this.factory = factory;
    this.unreadableHelper = unreadableHelper;
  }

  /**
   * Looks up credentials for an image's registry.
   *
   * @param image the image
   * @param log receives Jib's messages, which say where a credential came from; a credential
   *     helper's output, which may hold the secret, is cut off first
   * @return the lookup
   */
  public static DockerCredentials forImage(ImageReference image, Consumer<String> log) {
    Objects.requireNonNull(log, "log");
    AtomicReference<String> unreadableHelper = new AtomicReference<>();
    Consumer<LogEvent> jibLog =
        event -> {
          HelperLog.unreadableHelper(event.getMessage())
              .ifPresent(helper -> unreadableHelper.compareAndSet(null, helper));
          log.accept(HelperLog.redact(event.getMessage()));
        };
    return new DockerCredentials(
        CredentialRetrieverFactory.forImage(image, jibLog), unreadableHelper);
  }

  /**
   * Looks in a Docker {@code config.json}, and the credential helpers it names.
   *
   * @param file the file, which need not exist
   * @return the credential, if the file has one for the registry
   * @throws LookupException if a credential helper failed
   */
  public Optional<Credential> dockerConfig(Path file) throws LookupException {
    return retrieve(factory.dockerConfig(file));
  }

  /**
   * Looks in a legacy Docker {@code .dockercfg}.
   *
   * @param file the file, which need not exist
   * @return the credential, if the file has one for the registry
   * @throws LookupException if the file cannot be read
   */
  public Optional<Credential> legacyDockerConfig(Path file) throws LookupException {
    return retrieve(factory.legacyDockerConfig(file));
  }

  /**
   * Asks Jib's well-known credential helpers (for example {@code docker-credential-gcr} for
   * gcr.io).
   *
   * @return the credential, if a helper has one
   * @throws LookupException if a helper failed
   */
  public Optional<Credential> wellKnownHelpers() throws LookupException {
    return retrieve(factory.wellKnownCredentialHelpers());
  }

  /**
   * Makes a Jib credential retriever out of a lookup, for {@code
   * RegistryImage.addCredentialRetriever}: a failed lookup fails the retriever with the original
   * Jib exception.
   *
   * @param lookup the lookup
   * @return the retriever
   */
  public static CredentialRetriever retriever(Lookup lookup) {
    Objects.requireNonNull(lookup, "lookup");
    return () -> {
      try {
        return lookup.find();
      } catch (LookupException e) {
        throw (CredentialRetrievalException) e.getCause();
      }
    };
  }

  /**
   * Runs one of Jib's lookups. Jib only logs a credential helper whose answer it cannot read and
   * goes on without a credential; here that fails the lookup, naming the helper.
   */
  private Optional<Credential> retrieve(CredentialRetriever retriever) throws LookupException {
    Optional<Credential> found;
    try {
      found = retriever.retrieve();
    } catch (CredentialRetrievalException e) {
      throw new LookupException(e);
    }
    String helper = unreadableHelper.get();
    if (helper != null) {
      throw new LookupException(
          "the credential helper "
              + helper
              + " answered something that is neither a credential nor \""
              + HelperLog.NOT_FOUND
              + "\" (its output is not shown: it may hold a secret)");
    }
    return found;
  }
}
