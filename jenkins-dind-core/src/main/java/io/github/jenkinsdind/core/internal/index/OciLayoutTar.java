package io.github.jenkinsdind.core.internal.index;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes one OCI image layout tar of a multi-platform image, from each platform's OCI layout tar as
 * Jib writes it ({@link JibOciTar}): {@code oci-layout}, {@code index.json} naming the image index
 * once per tag, and {@code blobs/sha256/...} holding the index, every platform's manifest and
 * config, and every layer once (layers the platforms share are written once). This is what skopeo
 * ({@code oci-archive:}), crane and {@code docker load} on a containerd image store read.
 *
 * <p>Reproducible: the same images and names give the same bytes. Entries are sorted by name, all
 * with the modification time Jib uses (one second after the epoch), owner 0:0 without names, mode
 * 0644 (directories 0755). Each blob's digest and size are checked as it is copied. The tar is
 * written beside the target and moved into place, so a failed write leaves no partial file.
 *
 * <p>In {@code index.json}, each tag's descriptor carries {@code org.opencontainers.image.ref.name}
 * (the tag, as the OCI layout specification has it) and {@code io.containerd.image.name} (the full
 * name, which containerd and Docker's containerd store use to name what they import).
 */
public final class OciLayoutTar {

  /** The annotation that names a reference within an OCI layout: the tag. */
  public static final String REF_NAME = "org.opencontainers.image.ref.name";

  /** The annotation containerd reads the full image name from. */
  public static final String CONTAINERD_NAME = "io.containerd.image.name";

  private static final Instant MODIFIED = Instant.ofEpochSecond(1);
  private static final String BLOBS = "blobs/sha256/";

  private OciLayoutTar() {}

  /**
   * Writes the layout tar.
   *
   * @param platformTars each platform's OCI layout tar as Jib wrote it, in the order the index
   *     lists them
   * @param repository the image's name without a tag, for example {@code
   *     registry.example.com/jenkins}
   * @param tags the tags, at least one
   * @param target the tar to write (replaced if it exists)
   * @return the index written; {@link ImageIndex#digest()} is the multi-platform image's digest
   * @throws IOException if a platform's tar cannot be read or is not an OCI layout of one image,
   *     two have the same platform, or the target cannot be written
   */
  public static ImageIndex write(
      List<Path> platformTars, String repository, List<String> tags, Path target)
      throws IOException {
    Objects.requireNonNull(repository, "repository");
    if (tags.isEmpty() || platformTars.isEmpty()) {
      throw new IllegalArgumentException("a layout tar needs images and at least one tag");
    }
    List<JibOciTar> images = new ArrayList<>();
    try {
      for (Path file : platformTars) {
        images.add(JibOciTar.open(file));
      }
      ImageIndex index;
      try {
        index = ImageIndex.following(images.stream().map(JibOciTar::manifest).toList());
      } catch (IllegalArgumentException e) {
        throw new IOException("cannot index " + platformTars + ": " + e.getMessage(), e);
      }
      List<ImageIndex.Descriptor> named = new ArrayList<>();
      for (String tag : tags) {
        named.add(index.descriptor(Map.of(REF_NAME, tag, CONTAINERD_NAME, repository + ":" + tag)));
      }
      byte[] layoutIndex = new ImageIndex(ImageIndex.Format.OCI, named).json();
      writeAtomically(target, images, index, layoutIndex);
      return index;
    } finally {
      for (JibOciTar image : images) {
        image.close();
      }
    }
  }

  private static void writeAtomically(
      Path target, List<JibOciTar> images, ImageIndex index, byte[] layoutIndex)
      throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path partial = Files.createTempFile(dir, "." + target.getFileName(), ".partial");
    try {
      try (OutputStream file = Files.newOutputStream(partial);
          TarArchiveOutputStream tar = new TarArchiveOutputStream(file)) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        writeEntries(tar, images, index, layoutIndex);
        tar.finish();
      }
      Files.move(
          partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  private static void writeEntries(
      TarArchiveOutputStream tar, List<JibOciTar> images, ImageIndex index, byte[] layoutIndex)
      throws IOException {
    // every blob once, sorted by digest; the first tar that has it gives its bytes
    Map<String, JibOciTar> sources = new TreeMap<>();
    Map<String, Long> sizes = new TreeMap<>();
    for (JibOciTar image : images) {
      for (Map.Entry<String, Long> blob : image.blobs().entrySet()) {
        sources.putIfAbsent(blob.getKey(), image);
        sizes.putIfAbsent(blob.getKey(), blob.getValue());
      }
    }
    byte[] indexJson = index.json();
    sizes.put(index.digest(), (long) indexJson.length);
    directory(tar, "blobs/");
    directory(tar, BLOBS);
    for (Map.Entry<String, Long> blob : sizes.entrySet()) {
      String digest = blob.getKey();
      JibOciTar source = sources.get(digest);
      try (InputStream in =
          source == null ? new ByteArrayInputStream(indexJson) : source.openBlob(digest)) {
        file(tar, BLOBS + digest.substring("sha256:".length()), blob.getValue());
        copyChecked(in, tar, digest, blob.getValue(), source == null ? null : source.file());
        tar.closeArchiveEntry();
      }
    }
    bytes(tar, "index.json", layoutIndex);
    bytes(tar, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
  }

  private static void copyChecked(
      InputStream in, OutputStream out, String digest, long size, Path from) throws IOException {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
    long copied = new DigestInputStream(in, sha256).transferTo(out);
    String actual = "sha256:" + HexFormat.of().formatHex(sha256.digest());
    if (copied != size || !actual.equals(digest)) {
      throw new IOException(
          "the blob " + digest + " of " + from + " has " + copied + " bytes of digest " + actual);
    }
  }

  private static void bytes(TarArchiveOutputStream tar, String name, byte[] content)
      throws IOException {
    file(tar, name, content.length);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  private static void file(TarArchiveOutputStream tar, String name, long size) throws IOException {
    TarArchiveEntry entry = entry(name, 0100644);
    entry.setSize(size);
    tar.putArchiveEntry(entry);
  }

  private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
    tar.putArchiveEntry(entry(name, 040755));
    tar.closeArchiveEntry();
  }

  private static TarArchiveEntry entry(String name, int mode) {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setMode(mode);
    entry.setModTime(MODIFIED.toEpochMilli());
    entry.setIds(0, 0);
    entry.setNames("", "");
    return entry;
  }
}
