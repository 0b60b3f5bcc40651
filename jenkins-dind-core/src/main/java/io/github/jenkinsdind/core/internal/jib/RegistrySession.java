package io.github.jenkinsdind.core.internal.jib;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.blob.Blob;
import com.google.cloud.tools.jib.blob.BlobDescriptor;
import com.google.cloud.tools.jib.event.EventHandlers;
import com.google.cloud.tools.jib.global.JibSystemProperties;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.image.json.ManifestTemplate;
import com.google.cloud.tools.jib.registry.ManifestAndDigest;
import com.google.cloud.tools.jib.registry.RegistryClient;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A connection pool to one repository of a registry and jib-core's internal {@code RegistryClient}
 * authenticated on it: the only use of that unstable API, pinned by the jib-core version and by
 * {@code RegistrySessionContractTest}.
 *
 * <p>Credentials are sent over plain http only with Jib's system property {@code
 * sendCredentialsOverHttp=true}, as for the image build. Jib's own log (retries, failovers) goes to
 * the given consumer.
 */
public final class RegistrySession implements AutoCloseable {

  /** Writes a blob's bytes, reading it from the registry as it goes. */
  @FunctionalInterface
  public interface Download {
    /**
     * Reads the whole blob from the registry into a stream.
     *
     * @param out where to write
     * @throws IOException if it cannot be read or written
     */
    void writeTo(OutputStream out) throws IOException;
  }

  /** Stands in for a layer's bytes: a registry that will not mount gets none of them. */
  private static final Blob NOT_UPLOADED =
      new Blob() {
        @Override
        public BlobDescriptor writeTo(OutputStream out) throws IOException {
          throw new IOException("the registry did not mount the layer; it is left to Jib");
        }

        @Override
        public boolean isRetryable() {
          return false;
        }
      };

  private final FailoverHttpClient http;
  private final RegistryClient client;

  private RegistrySession(FailoverHttpClient http, RegistryClient client) {
    this.http = http;
    this.client = client;
  }

  /**
   * Tells whether Jib's system property {@code sendCredentialsOverHttp} is set, which lets
   * credentials go to a plain-http registry.
   *
   * @return whether credentials may go over plain http
   */
  public static boolean sendsCredentialsOverHttp() {
    return JibSystemProperties.sendCredentialsOverHttp();
  }

  /**
   * Opens a session to pull from a repository: authenticates for pulling (bearer, or basic when the
   * registry asks for no token and there is a credential).
   *
   * @param registry the registry host, for example {@code 127.0.0.1:5000}
   * @param repository the repository, for example {@code library/jenkins}
   * @param credential the credential, if any
   * @param allowInsecureRegistries whether plain http and unverified TLS are allowed
   * @param log receives Jib's log messages
   * @return the session
   * @throws IOException if the registry cannot be reached
   * @throws RegistryException if the registry refuses
   */
  public static RegistrySession forPull(
      String registry,
      String repository,
      Optional<Credential> credential,
      boolean allowInsecureRegistries,
      Consumer<String> log)
      throws IOException, RegistryException {
    return open(
        registry, repository, Optional.empty(), false, credential, allowInsecureRegistries, log);
  }

  /**
   * Opens a session to push into a repository (manifests and indexes): authenticates for pushing.
   *
   * @param registry the registry host
   * @param repository the repository pushed into
   * @param credential the credential, if any
   * @param allowInsecureRegistries whether plain http and unverified TLS are allowed
   * @param log receives Jib's log messages
   * @return the session
   * @throws IOException if the registry cannot be reached
   * @throws RegistryException if the registry refuses
   */
  public static RegistrySession forPush(
      String registry,
      String repository,
      Optional<Credential> credential,
      boolean allowInsecureRegistries,
      Consumer<String> log)
      throws IOException, RegistryException {
    return open(
        registry, repository, Optional.empty(), true, credential, allowInsecureRegistries, log);
  }

  /**
   * Opens a session to push into a repository, with the right to mount blobs from another
   * repository of the same registry: authenticates for pushing.
   *
   * @param registry the registry host
   * @param repository the repository pushed into
   * @param mountFrom the repository blobs are mounted from
   * @param credential the credential, if any
   * @param allowInsecureRegistries whether plain http and unverified TLS are allowed
   * @param log receives Jib's log messages
   * @return the session
   * @throws IOException if the registry cannot be reached
   * @throws RegistryException if the registry refuses
   */
  public static RegistrySession forMount(
      String registry,
      String repository,
      String mountFrom,
      Optional<Credential> credential,
      boolean allowInsecureRegistries,
      Consumer<String> log)
      throws IOException, RegistryException {
    return open(
        registry,
        repository,
        Optional.of(mountFrom),
        true,
        credential,
        allowInsecureRegistries,
        log);
  }

