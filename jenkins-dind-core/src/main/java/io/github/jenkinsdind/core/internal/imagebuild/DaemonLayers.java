package io.github.jenkinsdind.core.internal.imagebuild;

import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.internal.base.BaseManifest;
import io.github.jenkinsdind.core.internal.daemon.Engine;
import io.github.jenkinsdind.core.internal.files.CacheLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which base layers a Docker daemon holds: after an image of a registry base has been loaded, its
 * ID is remembered per daemon and base digest; while the daemon still has that image, it has every
 * layer of the base, in the base's order, so a rebuild need not send them again.
 */
final class DaemonLayers {
  private final Path directory;

  /**
   * Uses a directory of the cache.
   *
   * @param layout the cache directory's layout: its {@code daemon-images}
   */
  DaemonLayers(CacheLayout layout) {
    this.directory = layout.daemonImages();
  }

  /**
   * Returns the base layers the daemon holds.
   *
   * @param engine the daemon
   * @param baseDigest the base's digest
   * @param layers the base's layers, bottom-up
   * @return their hex digests, or none if no image of this base is known to be in the daemon
   * @throws EnvironmentException if the daemon fails to answer
   */
  Set<String> held(Engine engine, String baseDigest, List<BaseManifest.Layer> layers)
      throws EnvironmentException {
    Path record = record(engine, baseDigest);
    String imageId;
    try {
      imageId = Files.readString(record, StandardCharsets.US_ASCII).trim();
    } catch (IOException e) {
      return Set.of();
    }
    if (imageId.isEmpty() || engine.image(imageId).isEmpty()) {
      return Set.of();
    }
    return hexDigests(layers);
  }

  /**
   * Returns the layers' digests without their algorithm, as Jib names them in a tar.
   *
   * @param layers the layers, bottom-up
   * @return the hex digests, in order
   */
  static Set<String> hexDigests(List<BaseManifest.Layer> layers) {
    Set<String> hex = new LinkedHashSet<>();
    for (BaseManifest.Layer layer : layers) {
      hex.add(layer.digest().substring(layer.digest().indexOf(':') + 1));
    }
    return hex;
  }

  /**
   * Remembers that an image of the base is in the daemon. A failure to write is harmless: the next
   * build then sends the whole image.
   *
   * @param engine the daemon
   * @param baseDigest the base's digest
   * @param imageId the ID of the image loaded
   */
  void remember(Engine engine, String baseDigest, String imageId) {
    try {
      Files.createDirectories(directory);
      Path temporary = Files.createTempFile(directory, ".record", ".part");
      Files.writeString(temporary, imageId, StandardCharsets.US_ASCII);
      Files.move(
          temporary,
          record(engine, baseDigest),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      // not remembered: the next build loads the whole image
    }
  }

  private Path record(Engine engine, String baseDigest) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((engine.dockerHost() + "\n" + baseDigest).getBytes(StandardCharsets.UTF_8));
      return directory.resolve(HexFormat.of().formatHex(sha.digest()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
