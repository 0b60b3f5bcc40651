package io.github.jenkinsdind.core.internal.imagebuild;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.DockerDaemonImage;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.Platform;
import com.google.cloud.tools.jib.event.events.ProgressEvent;
import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.BuildResult;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.ImageTarget;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.accounts.AccountEdit;
import io.github.jenkinsdind.core.internal.accounts.AccountEditor;
import io.github.jenkinsdind.core.internal.accounts.AccountFiles;
import io.github.jenkinsdind.core.internal.base.BaseFiles;
import io.github.jenkinsdind.core.internal.base.BaseFilesView;
import io.github.jenkinsdind.core.internal.base.BaseImageReader;
import io.github.jenkinsdind.core.internal.base.BaseManifest;
import io.github.jenkinsdind.core.internal.base.BaseReference;
import io.github.jenkinsdind.core.internal.base.RegistryLayerMount;
import io.github.jenkinsdind.core.internal.cli.DockerCliResolver;
import io.github.jenkinsdind.core.internal.cli.ResolvedCli;
import io.github.jenkinsdind.core.internal.daemon.Engine;
import io.github.jenkinsdind.core.internal.jib.JibDockerClient;
import io.github.jenkinsdind.core.internal.jib.JibProgress;
import io.github.jenkinsdind.core.internal.jib.LayerCache;
import io.github.jenkinsdind.core.internal.jib.StandInLayers;
import io.github.jenkinsdind.core.internal.registry.RegistryCredentials;
import io.github.jenkinsdind.core.internal.registry.RegistryErrors;
import io.github.jenkinsdind.core.internal.registry.RegistryPreflight;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One image build, in an order that writes nothing until everything that can fail on bad input has
 * been checked: the request, the target, the docker CLI, the base's account files and their edit.
 * Only then does Jib assemble and write the image; a tar target is written next to its final name
 * and moved into place at the end.
 *
 * <p>The docker CLI does not depend on the base: it is resolved, and its layer compressed into
 * Jib's cache, on a thread of its own while the base is read (on a cold build, the two big costs
 * after the JVM's start). Only the cache is written there, never the image.
 */
public final class ImageBuild {
  /** The account files read from the base. */
  static final Set<String> ACCOUNT_PATHS =
      Set.of(AccountFiles.PASSWD, AccountFiles.GROUP, AccountFiles.GSHADOW, AccountFiles.SHADOW);

  private final BuildRequest request;
  private final EventHandler events;
  private List<BaseManifest.Layer> baseLayers = List.of();

  /**
   * Prepares a build.
   *
   * @param request what to build
   * @param events where progress and messages go
   */
  public ImageBuild(BuildRequest request, EventHandler events) {
    this.request = request;
    this.events = events;
  }

  /**
   * Runs the build.
   *
   * @return what was built
   * @throws JenkinsDindException if it failed; no image was written then
   */
  public BuildResult run() throws JenkinsDindException {
    long start = System.nanoTime();
    BaseReference base = BaseReference.parse(request.from());
    ImageReference target = parseReference(request.target().image(), Setting.IMAGE);
    TargetCheck.tags(request.target());
    TargetCheck.offline(request);
    AccountEditor.validate(request.accounts());
    RegistryCredentials credentials = new RegistryCredentials(request.credentials(), events);
    if (request.target() instanceof ImageTarget.Registry) {
      RegistryPreflight.defaults()
          .check(target.toString(), Setting.IMAGE, request.allowInsecureRegistries());
    }
    boolean needsDaemon =
        request.target() instanceof ImageTarget.DockerDaemon
            || base.kind() == BaseReference.Kind.DAEMON;
    try (Engine engine = needsDaemon ? Engine.connect(null) : null) {
      return build(start, base, target, credentials, engine);
    }
  }