  private static RegistrySession open(
      String registry,
      String repository,
      Optional<String> mountFrom,
      boolean push,
      Optional<Credential> credential,
      boolean allowInsecureRegistries,
      Consumer<String> log)
      throws IOException, RegistryException {
    Objects.requireNonNull(log, "log");
    Consumer<LogEvent> jibLog = event -> log.accept(event.getMessage());
    FailoverHttpClient http =
        new FailoverHttpClient(
            allowInsecureRegistries, JibSystemProperties.sendCredentialsOverHttp(), jibLog);
    try {
      EventHandlers handlers = EventHandlers.builder().add(LogEvent.class, jibLog).build();
      RegistryClient.Factory factory =
          mountFrom.isPresent()
              ? RegistryClient.factory(handlers, registry, repository, mountFrom.get(), http)
              : RegistryClient.factory(handlers, registry, repository, http);
      Credential given = credential.orElse(null);
      RegistryClient client = factory.setCredential(given).newRegistryClient();
      boolean bearer = push ? client.doPushBearerAuth() : client.doPullBearerAuth();
      if (!bearer && given != null && !given.isOAuth2RefreshToken()) {
        client.configureBasicAuth();
      }
      return new RegistrySession(http, client);
    } catch (IOException | RegistryException | RuntimeException e) {
      shutDown(http);
      throw e;
    }
  }

  /**
   * Asks the digest of a manifest or index by tag or digest (one request, that reads it).
   *
   * @param qualifier the tag or digest
   * @return the digest, or empty if the repository has no such manifest
   * @throws IOException if the registry cannot be reached
   * @throws RegistryException if the registry refuses
   */
  public Optional<String> manifestDigest(String qualifier) throws IOException, RegistryException {
    return client.checkManifest(qualifier).map(found -> found.getDigest().toString());
  }

  /**
   * Pulls a manifest by tag or digest.
   *
   * @param qualifier the tag or digest
   * @return the manifest, with the digest of its content
   * @throws IOException if it cannot be read
   * @throws RegistryException if the registry refuses or does not have it
   */
  public RegistryManifest pullManifest(String qualifier) throws IOException, RegistryException {
    ManifestAndDigest<ManifestTemplate> pulled = client.pullManifest(qualifier);
    return ImageJson.manifest(pulled.getDigest().toString(), pulled.getManifest());
  }

  /**
   * Returns jib-core's client, for the other wrappers of this package.
   *
   * @return the authenticated client
   */
  RegistryClient client() {
    return client;
  }

  /**
   * Prepares the download of a blob; nothing is read until {@link Download#writeTo}.
   *
   * @param digest the blob's digest
   * @param progress receives the number of bytes read at each step
   * @return the download
   */
  public Download pullBlob(DescriptorDigest digest, Consumer<Long> progress) {
    Blob blob = client.pullBlob(digest, size -> {}, progress);
    return out -> blob.writeTo(out);
  }

  /**
   * Tells whether the repository has a blob.
   *
   * @param digest the blob's digest
   * @return whether it is there
   * @throws IOException if the registry cannot be asked
   * @throws RegistryException if the registry refuses
   */
  public boolean hasBlob(DescriptorDigest digest) throws IOException, RegistryException {
    return client.checkBlob(digest).isPresent();
  }

  /**
   * Mounts a blob from another repository of the registry, without sending its bytes.
   *
   * @param digest the blob's digest
   * @param fromRepository the repository that has it
   * @return whether the registry mounted it
   * @throws IOException if the registry cannot be asked or would want the bytes
   * @throws RegistryException if the registry refuses
   */
  public boolean mountBlob(DescriptorDigest digest, String fromRepository)
      throws IOException, RegistryException {
    return client.pushBlob(digest, NOT_UPLOADED, fromRepository, written -> {});
  }

  /**
   * Shuts the connections made so far down, aborting a response in flight; the next request opens
   * new ones. Safe to call again and from any thread.
   */
  public void shutDownConnections() {
    shutDown(http);
  }

  /** Shuts the connections down, as {@link #shutDownConnections()}. */
  @Override
  public void close() {
    shutDown(http);
  }

  private static void shutDown(FailoverHttpClient http) {
    try {
      http.shutDown();
    } catch (IOException | RuntimeException ignored) {
      // aborting a response in flight fails by design
    }
  }
}
