package io.github.jenkinsdind.core.internal.base;

import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.RegistryException;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.jib.RegistrySession;
import io.github.jenkinsdind.core.internal.registry.RegistryCredentials;
import io.github.jenkinsdind.core.internal.registry.RegistryErrors;
import io.github.jenkinsdind.core.internal.registry.RegistryPreflight;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A base image in a registry, read through {@link RegistrySession} (jib-core's registry client).
 *
 * <ul>
 *   <li>{@link #resolve}: {@link RegistryManifestReader} pulls the manifest of the platform. The
 *       base digest is the platform manifest's digest, which is remembered in the {@link
 *       BaseFilesCache} index.
 *   <li>{@link #openLayer}: streams the blob through {@link RegistryBlobStream}; each layer uses
 *       its own connection, closed when the stream is closed (early or not).
 *   <li>Offline: no network at all; {@link #resolve} takes the digest from the cache index and
 *       gives one stand-in layer; {@link #openLayer} refuses with an {@link Setting#OFFLINE} error,
 *       so that the files must come from the cache.
 * </ul>
 *
 * <p>Credentials are sent over plain http only with Jib's system property {@code
 * sendCredentialsOverHttp=true}, as for the image build, so that the base and the target follow the
 * same rule.
 *
 * <p>Before the first request a {@link RegistryPreflight} makes a wrong insecure-registry setting
 * or an unreachable registry fail in seconds. Failures are translated by {@link RegistryErrors} for
 * {@link Setting#FROM}. A read failure of a layer stream is an {@link IOException} whose cause is
 * the translated {@link JenkinsDindException}.
 */
public final class RegistryBaseSource implements BaseSource {

  private static final long PROGRESS_STEP = 8L * 1024 * 1024;

  private final String reference;
  private final ImageReference image;
  private final boolean offline;
  private final BaseFilesCache cache;
  private final EventHandler events;
  private final RegistrySessions sessions;

  private RegistryBaseSource(
      String reference,
      ImageReference image,
      boolean allowInsecureRegistries,
      boolean offline,
      RegistryCredentials credentials,
      BaseFilesCache cache,
      EventHandler events,
      RegistryPreflight preflight) {
    this.reference = reference;
    this.image = image;
    this.offline = offline;
    this.cache = Objects.requireNonNull(cache, "cache");
    this.events = Objects.requireNonNull(events, "events");
    this.sessions =
        new RegistrySessions(
            reference, image, allowInsecureRegistries, credentials, preflight, events);
  }

  /**
   * Makes a source for a registry image. Nothing is read until {@link #resolve}.
   *
   * @param reference the image reference without prefix, for example {@code
   *     127.0.0.1:5000/jenkins:lts}, {@code jenkins/jenkins:lts-jdk21} or {@code repo@sha256:...}
   * @param allowInsecureRegistries whether plain http and unverified TLS are allowed
   * @param offline whether to use only the cache index, with no network
   * @param credentials where the registry credential comes from
   * @param cache the base files cache, whose index maps the reference to its digest
   * @param events receives what the source does
   * @return the source
   * @throws ConfigurationException if the reference is not a valid image reference
   */
  public static RegistryBaseSource create(
      String reference,
      boolean allowInsecureRegistries,
      boolean offline,
      RegistryCredentials credentials,
      BaseFilesCache cache,
      EventHandler events)
      throws ConfigurationException {
    return create(
        reference,
        allowInsecureRegistries,
        offline,
        credentials,
        cache,
        events,
        RegistryPreflight.defaults());
  }

  /**
   * Makes a source with a given preflight check (for tests).
   *
   * @param reference the image reference
   * @param allowInsecureRegistries whether insecure registries are allowed
   * @param offline whether offline
   * @param credentials the credentials
   * @param cache the cache
   * @param events the events
   * @param preflight the check made before the first request
   * @return the source
   * @throws ConfigurationException if the reference is invalid
   */
  static RegistryBaseSource create(
      String reference,
      boolean allowInsecureRegistries,
      boolean offline,
      RegistryCredentials credentials,
      BaseFilesCache cache,
      EventHandler events,
      RegistryPreflight preflight)
      throws ConfigurationException {
    ImageReference image;
    try {
      image = ImageReference.parse(reference);
    } catch (InvalidImageReferenceException e) {
      throw new ConfigurationException(
          "'" + reference + "' is not a valid image reference",
          Setting.FROM,
          reference,
          "perhaps you should write it as registry/repository:tag, for example"
              + " jenkins/jenkins:lts-jdk21",
          e);
    }
    return new RegistryBaseSource(
        reference, image, allowInsecureRegistries, offline, credentials, cache, events, preflight);
  }

  @Override
  public String describe() {
    return "registry image " + reference;
  }

  @Override
  public synchronized BaseManifest resolve(ImagePlatform platform) throws JenkinsDindException {
    Objects.requireNonNull(platform, "platform");
    if (offline) {
      return resolveOffline(platform);
    }
    try {
      BaseManifest manifest =
          new RegistryManifestReader(reference, image, describe(), events)
              .read(sessions.main(), platform);
      events.handle(
          Event.debug("resolved " + describe() + " for " + platform + " to " + manifest.digest()));
      cache.rememberDigest(reference, platform, manifest.digest());
      return manifest;
    } catch (IOException | RegistryException | RuntimeException e) {
      throw RegistryErrors.translate(e, Setting.FROM, reference);
    }
  }

  /**
   * Lists the base's platforms (its index's image entries, in order, or a single image's one),
   * architectures under their index names; online only: the list is not cached.
   *
   * @return the platforms
   * @throws JenkinsDindException if the base cannot be read, or the build is offline
   */
  public synchronized List<ImagePlatform> platforms() throws JenkinsDindException {
    if (offline) {
      throw new ConfigurationException(
          "the build is offline and the platforms of base " + reference + " are not cached",
          Setting.PLATFORMS,
          "all",
          "perhaps you should list the platforms to build instead of all when offline");
    }
    try {
      return new RegistryManifestReader(reference, image, describe(), events)
          .platforms(sessions.main());
    } catch (IOException | RegistryException | RuntimeException e) {
      throw RegistryErrors.translate(e, Setting.FROM, reference);
    }
  }

  private BaseManifest resolveOffline(ImagePlatform platform) throws ConfigurationException {
    Optional<String> digest = cache.digestFor(reference, platform);
    if (digest.isEmpty()) {
      throw new ConfigurationException(
          "the build is offline and base "
              + reference
              + " ("
              + platform
              + ") is not in the"
              + " cache; run once online",
          Setting.OFFLINE,
          "true",
          "perhaps you should build once without offline, so that the base is cached");
    }
    events.handle(
        Event.debug(
            "offline: " + describe() + " for " + platform + " is " + digest.get() + " (cached)"));
    // The layers are not known offline. One stand-in layer, which cannot be opened, makes a reader
    // whose cache lacks this base's files fail with the offline error rather than find nothing.
    return new BaseManifest(
        digest.get(), platform, List.of(new BaseManifest.Layer(digest.get(), -1, null)));
  }

  @Override
  public InputStream openLayer(BaseManifest.Layer layer) throws JenkinsDindException {
    Objects.requireNonNull(layer, "layer");
    if (offline) {
      throw new ConfigurationException(
          "the build is offline and what is needed of base "
              + reference
              + " is not in the cache (its layers would have to be downloaded)",
          Setting.OFFLINE,
          "true",
          "perhaps you should build once without offline, so that the base is cached");
    }
    DescriptorDigest digest;
    try {
      digest = DescriptorDigest.fromDigest(layer.digest());
    } catch (DigestException e) {
      throw new IllegalArgumentException("not a blob digest: " + layer.digest(), e);
    }
    RegistrySessions.Lease lease;
    synchronized (this) {
      lease = sessions.forLayer();
    }
    String task = "pulling layer " + shortDigest(layer.digest()) + " of " + reference;
    RegistrySession.Download download =
        lease.session().pullBlob(digest, progress(task, layer.size()));
    return RegistryBlobStream.start(
        download::writeTo,
        "jenkins-dind-pull-" + shortDigest(layer.digest()),
        lease.abort(),
        failure -> layerFailure(layer, failure));
  }

  @Override
  public synchronized List<String> configEnv(BaseManifest manifest) throws JenkinsDindException {
    if (offline) {
      throw new ConfigurationException(
          "the build is offline and the config of base " + reference + " is not in the cache",
          Setting.OFFLINE,
          "true",
          "perhaps you should build once without offline, so that the base is cached");
    }
    if (manifest.configDigest() == null) {
      return List.of();
    }
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      sessions
          .main()
          .pullBlob(DescriptorDigest.fromDigest(manifest.configDigest()), written -> {})
          .writeTo(bytes);
      return BaseConfigEnv.of(bytes.toByteArray());
    } catch (IOException | DigestException | RuntimeException e) {
      throw RegistryErrors.translate(e, Setting.FROM, reference);
    }
  }

  private IOException layerFailure(BaseManifest.Layer layer, Throwable failure) {
    JenkinsDindException translated = RegistryErrors.translate(failure, Setting.FROM, reference);
    return new IOException(
        "could not download layer " + layer.digest() + ": " + translated.getMessage(), translated);
  }

  private Consumer<Long> progress(String task, long total) {
    AtomicLong done = new AtomicLong();
    AtomicLong reported = new AtomicLong();
    return written -> {
      long now = done.addAndGet(written);
      long last = reported.get();
      if ((now - last >= PROGRESS_STEP || (total > 0 && now >= total && last < total))
          && reported.compareAndSet(last, now)) {
        events.handle(new Event.Progress(task, now, total, "bytes"));
      }
    };
  }

  private static String shortDigest(String digest) {
    int colon = digest.indexOf(':');
    return digest.substring(colon + 1, Math.min(digest.length(), colon + 13));
  }

  /** Closes every connection this source opened, aborting layer downloads still running. */
  @Override
  public void close() {
    sessions.close();
  }
}
