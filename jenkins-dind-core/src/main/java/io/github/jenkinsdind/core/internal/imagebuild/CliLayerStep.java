package io.github.jenkinsdind.core.internal.imagebuild;

import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.internal.cli.DockerCliResolver;
import io.github.jenkinsdind.core.internal.cli.ResolvedCli;
import io.github.jenkinsdind.core.internal.files.CacheLayout;
import io.github.jenkinsdind.core.internal.jib.LayerCache;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The step that resolves the docker CLI and builds its layer into Jib's application-layer cache, so
 * that Jib finds it there. It does not depend on the base, so the build runs it on a thread of its
 * own while the base is read; the compression is skipped when reading the base has failed
 * meanwhile. Only the cache is written, never the image.
 */
final class CliLayerStep {

  /** Resolves the docker CLI: {@link DockerCliResolver#resolve}. */
  @FunctionalInterface
  interface Resolver {
    /**
     * Resolves the CLI for a platform.
     *
     * @param platform the platform
     * @return the CLI
     * @throws JenkinsDindException if it cannot be resolved
     */
    ResolvedCli resolve(ImagePlatform platform) throws JenkinsDindException;
  }

  /** Builds a layer into a Jib cache unless it has it: {@link LayerCache#prebuild}. */
  @FunctionalInterface
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
            new DockerCliResolver(layout.root(), request.offline(), events)
                .resolve(request.dockerCli(), platform),
        LayerCache::prebuild,
        layout.jibApplicationLayers(),
        events);
  }

  /**
   * Resolves the CLI and, unless the base has failed meanwhile, compresses its layer into the
   * cache.
   *
   * @param platform the platform
   * @param baseFailed tells whether reading the base has failed
   * @return the CLI
   * @throws JenkinsDindException if the CLI cannot be resolved or the cache cannot be written
   */
  ResolvedCli prepare(ImagePlatform platform, BooleanSupplier baseFailed)
      throws JenkinsDindException {
    ResolvedCli cli = resolver.resolve(platform);
    if (!baseFailed.getAsBoolean()) {
      long start = System.nanoTime();
      if (prebuild.prebuild(LayerPlan.dockerCliLayer(cli.binary()), applicationLayersCache)) {
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
}
