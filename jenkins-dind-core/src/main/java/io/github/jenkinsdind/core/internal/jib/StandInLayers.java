package io.github.jenkinsdind.core.internal.jib;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.cache.Cache;
import com.google.cloud.tools.jib.cache.CacheCorruptedException;
import com.google.cloud.tools.jib.cache.CachedLayer;
import com.google.cloud.tools.jib.image.json.BuildableManifestTemplate;
import com.google.cloud.tools.jib.image.json.ImageMetadataTemplate;
import com.google.cloud.tools.jib.image.json.ManifestTemplate;
import io.github.jenkinsdind.core.internal.files.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A throwaway base-layer cache for Jib in which the base's layers are empty stand-ins, for a {@code
 * docker} target whose daemon has pulled the base itself.
 *
 * <p>Jib writes every base layer into the tar that {@code docker load} reads, so it downloads every
 * one first, unless its cache has it. When the daemon already holds the base's layers, the tar
 * leaves them out ({@link io.github.jenkinsdind.core.internal.jib.JibDockerClient}: the daemon does
 * not read a layer whose chain it has), so their content is never used: a stand-in under the
 * layer's digest and diff ID is enough for Jib to build the same image, with the same ID, without
 * downloading the base. The stand-ins live in a directory of their own, used by one build and
 * deleted after it; Jib's real cache never sees them. The base's manifest and configuration, which
 * Jib fetches and keeps, go to the real cache through a link, so that a later offline build finds
 * them.
 *
 * <p>The directory follows the layout of jib-core's cache ({@code layers/<digest>/<diff ID>}); each
 * stand-in is read back through jib-core's own {@code Cache} before it is used, so a different
 * layout makes this path unavailable rather than wrong.
 */
public final class StandInLayers implements AutoCloseable {
  /** Where jib-core keeps the manifests and configurations of base images in its cache. */
  private static final String IMAGES = "images";

  private final Path directory;

  private StandInLayers(Path directory) {
    this.directory = directory;
  }

  /**
   * Writes the stand-ins of a base's layers.
   *
   * @param parent where to make the directory (it is created if missing)
   * @param layers the base's layers, bottom-up, as its manifest lists them
   * @param diffIds the diff IDs of the same layers, bottom-up, as the daemon holds them
   * @param baseLayersCache Jib's real base-layer cache: its image metadata (manifests and
   *     configurations, which an offline build needs) is shared through a symbolic link, its layers
   *     are not
   * @return the stand-ins, or empty if the two lists do not match or Jib does not read them back
   * @throws IOException if the directory or the link cannot be made
   */
  public static Optional<StandInLayers> write(
      Path parent, List<RegistryManifest.Blob> layers, List<String> diffIds, Path baseLayersCache)
      throws IOException {
    if (layers.isEmpty() || layers.size() != diffIds.size()) {
      return Optional.empty();
    }
    Files.createDirectories(parent);
    Path metadata = baseLayersCache.resolve(IMAGES);
    Files.createDirectories(metadata);
    StandInLayers standIns = new StandInLayers(Files.createTempDirectory(parent, "stand-ins-"));
    try {
      Files.createSymbolicLink(standIns.directory.resolve(IMAGES), metadata.toAbsolutePath());
      Path layersDirectory = standIns.directory.resolve("layers");
      for (int i = 0; i < layers.size(); i++) {
        Path layerDirectory = layersDirectory.resolve(hex(layers.get(i).digest()));
        Files.createDirectories(layerDirectory);
        Path standIn = layerDirectory.resolve(hex(diffIds.get(i)));
        if (!Files.exists(standIn)) { // a base may list the same layer twice (an empty layer)
          Files.createFile(standIn);
        }
      }
      if (!standIns.readBack(layers, diffIds)) {
        standIns.close();
        return Optional.empty();
      }
      return Optional.of(standIns);
    } catch (IOException | RuntimeException e) {
      standIns.close();
      throw e;
    }
  }

  /**
   * Reads a base's layers from the image metadata in Jib's base-layer cache: an offline build does
   * not know them otherwise (the registry is not asked).
   *
   * @param baseLayersCache Jib's real base-layer cache
   * @param base the base, pinned to its digest as the build gives it to Jib
   * @return its layers, bottom-up, or empty if the cache has no single manifest for it
   */
  public static Optional<List<RegistryManifest.Blob>> layersInJibMetadata(
      Path baseLayersCache, ImageReference base) {
    try {
      Optional<ImageMetadataTemplate> metadata =
          Cache.withDirectory(baseLayersCache).retrieveMetadata(base);
      if (metadata.isEmpty() || metadata.get().getManifestsAndConfigs().size() != 1) {
        return Optional.empty();
      }
      ManifestTemplate manifest = metadata.get().getManifestsAndConfigs().get(0).getManifest();
      if (!(manifest instanceof BuildableManifestTemplate buildable)) {
        return Optional.empty();
      }
      List<RegistryManifest.Blob> layers = new ArrayList<>();
      for (BuildableManifestTemplate.ContentDescriptorTemplate layer : buildable.getLayers()) {
        layers.add(new RegistryManifest.Blob(layer.getDigest().toString(), layer.getSize()));
      }
      return Optional.of(List.copyOf(layers));
    } catch (IOException
        | CacheCorruptedException
        | CacheDirectoryCreationException
        | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The directory to give Jib as its base-layer cache.
   *
   * @return the directory
   */
  public Path directory() {
    return directory;
  }

  private boolean readBack(List<RegistryManifest.Blob> layers, List<String> diffIds) {
    try {
      Cache cache = Cache.withDirectory(directory);
      for (int i = 0; i < layers.size(); i++) {
        Optional<CachedLayer> layer =
            cache.retrieve(DescriptorDigest.fromDigest(layers.get(i).digest()));
        if (layer.isEmpty() || !layer.get().getDiffId().toString().equals(diffIds.get(i))) {
          return false;
        }
      }
      return true;
    } catch (IOException
        | CacheCorruptedException
        | CacheDirectoryCreationException
        | DigestException
        | RuntimeException e) {
      return false;
    }
  }

  private static String hex(String digest) {
    return digest.substring(digest.indexOf(':') + 1);
  }

  /** Deletes the directory; what cannot be deleted is left (it is never read again). */
  @Override
  public void close() {
    if (!Files.exists(directory)) {
      return;
    }
    try {
      Files.deleteIfExists(directory.resolve(IMAGES)); // the link only, never what it points to
    } catch (IOException ignored) {
      // then the deletion below, which does not follow links, leaves it too
    }
    FileTrees.deleteQuietly(directory);
  }
}