  private BuildResult build(
      long start,
      BaseReference base,
      ImageReference target,
      RegistryCredentials credentials,
      Engine engine)
      throws JenkinsDindException {
    boolean registryBaseIntoDaemon =
        request.target() instanceof ImageTarget.DockerDaemon
            && base.kind() == BaseReference.Kind.REGISTRY;
    try (DaemonBasePull daemonPull =
        registryBaseIntoDaemon && request.daemonPullsBase()
            ? new DaemonBasePull(
                engine, base.imageReference(), request.offline(), credentials, events)
            : null) {
      if (daemonPull != null) {
        daemonPull.startEarly();
      }
      BaseFiles baseFiles;
      ResolvedCli cli;
      // the docker CLI (resolved, and its layer compressed into Jib's cache) does not depend on
      // the base: on a thread of its own, it takes the second core while the base is read
      AtomicBoolean baseFailed = new AtomicBoolean();
      try (Background<ResolvedCli> cliLayer =
          Background.start("docker CLI layer", () -> prepareCli(baseFailed))) {
        try {
          baseFiles =
              daemonPull == null
                  ? readBase(base, credentials, manifest -> {}, BaseFilesView.NONE)
                  : readBase(base, credentials, daemonPull::start, daemonPull);
        } catch (JenkinsDindException | RuntimeException e) {
          baseFailed.set(true);
          throw e;
        }
        // needs only the base's layer list: done while the CLI layer may still be compressed
        mountBaseLayers(base, target, credentials);
        cli = cliLayer.join();
      }
      if (registryBaseIntoDaemon && request.offline()) {
        // offline, the registry was not asked for the layer list: Jib's cached metadata has it
        baseLayers =
            StandInLayers.layersInJibMetadata(
                    jibCache().resolve("base"),
                    base.imageReference().withQualifier(baseFiles.baseDigest()))
                .orElse(List.of());
      }
      DaemonLayers daemonLayers = new DaemonLayers(request.cacheDirectory());
      JibDockerClient daemon =
          engine == null
              ? null
              : new JibDockerClient(
                  engine,
                  registryBaseIntoDaemon
                      ? daemonLayers.held(engine, baseFiles.baseDigest(), baseLayers)
                      : Set.of(),
                  events);
      AccountEdit edit =
          AccountEditor.apply(
              AccountFiles.of(baseFiles.files(), request.from()), request.accounts());
      edit.warnings().forEach(warning -> events.handle(Event.warn(warning)));
      LayerPlan layers = LayerPlan.of(request.cacheDirectory(), cli.binary(), edit.files().files());

      JibContainerBuilder builder =
          BaseSources.jibBase(base, baseFiles.baseDigest(), credentials, daemon)
              .setPlatforms(
                  Set.of(new Platform(request.platform().architecture(), request.platform().os())));
      layers.addTo(builder);
      ImageLabels.of(request, baseFiles.baseDigest(), cli.version()).forEach(builder::addLabel);

      Optional<List<String>> pulled = daemonPull == null ? Optional.empty() : daemonPull.await();
      Path tarTemp = TargetCheck.prepareTarFile(request.target());
      try {
        JibContainer container =
            pulled.isPresent()
                ? containerizeOnPulledBase(builder, target, credentials, engine, base, pulled.get())
                : null;
        if (container == null) {
          container =
              containerize(
                  builder,
                  containerizer(target, tarTemp, credentials, daemon, jibCache().resolve("base")),
                  base);
        }
        if (tarTemp != null) {
          moveIntoPlace(tarTemp, ((ImageTarget.TarFile) request.target()).file());
        }
        if (registryBaseIntoDaemon) {
          daemonLayers.remember(engine, baseFiles.baseDigest(), container.getImageId().toString());
        }
        return result(container, baseFiles, cli, start);
      } finally {
        if (tarTemp != null) {
          deleteQuietly(tarTemp);
        }
      }
    }
  }

