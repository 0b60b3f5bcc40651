package io.github.jenkinsdind.core.internal.base;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.blob.Blob;
import com.google.cloud.tools.jib.event.EventHandlers;
import com.google.cloud.tools.jib.global.JibSystemProperties;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.image.json.BuildableManifestTemplate;
import com.google.cloud.tools.jib.image.json.ContainerConfigurationTemplate;
import com.google.cloud.tools.jib.image.json.ManifestTemplate;
import com.google.cloud.tools.jib.image.json.OciIndexTemplate;
import com.google.cloud.tools.jib.image.json.V22ManifestListTemplate;
import com.google.cloud.tools.jib.image.json.V22ManifestTemplate;
import com.google.cloud.tools.jib.json.JsonTemplateMapper;
import com.google.cloud.tools.jib.registry.ManifestAndDigest;
import com.google.cloud.tools.jib.registry.RegistryClient;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.registry.RegistryCredentials;
import io.github.jenkinsdind.core.internal.registry.RegistryErrors;
import io.github.jenkinsdind.core.internal.registry.RegistryPreflight;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A base image in a registry, read with jib-core's internal {@code RegistryClient}. Every use of
 * that unstable API is in this class (pinned by the jib-core version and by the integration tests).
 *
 * <ul>
 *   <li>{@link #resolve}: pulls the manifest by tag or digest; from a manifest list or OCI index
 *       picks the platform with {@link PlatformSelector} and pulls that manifest by digest; for a
 *       single image checks its config's os and architecture. The base digest is the platform
 *       manifest's digest, which is remembered in the {@link BaseFilesCache} index.
 *   <li>{@link #openLayer}: streams the blob through {@link RegistryBlobStream}; each layer uses
 *       its own connection, closed when the stream is closed (early or not).
 *   <li>Offline: no network at all; {@link #resolve} takes the digest from the cache index and
 *       gives one stand-in layer; {@link #openLayer} refuses with an {@link Setting#OFFLINE} error,
 *       so that the files must come from the cache.
 * </ul>
 *
 * <p>Credentials are sent over plain http only with Jib's {@code -DsendCredentialsOverHttp=true},
 * as for the image build, so that the base and the target follow the same rule.
 *
 * <p>Before the first request a {@link RegistryPreflight} makes a wrong insecure-registry setting
 * or an unreachable registry fail in seconds. Failures are translated by {@link RegistryErrors} for
 * {@link Setting#FROM}. A read failure of a layer stream is an {@link IOException} whose cause is
 * the translated {@link JenkinsDindException}.
 */
public final class RegistryBaseSource implements BaseSource {

  /** V2.2 layers are always gzip-compressed tars. */
  private static final String V22_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip";

  private static final long MAX_CONFIG_BYTES = 8L * 1024 * 1024;
  private static final long PROGRESS_STEP = 8L * 1024 * 1024;

  private final String reference;
  private final ImageReference image;
  private final boolean allowInsecureRegistries;
  private final boolean offline;
  private final RegistryCredentials credentials;
  private final BaseFilesCache cache;
  private final EventHandler events;
  private final RegistryPreflight preflight;

  private boolean prepared;
  private Credential credential;
  private Session session;
  private AtomicBoolean layerInFlight;
  private final List<Session> open = new ArrayList<>();

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
    this.allowInsecureRegistries = allowInsecureRegistries;
    this.offline = offline;
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.cache = Objects.requireNonNull(cache, "cache");
    this.events = Objects.requireNonNull(events, "events");
    this.preflight = Objects.requireNonNull(preflight, "preflight");
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
      RegistryClient client = mainSession().client();
      ManifestAndDigest<ManifestTemplate> top = client.pullManifest(image.getQualifier());
      checkPinnedDigest(top);
      BaseManifest manifest;
      if (top.getManifest() instanceof V22ManifestListTemplate
          || top.getManifest() instanceof OciIndexTemplate) {
        manifest = fromList(client, top.getManifest(), platform);
      } else if (top.getManifest() instanceof BuildableManifestTemplate single) {
        checkSinglePlatform(client, single, platform);
        manifest = toBaseManifest(top.getDigest().toString(), platform, single);
      } else {
        throw unsupported(top.getManifest());
      }
      events.handle(
          Event.debug("resolved " + describe() + " for " + platform + " to " + manifest.digest()));
      cache.rememberDigest(reference, platform, manifest.digest());
      return manifest;
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

  private BaseManifest fromList(RegistryClient client, ManifestTemplate list, ImagePlatform wanted)
      throws IOException, RegistryException, JenkinsDindException {
    List<PlatformSelector.Entry> entries = entriesOf(list);
    PlatformSelector.Entry chosen =
        PlatformSelector.select(entries, wanted)
            .orElseThrow(() -> noSuchPlatform(wanted, PlatformSelector.platformsOf(entries)));
    ManifestAndDigest<ManifestTemplate> pulled = client.pullManifest(chosen.digest());
    if (!pulled.getDigest().toString().equals(chosen.digest())) {
      throw new EnvironmentException(
          "registry "
              + image.getRegistry()
              + " answered the manifest "
              + chosen.digest()
              + " of "
              + reference
              + " with content whose digest is "
              + pulled.getDigest(),
          Setting.FROM,
          reference,
          (String) null,
          null);
    }
    if (!(pulled.getManifest() instanceof BuildableManifestTemplate platformManifest)) {
      throw unsupported(pulled.getManifest());
    }
    return toBaseManifest(chosen.digest(), wanted, platformManifest);
  }

  private static List<PlatformSelector.Entry> entriesOf(ManifestTemplate list) {
    List<PlatformSelector.Entry> entries = new ArrayList<>();
    if (list instanceof V22ManifestListTemplate docker) {
      for (V22ManifestListTemplate.ManifestDescriptorTemplate d : docker.getManifests()) {
        if (d.getDigest() != null) {
          V22ManifestListTemplate.ManifestDescriptorTemplate.Platform p = d.getPlatform();
          entries.add(
              PlatformSelector.Entry.of(
                  d.getDigest(),
                  p == null ? null : p.getOs(),
                  p == null ? null : p.getArchitecture()));
        }
      }
    } else if (list instanceof OciIndexTemplate oci) {
      for (OciIndexTemplate.ManifestDescriptorTemplate d : oci.getManifests()) {
        if (d.getDigest() != null) {
          OciIndexTemplate.ManifestDescriptorTemplate.Platform p = d.getPlatform();
          entries.add(
              new PlatformSelector.Entry(
                  d.getDigest().toString(),
                  p == null ? null : p.getOs(),
                  p == null ? null : p.getArchitecture(),
                  null, // jib-core's templates drop the variant
                  d.getAnnotations()));
        }
      }
    }
    return entries;
  }

  private void checkSinglePlatform(
      RegistryClient client, BuildableManifestTemplate manifest, ImagePlatform wanted)
      throws IOException, JenkinsDindException {
    BuildableManifestTemplate.ContentDescriptorTemplate descriptor =
        manifest.getContainerConfiguration();
    if (descriptor == null || descriptor.getDigest() == null) {
      throw unsupported(manifest);
    }
    if (descriptor.getSize() > MAX_CONFIG_BYTES) {
      throw new EnvironmentException(
          "the config of " + reference + " is " + descriptor.getSize() + " bytes; too big",
          Setting.FROM,
          reference,
          (String) null,
          null);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    client.pullBlob(descriptor.getDigest(), size -> {}, written -> {}).writeTo(bytes);
    ContainerConfigurationTemplate config =
        JsonTemplateMapper.readJson(bytes.toByteArray(), ContainerConfigurationTemplate.class);
    String os = config.getOs();
    String architecture = config.getArchitecture();
    if (os == null || architecture == null) {
      events.handle(
          Event.warn(
              describe()
                  + " does not say its platform; taking it to be "
                  + wanted
                  + " as the platform setting says"));
      return;
    }
    if (!PlatformSelector.matches(os, architecture, wanted)) {
      String actual = os + "/" + architecture;
      throw new ConfigurationException(
          "base image " + reference + " is a " + actual + " image, not " + wanted,
          Setting.PLATFORM,
          wanted.toString(),
          "perhaps you should set platform to "
              + actual
              + ", or use a base image that has "
              + wanted);
    }
  }

  private BaseManifest toBaseManifest(
      String digest, ImagePlatform platform, BuildableManifestTemplate manifest) {
    String mediaType = manifest instanceof V22ManifestTemplate ? V22_LAYER : null;
    List<BaseManifest.Layer> layers = new ArrayList<>();
    for (BuildableManifestTemplate.ContentDescriptorTemplate layer : manifest.getLayers()) {
      layers.add(new BaseManifest.Layer(layer.getDigest().toString(), layer.getSize(), mediaType));
    }
    return new BaseManifest(digest, platform, layers);
  }

  private void checkPinnedDigest(ManifestAndDigest<ManifestTemplate> top)
      throws EnvironmentException {
    Optional<String> pinned = image.getDigest();
    if (pinned.isPresent() && !pinned.get().equals(top.getDigest().toString())) {
      throw new EnvironmentException(
          "registry "
              + image.getRegistry()
              + " answered "
              + reference
              + " with a manifest whose digest is "
              + top.getDigest(),
          Setting.FROM,
          reference,
          (String) null,
          null);
    }
  }

  private ConfigurationException noSuchPlatform(ImagePlatform wanted, List<String> available) {
    if (available.isEmpty()) {
      return new ConfigurationException(
          "base image " + reference + " is a manifest list with no image for any platform",
          Setting.FROM,
          reference,
          "perhaps you should check that " + Setting.FROM.key() + " names a runnable image");
    }
    String list = String.join(", ", available);
    return new ConfigurationException(
        "base image " + reference + " has no " + wanted + " image; it has " + list,
        Setting.PLATFORM,
        wanted.toString(),
        "perhaps you should set platform to one of: " + list);
  }

  private ConfigurationException unsupported(ManifestTemplate manifest) {
    return new ConfigurationException(
        "base image "
            + reference
            + " has a manifest of a kind that cannot be read (schema "
            + manifest.getSchemaVersion()
            + ", "
            + manifest.getManifestMediaType()
            + ")",
        Setting.FROM,
        reference,
        "perhaps you should use an image pushed in the Docker V2.2 or OCI format");
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
    Session layerSession;
    Runnable abort;
    synchronized (this) {
      if (layerInFlight == null) {
        // layers read one after the other share the main session: its authentication and its
        // http or https choice are made once; ending a layer's download shuts the connections of
        // the session down, and the next request opens new ones
        layerSession = mainSession();
        AtomicBoolean ended = new AtomicBoolean();
        layerInFlight = ended;
        abort = () -> endShared(layerSession, ended);
      } else {
        // another layer is still downloading: shutting shared connections down would abort it
        prepare();
        layerSession = newSession();
        abort = layerSession::close;
      }
    }
    String task = "pulling layer " + shortDigest(layer.digest()) + " of " + reference;
    Blob blob = layerSession.client().pullBlob(digest, size -> {}, progress(task, layer.size()));
    return RegistryBlobStream.start(
        blob::writeTo,
        "jenkins-dind-pull-" + shortDigest(layer.digest()),
        abort,
        failure -> layerFailure(layer, failure));
  }

  /**
   * Ends a layer download on the shared session: shuts its connections down (so that nothing drains
   * the rest of a layer the reader stopped early) and frees the session for the next layer. Runs at
   * the end of the download and again when the reader closes; only the first run acts.
   */
  private void endShared(Session shared, AtomicBoolean ended) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    shutDown(shared.http());
    synchronized (this) {
      if (layerInFlight == ended) {
        layerInFlight = null;
      }
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

  // ------------------------------------------------------------------ sessions (jib internals)

  /**
   * A connection pool and a client authenticated on it; closing it aborts what is in flight.
   *
   * @param http the pool
   * @param client the client
   * @param closed whether it was closed (then it is dropped from the open list)
   */
  private record Session(FailoverHttpClient http, RegistryClient client, AtomicBoolean closed) {
    /** Shuts down the connections made so far; safe to call again and from any thread. */
    void close() {
      closed.set(true);
      shutDown(http);
    }
  }

  private static void shutDown(FailoverHttpClient http) {
    try {
      http.shutDown();
    } catch (IOException | RuntimeException ignored) {
      // aborting a response in flight fails by design
    }
  }

  private Session mainSession() throws JenkinsDindException {
    prepare();
    if (session == null) {
      session = newSession();
    }
    return session;
  }

  /** Once: the preflight check and the credential lookup. */
  private void prepare() throws JenkinsDindException {
    if (prepared) {
      return;
    }
    preflight.check(reference, Setting.FROM, allowInsecureRegistries);
    credential = credentials.credentialFor(image, Setting.FROM).orElse(null);
    prepared = true;
  }

  private Session newSession() throws JenkinsDindException {
    FailoverHttpClient http =
        new FailoverHttpClient(
            allowInsecureRegistries, JibSystemProperties.sendCredentialsOverHttp(), jibLog());
    try {
      RegistryClient client =
          RegistryClient.factory(
                  EventHandlers.builder().add(LogEvent.class, jibLog()).build(),
                  image.getRegistry(),
                  image.getRepository(),
                  http)
              .setCredential(credential)
              .newRegistryClient();
      if (!client.doPullBearerAuth() && credential != null && !credential.isOAuth2RefreshToken()) {
        client.configureBasicAuth();
      }
      Session created = new Session(http, client, new AtomicBoolean());
      synchronized (open) {
        open.removeIf(s -> s.closed().get());
        open.add(created);
      }
      return created;
    } catch (IOException | RegistryException | RuntimeException e) {
      shutDown(http);
      throw RegistryErrors.translate(e, Setting.FROM, reference);
    }
  }

  /** Jib's own log is detail (retries, failovers): debug events. */
  private Consumer<LogEvent> jibLog() {
    return log -> events.handle(Event.debug("jib: " + log.getMessage()));
  }

  /** Closes every connection this source opened, aborting layer downloads still running. */
  @Override
  public void close() {
    List<Session> all;
    synchronized (open) {
      all = List.copyOf(open);
      open.clear();
    }
    all.forEach(Session::close);
    synchronized (this) {
      session = null;
      layerInFlight = null;
    }
  }
}
