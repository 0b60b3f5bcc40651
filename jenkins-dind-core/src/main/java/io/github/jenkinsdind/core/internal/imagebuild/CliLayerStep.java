package io.github.jenkinsdind.core.internal.imagebuild;

import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.internal.cli.BinaryKind;
import io.github.jenkinsdind.core.internal.cli.BinaryResolver;
import io.github.jenkinsdind.core.internal.cli.BinarySource;
import io.github.jenkinsdind.core.internal.cli.ResolvedBinary;
import io.github.jenkinsdind.core.internal.cli.Toolchain;
import io.github.jenkinsdind.core.internal.files.CacheLayout;
import io.github.jenkinsdind.core.internal.jib.LayerCache;
import io.github.jenkinsdind.core.internal.jib.LinkLayers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The step that resolves the docker CLI and its plugins and builds their layers into Jib's
 * application-layer cache, so that Jib finds them there (the compose link's layer too, which Jib
 * could not build itself). It does not depend on the base, so the build runs it on a thread of its
 * own while the base is read; the compression is skipped when reading the base has failed
 * meanwhile. Only the cache is written, never the image.
 */
final class CliLayerStep {

  /** Resolves the docker CLI and its plugins: {@link BinaryResolver#resolve}. */
  @FunctionalInterface
  interface Resolver {
    /**
     * Resolves the binaries for a platform.
     *
     * @param platform the platform
     * @return the CLI and its plugins
     * @throws JenkinsDindException if one cannot be resolved
     */
    Toolchain resolve(ImagePlatform platform) throws JenkinsDindException;
  }

  /**
   * Builds the layers into a Jib cache unless it has them: {@link LayerCache#prebuild} and {@link
   * LinkLayers#prebuild}.
   */
  interface Prebuild {
    /**
     * Builds the layer into the cache.
     *
     * @param layer the layer
     * @param applicationLayersCache Jib's application-layer cache
     * @return whether it was built now
     * @throws EnvironmentException if the cache cannot be written
     */
    boolean prebuild(FileEntriesLayer layer, Path applicationLayersCache)
        throws EnvironmentException;

    /**
     * Builds the compose link's layer into the cache.
     *
     * @param applicationLayersCache Jib's application-layer cache
     * @return whether it was built now
     * @throws EnvironmentException if the cache cannot be written
     */
    boolean prebuildComposeLink(Path applicationLayersCache) throws EnvironmentException;
  }

  private final Resolver resolver;
  private final Prebuild prebuild;
  private final Path applicationLayersCache;
  private final EventHandler events;

  /**
   * Makes the step from its parts.
   *
   * @param resolver resolves the CLI
   * @param prebuild builds its layer into the cache
   * @param applicationLayersCache Jib's application-layer cache
   * @param events where messages go
   */
  CliLayerStep(
      Resolver resolver, Prebuild prebuild, Path applicationLayersCache, EventHandler events) {
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    this.prebuild = Objects.requireNonNull(prebuild, "prebuild");
    this.applicationLayersCache = Objects.requireNonNull(applicationLayersCache, "cache");
    this.events = Objects.requireNonNull(events, "events");
  }

  /**
   * The step as a build runs it: the request's CLI, resolved into the cache, and jib-core's cache.
   *
   * @param request the request
   * @param layout the cache directory's layout
   * @param events where messages go
   * @return the step
   */
  static CliLayerStep of(BuildRequest request, CacheLayout layout, EventHandler events) {
    return new CliLayerStep(
        platform ->
            resolve(request, new BinaryResolver(layout, request.offline(), events), platform),
        new Prebuild() {
          @Override
          public boolean prebuild(FileEntriesLayer layer, Path cache) throws EnvironmentException {
            return LayerCache.prebuild(layer, cache);
          }

          @Override
          public boolean prebuildComposeLink(Path cache) throws EnvironmentException {
            return LinkLayers.prebuild(
                LayerPlan.composeLinkLayer(layout), LayerPlan.COMPOSE_LINK_TARGET, cache);
          }
        },
        layout.jibApplicationLayers(),
        events);
  }

  private static Toolchain resolve(
      BuildRequest request, BinaryResolver resolver, ImagePlatform platform)
      throws JenkinsDindException {
    List<BinarySource> sources = forPlatform(request, platform);
    ResolvedBinary cli = resolver.resolve(sources.get(0), platform);
    List<ResolvedBinary> plugins = new ArrayList<>();
    for (BinarySource plugin : sources.subList(1, sources.size())) {
      plugins.add(resolver.resolve(plugin, platform));
    }
    return new Toolchain(cli, plugins);
  }

  /**
   * The sources of the docker CLI and its plugins for one platform: each with the pin and the local
   * file of the platform's architecture when the settings give one per architecture ({@link
   * ArchitectureBinaries#forPlatform}), as they are otherwise.
   *
   * @param request the request
   * @param platform the platform
   * @return the CLI's source, then its plugins'
   * @throws ConfigurationException if a per-architecture pin is malformed
   */
  static List<BinarySource> forPlatform(BuildRequest request, ImagePlatform platform)
      throws ConfigurationException {
    List<BinarySource> sources = new ArrayList<>();
    for (ArchitectureBinaries binary : ArchitectureBinaries.of(request)) {
      sources.add(binary.forPlatform(platform));
    }
    return sources;
  }

  /**
   * Resolves the CLI and its plugins and, unless the base has failed meanwhile, compresses their
   * layers into the cache.
   *
   * @param platform the platform
   * @param baseFailed tells whether reading the base has failed
   * @return the CLI and its plugins
   * @throws JenkinsDindException if a binary cannot be resolved or the cache cannot be written
   */
  Toolchain prepare(ImagePlatform platform, BooleanSupplier baseFailed)
      throws JenkinsDindException {
    Toolchain toolchain = resolver.resolve(platform);
    for (ResolvedBinary binary : toolchain.all()) {
      if (baseFailed.getAsBoolean()) {
        return toolchain;
      }
      long start = System.nanoTime();
      if (prebuild.prebuild(LayerPlan.binaryLayer(binary), applicationLayersCache)) {
        events.handle(
            Event.debug(
                String.format(
                    Locale.ROOT,
                    "compressed the %s layer into Jib's cache in %.2f s",
                    binary.kind().layerName(),
                    (System.nanoTime() - start) / 1e9)));
      }
    }
    if (toolchain.plugin(BinaryKind.COMPOSE).isPresent()) {
      prebuild.prebuildComposeLink(applicationLayersCache);
    }
    return toolchain;
  }
}