  /**
   * Builds into a daemon that has pulled the base itself: Jib is given stand-ins for the base's
   * layers, so that it downloads none of them, and the tar it loads leaves them all out.
   *
   * @return the image, or {@code null} if this way is unavailable or the daemon refused the tar
   *     (the caller then builds the usual way)
   */
  private JibContainer containerizeOnPulledBase(
      JibContainerBuilder builder,
      ImageReference target,
      RegistryCredentials credentials,
      Engine engine,
      BaseReference base,
      List<String> diffIds) {
    Optional<StandInLayers> standIns;
    try {
      standIns =
          StandInLayers.write(
              request.cacheDirectory().resolve("tmp"),
              baseLayers,
              diffIds,
              jibCache().resolve("base"));
    } catch (IOException e) {
      events.handle(Event.debug("Could not write the stand-in base layers: " + e.getMessage()));
      return null;
    }
    if (standIns.isEmpty()) {
      events.handle(
          Event.debug(
              "The daemon's layers of the base do not match its manifest; building the usual way"));
      return null;
    }
    try (StandInLayers layers = standIns.get()) {
      JibDockerClient loader =
          new JibDockerClient(engine, DaemonLayers.hexDigests(baseLayers), false, events);
      return containerize(
          builder, containerizer(target, null, credentials, loader, layers.directory()), base);
    } catch (JenkinsDindException e) {
      events.handle(
          Event.info(
              "Loading the image without the base's layers failed ("
                  + e.getMessage()
                  + "); building it again with them"));
      return null;
    }
  }

  /**
   * Resolves the docker CLI and builds its layer into Jib's application-layer cache, so that Jib
   * finds it there; the compression is skipped when the base has failed meanwhile.
   */
  private ResolvedCli prepareCli(AtomicBoolean baseFailed) throws JenkinsDindException {
    ResolvedCli cli =
        new DockerCliResolver(request.cacheDirectory(), request.offline(), events)
            .resolve(request.dockerCli(), request.platform());
    if (!baseFailed.get()) {
      long start = System.nanoTime();
      if (LayerCache.prebuild(LayerPlan.dockerCliLayer(cli.binary()), applicationLayersCache())) {
        events.handle(
            Event.debug(
                String.format(
                    Locale.ROOT,
                    "compressed the docker-cli layer into Jib's cache in %.2f s",
                    (System.nanoTime() - start) / 1e9)));
      }
    }
    return cli;
  }

  private Path jibCache() {
    return request.cacheDirectory().resolve("jib");
  }

  private Path applicationLayersCache() {
    return jibCache().resolve("application");
  }

  private BaseFiles readBase(
      BaseReference base,
      RegistryCredentials credentials,
      Consumer<BaseManifest> onResolved,
      BaseFilesView view)
      throws JenkinsDindException {
    BaseImageReader reader =
        new BaseImageReader(request.cacheDirectory(), request.offline(), events);
    try (BaseSources.Remembering source =
        BaseSources.open(base, request, credentials, reader.cache(), events, onResolved)) {
      BaseFiles files = reader.read(source, request.platform(), ACCOUNT_PATHS, view);
      baseLayers = source.resolved().layers();
      return files;
    } catch (IOException e) {
      throw new EnvironmentException(
          "Could not read the base image " + request.from() + ": " + e.getMessage(),
          Setting.FROM,
          request.from(),
          (String) null,
          e);
    }
  }

  /**
   * On a registry target on the base's registry, mounts the base layers into the target repository
   * so that Jib finds them there and downloads none of them.
   */
  private void mountBaseLayers(
      BaseReference base, ImageReference target, RegistryCredentials credentials) {
    if (base.kind() == BaseReference.Kind.REGISTRY
        && request.target() instanceof ImageTarget.Registry
        && !request.offline()) {
      RegistryLayerMount.mount(
          base.imageReference(),
          target,
          baseLayers,
          request.allowInsecureRegistries(),
          credentials,
          events);
    }
  }

  private Containerizer containerizer(
      ImageReference target,
      Path tarTemp,
      RegistryCredentials credentials,
      JibDockerClient daemon,
      Path baseLayersCache) {
    Containerizer containerizer;
    if (request.target() instanceof ImageTarget.Registry) {
      containerizer =
          Containerizer.to(
              RegistryImage.named(target).addCredentialRetriever(credentials.retrieverFor(target)));
    } else if (request.target() instanceof ImageTarget.DockerDaemon) {
      containerizer = Containerizer.to(daemon, DockerDaemonImage.named(target));
    } else {
      containerizer = Containerizer.to(TarImage.at(tarTemp).named(target));
    }
    request.target().additionalTags().forEach(containerizer::withAdditionalTag);
    JibProgress progress = new JibProgress(events);
    return containerizer
        .setAllowInsecureRegistries(request.allowInsecureRegistries())
        .setOfflineMode(request.offline())
        .setBaseImageLayersCache(baseLayersCache)
        .setApplicationLayersCache(applicationLayersCache())
        .setToolName("jenkins-dind")
        .addEventHandler(LogEvent.class, this::jibLog)
        .addEventHandler(ProgressEvent.class, progress::accept);
  }

