package io.github.jenkinsdind.core.internal.jib;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import com.google.cloud.tools.jib.cache.Cache;
import com.google.cloud.tools.jib.cache.CacheCorruptedException;
import com.google.cloud.tools.jib.image.ReproducibleLayerBuilder;
import com.google.common.collect.ImmutableList;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Puts a layer into Jib's application-layer cache before Jib runs, exactly as Jib's own step would
 * ({@code BuildAndCacheApplicationLayerStep}: the reproducible tar of the layer's entries,
 * gzip-compressed, filed under the selector of those entries). Jib then finds it there and does not
 * build it again: the build can compress the 40-odd MB of the docker CLI while it reads the base,
 * instead of after. Uses jib-core internals ({@code Cache}, {@code ReproducibleLayerBuilder});
 * pinned by the jib-core version and by a test that compares the image with one Jib built alone.
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
      Cache cache = Cache.withDirectory(applicationLayersCache);
      if (cache.retrieve(entries).isPresent()) {
        return false;
      }
      cache.writeUncompressedLayer(new ReproducibleLayerBuilder(entries).build(), entries);
      return true;
    } catch (CacheCorruptedException e) {
      // Jib meets the same entry next and says what to do about it
      return false;
    } catch (IOException | CacheDirectoryCreationException e) {
      throw cacheFailure(layer.getName(), applicationLayersCache, e);
    }
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
