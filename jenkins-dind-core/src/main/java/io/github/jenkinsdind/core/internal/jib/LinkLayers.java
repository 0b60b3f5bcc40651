package io.github.jenkinsdind.core.internal.jib;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import com.google.cloud.tools.jib.blob.Blobs;
import com.google.cloud.tools.jib.cache.Cache;
import com.google.cloud.tools.jib.cache.CacheCorruptedException;
import com.google.cloud.tools.jib.cache.CachedLayer;
import com.google.common.collect.ImmutableList;
import io.github.jenkinsdind.core.api.EnvironmentException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Layers that hold one symbolic link, which Jib's file-entry layers cannot express (Jib follows
 * links). The layer is given to Jib as a placeholder {@link FileEntriesLayer} of one regular file
 * at the link's path; before Jib runs, its cache entry for that placeholder is filled with the tar
 * of the link instead, so Jib uses the link. Should the cache entry be gone when Jib runs, Jib
 * would layer the placeholder file itself: the placeholder is therefore a script that does what the
 * link does.
 */
public final class LinkLayers {
  private LinkLayers() {}

  /**
   * Puts the link's tar into Jib's application-layer cache under the placeholder's entries, unless
   * the cache already holds exactly that.
   *
   * @param placeholder the layer given to Jib: one regular file at the link's path
   * @param linkTarget where the link points, for example {@code
   *     ../libexec/docker/cli-plugins/docker-compose}
   * @param applicationLayersCache Jib's application-layer cache directory
   * @return whether it was written now
   * @throws EnvironmentException if the cache cannot be written
   */
  public static boolean prebuild(
      FileEntriesLayer placeholder, String linkTarget, Path applicationLayersCache)
      throws EnvironmentException {
    ImmutableList<FileEntry> entries = ImmutableList.copyOf(placeholder.getEntries());
    if (entries.size() != 1) {
      throw new IllegalArgumentException("a link layer holds one entry: " + entries);
    }
    try {
      byte[] tar = linkTar(entries.get(0), linkTarget);
      DescriptorDigest diffId = DescriptorDigest.fromHash(sha256(tar));
      Cache cache = Cache.withDirectory(applicationLayersCache);
      try {
        java.util.Optional<CachedLayer> cached = cache.retrieve(entries);
        if (cached.isPresent() && cached.get().getDiffId().equals(diffId)) {
          return false;
        }
      } catch (CacheCorruptedException e) {
        // written again below
      }
      cache.writeUncompressedLayer(Blobs.from(new ByteArrayInputStream(tar)), entries);
      return true;
    } catch (IOException | CacheDirectoryCreationException | java.security.DigestException e) {
      throw LayerCache.cacheFailure(placeholder.getName(), applicationLayersCache, e);
    }
  }

  /**
   * Makes the uncompressed tar of one symbolic link, reproducibly: the placeholder's path, time and
   * owner, mode 0777.
   *
   * @param entry the placeholder entry
   * @param linkTarget where the link points
   * @return the tar's bytes
   * @throws IOException never, in practice (it is written to memory)
   */
  static byte[] linkTar(FileEntry entry, String linkTarget) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      TarArchiveEntry link =
          new TarArchiveEntry(
              entry.getExtractionPath().toString().substring(1), TarArchiveEntry.LF_SYMLINK);
      link.setLinkName(linkTarget);
      link.setMode(0120777);
      link.setModTime(entry.getModificationTime().toEpochMilli());
      String[] owner = entry.getOwnership().split(":", 2);
      link.setUserId(Long.parseLong(owner[0]));
      link.setGroupId(owner.length > 1 ? Long.parseLong(owner[1]) : 0L);
      tar.putArchiveEntry(link);
      tar.closeArchiveEntry();
    }
    return bytes.toByteArray();
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
