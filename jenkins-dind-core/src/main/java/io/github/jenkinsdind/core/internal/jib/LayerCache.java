package io.github.jenkinsdind.core.internal.jib;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import com.google.cloud.tools.jib.cache.CacheCorruptedException;
import com.google.common.collect.ImmutableList;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Puts a layer into Jib's application-layer cache before Jib runs, as Jib's own step would ({@code
 * BuildAndCacheApplicationLayerStep}: the reproducible tar of the layer's entries, filed under the
 * selector of those entries), but compressed faster, as a multi-member gzip stream at level 1 on
 * every processor ({@link MemberLayers}) instead of Jib's one stream at level 6. Jib then finds it
 * there and does not build it again: the build can compress the docker CLI and its plugins (40 to
 * 70 MB each) while it reads the base, instead of after. The tar, and so the diff ID and the image
 * ID, are exactly Jib's; the compressed digest is not. Uses jib-core internals; pinned by the
 * jib-core version and by tests that compare the image with one Jib built alone.
 */
public final class LayerCache {
  private LayerCache() {}

  /**
   * Builds and caches a layer unless the cache has it.
   *
   * @param layer the layer, as it will be given to Jib
   * @param applicationLayersCache Jib's application-layer cache directory
   * @return whether it was built now (false: the cache had it, or holds a damaged entry that Jib
   *     reports itself)
   * @throws EnvironmentException if the cache cannot be written
   */
  public static boolean prebuild(FileEntriesLayer layer, Path applicationLayersCache)
      throws EnvironmentException {
    ImmutableList<FileEntry> entries = ImmutableList.copyOf(layer.getEntries());
    try {
      if (MemberLayers.cached(entries, applicationLayersCache)) {
        return false;
      }
      MemberLayers.write(entries, applicationLayersCache, threads());
      return true;
    } catch (CacheCorruptedException e) {
      // Jib meets the same entry next and says what to do about it
      return false;
    } catch (IOException | CacheDirectoryCreationException e) {
      throw cacheFailure(layer.getName(), applicationLayersCache, e);
    }
  }

  /**
   * How many threads compress a layer: one per processor, at normal priority. On a machine where a
   * daemon unpacks at the same time, the scheduler shares the cores between them; the layer's CPU
   * time, not its threads, is what the level keeps small.
   *
   * @return the thread count
   */
  static int threads() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Says that a layer could not be written into Jib's application-layer cache.
   *
   * @param layerName the layer's name
   * @param applicationLayersCache the cache directory
   * @param cause what failed
   * @return the exception, naming {@link Setting#CACHE_DIRECTORY}
   */
  static EnvironmentException cacheFailure(
      String layerName, Path applicationLayersCache, Exception cause) {
    return new EnvironmentException(
        "Could not write the "
            + layerName
            + " layer into "
            + applicationLayersCache
            + ": "
            + cause.getMessage(),
        Setting.CACHE_DIRECTORY,
        applicationLayersCache.toString(),
        Suggestion.perhaps()
            .text("check the free space and permissions of the cache directory, or point ")
            .setting(Setting.CACHE_DIRECTORY)
            .text(" at a writable directory")
            .build(),
        cause);
  }
}