  private JibContainer containerize(
      JibContainerBuilder builder, Containerizer containerizer, BaseReference base)
      throws JenkinsDindException {
    try {
      return builder.containerize(containerizer);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EnvironmentException("The build was interrupted", e);
    } catch (CacheDirectoryCreationException e) {
      throw new EnvironmentException(
          "Could not create the cache directory under " + request.cacheDirectory(),
          Setting.CACHE_DIRECTORY,
          request.cacheDirectory().toString(),
          "perhaps you should point cacheDirectory at a writable directory",
          e);
    } catch (ExecutionException | IOException | RegistryException | RuntimeException e) {
      throw translate(e, base);
    }
  }

  /** Blames the base when the failing registry is the base's and not the target's. */
  private JenkinsDindException translate(Exception e, BaseReference base) {
    String targetRegistry = RegistryErrors.registryOf(request.target().image());
    boolean baseFailed =
        base.kind() == BaseReference.Kind.REGISTRY
            && RegistryErrors.failingRegistry(e)
                .filter(failing -> !failing.equals(targetRegistry))
                .isPresent();
    return baseFailed
        ? RegistryErrors.translate(e, Setting.FROM, base.reference())
        : RegistryErrors.translate(e, Setting.IMAGE, request.target().image());
  }

  private BuildResult result(
      JibContainer container, BaseFiles baseFiles, ResolvedCli cli, long start) {
    Set<String> tags = new LinkedHashSet<>(container.getTags());
    BuildResult result =
        new BuildResult(
            request.target().image(),
            container.getDigest().toString(),
            container.getImageId().toString(),
            tags,
            request.from(),
            baseFiles.baseDigest(),
            cli.version(),
            cli.binarySha256(),
            request.accounts().gid(),
            Duration.ofNanos(System.nanoTime() - start));
    events.handle(
        Event.info(
            String.format(
                Locale.ROOT,
                "Built %s@%s in %.2f s",
                result.image(),
                result.digest(),
                result.duration().toMillis() / 1000.0)));
    return result;
  }

  private void jibLog(LogEvent event) {
    if (request.allowInsecureRegistries() && isInsecureFailover(event.getMessage())) {
      // the user allowed it: Jib's "cannot verify server ..., attempting again" is expected here
      events.handle(Event.debug(event.getMessage()));
      return;
    }
    switch (event.getLevel()) {
      case ERROR, WARN -> events.handle(Event.warn(event.getMessage()));
      case LIFECYCLE -> events.handle(Event.info(event.getMessage()));
      default -> events.handle(Event.debug(event.getMessage()));
    }
  }

  private static boolean isInsecureFailover(String message) {
    return message.startsWith("Cannot verify server at ")
        || message.startsWith("Failed to connect to ")
            && message.contains("over HTTPS. Attempting again with HTTP");
  }

  private static void moveIntoPlace(Path temp, Path file) throws EnvironmentException {
    try {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new EnvironmentException(
          "Could not write " + file + ": " + e.getMessage(),
          Setting.TAR_FILE,
          file.toString(),
          "perhaps you should point tarFile at a writable location",
          e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a leftover .part file next to the tar is harmless and named as such
    }
  }

  /**
   * Parses an image reference, naming the setting it came from when it is invalid.
   *
   * @param value the reference
   * @param parameter the setting
   * @return the parsed reference
   * @throws ConfigurationException if it is invalid
   */
  static ImageReference parseReference(String value, Setting parameter)
      throws ConfigurationException {
    try {
      return ImageReference.parse(value);
    } catch (InvalidImageReferenceException e) {
      throw new ConfigurationException(
          "'" + value + "' is not a valid image reference",
          parameter,
          value,
          "perhaps you should write it as [registry/]repository[:tag], for example"
              + " registry.example.com/ci/jenkins:1.0",
          e);
    }
  }
}
