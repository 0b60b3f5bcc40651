package io.github.jenkinsdind.core.internal.imagebuild;

import io.github.jenkinsdind.core.internal.base.BaseManifest;
import io.github.jenkinsdind.core.internal.jib.RegistryManifest;
import java.util.List;

/** The base's layers as the blobs {@code internal.jib} knows, and back. */
final class BaseLayerBlobs {
  private BaseLayerBlobs() {}

  /**
   * Returns the blobs of the base's layers.
   *
   * @param layers the base's layers, bottom-up
   * @return their blobs, in the same order
   */
  static List<RegistryManifest.Blob> of(List<BaseManifest.Layer> layers) {
    return layers.stream().map(l -> new RegistryManifest.Blob(l.digest(), l.size())).toList();
  }

  /**
   * Returns the base's layers from their blobs; the media type is not known (compression is then
   * sniffed).
   *
   * @param blobs the blobs, bottom-up
   * @return the layers, in the same order
   */
  static List<BaseManifest.Layer> layers(List<RegistryManifest.Blob> blobs) {
    return blobs.stream().map(b -> new BaseManifest.Layer(b.digest(), b.size(), null)).toList();
  }
}
