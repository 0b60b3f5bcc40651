package io.github.jenkinsdind.core.internal.jib;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import com.google.cloud.tools.jib.cache.Cache;
import com.google.cloud.tools.jib.cache.CacheCorruptedException;
import com.google.cloud.tools.jib.cache.CachedLayer;
import com.google.cloud.tools.jib.image.ReproducibleLayerBuilder;
import com.google.common.collect.ImmutableList;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Writes a layer into Jib's application-layer cache compressed as {@link GzipMembers}: the very tar
 * Jib would write ({@link ReproducibleLayerBuilder}, so the same diff ID and image ID), compressed
 * at {@link #LEVEL} in chunks of {@link #CHUNK} on several threads instead of Jib's one {@code
 * GZIPOutputStream} at level 6. Jib's cache has no public way to take a compressed layer under a
 * selector, so this writes jib-core 0.27.3's layout itself, as its {@code CacheStorageWriter} does:
 * {@code layers/<digest>/<diff ID>} moved into place from {@code tmp/}, then {@code
 * selectors/<selector>} holding the digest; the selector is jib-core's own ({@code
 * LayerEntriesSelector}, package-private, called by reflection). {@code MemberLayersTest} fails if
 * a jib-core upgrade changes any of it.
 */
final class MemberLayers {
  /** The deflate level: the fastest; see {@code docs/performance/compression.md}. */
  static final int LEVEL = 1;

  /** The uncompressed bytes per gzip member. */
  static final int CHUNK = 1 << 20;

  private static final AtomicInteger THREADS = new AtomicInteger();

  private MemberLayers() {}

  /**
   * A layer as written into the cache.
   *
   * @param digest the compressed blob's digest
   * @param diffId the uncompressed tar's digest
   */
  record Written(DescriptorDigest digest, DescriptorDigest diffId) {}

  /**
   * Tells whether the cache holds the layer of these entries as this class writes it (a layer Jib
   * compressed itself, from before, does not count: it is written again, so that the digest does
   * not depend on the cache's history).
   *
   * @param entries the layer's entries
   * @param cacheDirectory Jib's application-layer cache
   * @return whether it is cached
   * @throws IOException if the cache cannot be read
   * @throws CacheCorruptedException if Jib finds the cache damaged
   * @throws CacheDirectoryCreationException if the cache directory cannot be made
   */
  static boolean cached(ImmutableList<FileEntry> entries, Path cacheDirectory)
      throws IOException, CacheCorruptedException, CacheDirectoryCreationException {
    Optional<CachedLayer> cached = Cache.withDirectory(cacheDirectory).retrieve(entries);
    if (cached.isEmpty()) {
      return false;
    }
    Path blob = layerFile(cacheDirectory, cached.get().getDigest(), cached.get().getDiffId());
    byte[] header = GzipMembers.header(LEVEL);
    try (InputStream in = Files.newInputStream(blob)) {
      return Arrays.equals(in.readNBytes(header.length), header);
    }
  }

  /**
   * Writes the layer of these entries into the cache and points their selector at it.
   *
   * @param entries the layer's entries
   * @param cacheDirectory Jib's application-layer cache
   * @param threads how many threads compress
   * @return the layer as written
   * @throws IOException if the cache cannot be written
   */
  static Written write(ImmutableList<FileEntry> entries, Path cacheDirectory, int threads)
      throws IOException {
    Path layers = Files.createDirectories(cacheDirectory.resolve("layers"));
    Path temporary = Files.createDirectories(cacheDirectory.resolve("tmp"));
    Path directory = Files.createTempDirectory(temporary, "jenkins-dind-");
    try {
      Path file = directory.resolve(".tmp.layer");
      MessageDigest sha256 = sha256();
      DescriptorDigest diffId;
      ExecutorService pool = Executors.newFixedThreadPool(threads, MemberLayers::thread);
      try (GzipMembers gzip =
          new GzipMembers(
              new DigestOutputStream(
                  new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), sha256),
              LEVEL,
              CHUNK,
              pool,
              2 * threads)) {
        diffId = new ReproducibleLayerBuilder(entries).build().writeTo(gzip).getDigest();
      } finally {
        pool.shutdownNow();
      }
      DescriptorDigest digest = digest(sha256.digest());
      Files.move(file, directory.resolve(diffId.getHash()));
      Path destination = layers.resolve(digest.getHash());
      if (!Files.exists(destination)) {
        try {
          Files.move(directory, destination);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
          // another build wrote the same layer meanwhile: the same bytes
        }
      }
      writeSelector(cacheDirectory, selector(entries), digest);
      return new Written(digest, diffId);
    } finally {
      deleteTree(directory);
    }
  }

  /**
   * Jib's selector of a layer's entries: the digest of their description, under which its cache
   * finds the layer built from them.
   *
   * @param entries the entries
   * @return the selector
   * @throws IOException if it cannot be computed
   */
  static DescriptorDigest selector(ImmutableList<FileEntry> entries) throws IOException {
    try {
      Class<?> selectors =
          Class.forName(
              "com.google.cloud.tools.jib.cache.LayerEntriesSelector",
              true,
              Cache.class.getClassLoader());
      Method generate = selectors.getDeclaredMethod("generateSelector", ImmutableList.class);
      generate.setAccessible(true);
      return (DescriptorDigest) generate.invoke(null, entries);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof IOException) {
        throw (IOException) e.getCause();
      }
      throw new IllegalStateException("jib-core's layer selector failed", e.getCause());
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException(
          "jib-core's LayerEntriesSelector.generateSelector is not as in jib-core 0.27.3", e);
    }
  }

  /** {@code layers/<digest>/<diff ID>}: where Jib's cache keeps a layer's blob. */
  static Path layerFile(Path cacheDirectory, DescriptorDigest digest, DescriptorDigest diffId) {
    return cacheDirectory.resolve("layers").resolve(digest.getHash()).resolve(diffId.getHash());
  }

  private static void writeSelector(
      Path cacheDirectory, DescriptorDigest selector, DescriptorDigest digest) throws IOException {
    Path selectors = Files.createDirectories(cacheDirectory.resolve("selectors"));
    Path temporary = Files.createTempFile(selectors, ".jenkins-dind-", ".tmp");
    try {
      Files.writeString(temporary, digest.getHash(), StandardCharsets.UTF_8);
      Path target = selectors.resolve(selector.getHash());
      try {
        Files.move(
            temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static Thread thread(Runnable task) {
    Thread thread = new Thread(task, "jenkins-dind-gzip-" + THREADS.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  }

  private static DescriptorDigest digest(byte[] sha256) throws IOException {
    try {
      return DescriptorDigest.fromHash(HexFormat.of().formatHex(sha256));
    } catch (DigestException e) {
      throw new IOException(e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static void deleteTree(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(directory)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
