package io.github.jenkinsdind.core.internal.base;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.files.ImageFile;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Finds a few files in an image's layers, top layer first, as the image's file system shows them: a
 * file comes from the topmost layer that has it, unless a layer above hides it with a whiteout
 * ({@code etc/.wh.group}), an opaque directory marker ({@code etc/.wh..wh..opq}) or a non-directory
 * in place of one of its parent directories.
 *
 * <p>Layers are streamed, gzip-compressed or plain (sniffed from their first bytes); only the
 * wanted files, which are small, are held in memory. The walk stops as soon as every wanted file is
 * known (found, or known to be absent): it closes the current layer without reading it to its end
 * and does not open the layers below.
 *
 * <p>A wanted file that is a hard link is resolved within its layer; that may mean reading the
 * layer a second time when the link's target came before the link. A wanted file, or one of its
 * parent directories, that is a symbolic link is not supported and is reported as such.
 */
public final class LayerWalker {
  /** The largest wanted file held in memory: account files are a few kilobytes. */
  static final long MAX_FILE_SIZE = 16L * 1024 * 1024;

  private static final String WHITEOUT = ".wh.";
  private static final String OPAQUE = ".wh..wh..opq";

  private LayerWalker() {}

  /** Opens a layer blob; it may be called twice for the same layer (see {@link LayerWalker}). */
  @FunctionalInterface
  public interface LayerOpener {
    /**
     * Opens the layer.
     *
     * @return the blob as stored, gzip-compressed or plain tar; the walker closes it
     * @throws IOException if it cannot be read
     * @throws JenkinsDindException if it cannot be read, with a message for the user
     */
    InputStream open() throws IOException, JenkinsDindException;
  }

  /**
   * A layer to walk.
   *
   * @param description says which layer it is, for messages; for example {@code layer 3 of 5
   *     (sha256:1234...)}
   * @param opener opens it
   */
  public record Layer(String description, LayerOpener opener) {
    /**
     * Checks the parts.
     *
     * @param description the description
     * @param opener the opener
     */
    public Layer {
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(opener, "opener");
    }
  }

  /**
   * What a walk found.
   *
   * @param files the wanted files found, by absolute path
   * @param absent the wanted paths that the image does not have
   * @param foundInLayer for each file found, the index in the top-down list of the layer it came
   *     from (0 is the top layer)
   * @param layersOpened how many distinct layers were opened
   * @param bytesRead how many bytes were read from the layer streams, as stored (compressed)
   */
  public record Result(
      Map<String, ImageFile> files,
      Set<String> absent,
      Map<String, Integer> foundInLayer,
      int layersOpened,
      long bytesRead) {
    /**
     * Copies the parts.
     *
     * @param files the files
     * @param absent the absent paths
     * @param foundInLayer the layer of each file
     * @param layersOpened the layers opened
     * @param bytesRead the bytes read
     */
    public Result {
      files = Map.copyOf(files);
      absent = Set.copyOf(absent);
      foundInLayer = Map.copyOf(foundInLayer);
    }
  }

  /**
   * Finds files in an image's layers.
   *
   * @param layersTopDown the layers, top layer first (the reverse of a manifest's order)
   * @param wantedPaths absolute paths of regular files, for example {@code /etc/group}
   * @return the files found, the paths absent and how much was read
   * @throws JenkinsDindException if a layer cannot be read, is compressed in a way not supported,
   *     or a wanted file is of a kind not supported (a symbolic link, a directory)
   * @throws IllegalArgumentException if a wanted path is not absolute and normalized
   */
  public static Result walk(List<Layer> layersTopDown, Set<String> wantedPaths)
      throws JenkinsDindException {
    for (String p : wantedPaths) {
      if (!p.startsWith("/") || p.length() < 2 || !p.equals(normalize(p))) {
        throw new IllegalArgumentException("not an absolute normalized path: " + p);
      }
    }
    Set<String> pending = new TreeSet<>(wantedPaths);
    Map<String, ImageFile> files = new LinkedHashMap<>();
    Map<String, Integer> foundInLayer = new LinkedHashMap<>();
    Set<String> absent = new TreeSet<>();
    Counter counter = new Counter();
    int opened = 0;
    for (int i = 0; i < layersTopDown.size() && !pending.isEmpty(); i++) {
      Layer layer = layersTopDown.get(i);
      opened++;
      LayerScan scan = new LayerScan(layer, pending);
      scan.read(layer, counter, false);
      if (scan.hasUnresolvedLinks()) {
        scan.read(layer, counter, true);
      }
      for (String p : List.copyOf(pending)) {
        ImageFile f = scan.resolve(p);
        if (f != null) {
          files.put(p, f);
          foundInLayer.put(p, i);
          pending.remove(p);
        } else if (scan.links.containsKey(p)) {
          throw new ConfigurationException(
              p
                  + " in "
                  + layer.description()
                  + " of the base image is a hard link to "
                  + scan.finalTarget(p)
                  + ", which is not in the same layer",
              Setting.FROM,
              null,
              "perhaps you should check that the base image is intact, or use another base image");
        } else if (scan.hidden.contains(p)) {
          absent.add(p);
          pending.remove(p);
        }
      }
    }
    absent.addAll(pending);
    return new Result(files, absent, foundInLayer, opened, counter.count);
  }

  /** The state of one layer's scan: what it has of the pending paths. */
  private static final class LayerScan {
    private final String description;
    private final Set<String> pending;

    /** Regular files held: pending paths and targets of hard links. */
    private final Map<String, ImageFile> contents = new HashMap<>();

    /** Hard links among pending paths and their targets: name to target. */
    private final Map<String, String> links = new HashMap<>();

    /** Pending paths hidden from the lower layers by this one. */
    private final Set<String> hidden = new HashSet<>();

    LayerScan(Layer layer, Set<String> pending) {
      this.description = layer.description();
      this.pending = Set.copyOf(pending);
    }

    void read(Layer layer, Counter counter, boolean secondPass) throws JenkinsDindException {
      try (TarArchiveInputStream tar = openTar(layer, counter)) {
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
          String name = normalize(entry.getName());
          if (name == null || name.equals("/")) {
            continue;
          }
          if (!secondPass) {
            noteHiding(name, entry);
          }
          if (isInteresting(name)) {
            take(name, entry, tar);
            if (allResolved()) {
              return; // closes the stream before its end: the rest of the layer is not needed
            }
          }
        }
      } catch (IOException e) {
        throw new EnvironmentException(
            "could not read " + layer.description() + " of the base image: " + e.getMessage(),
            Setting.FROM,
            null,
            "perhaps you should check that the base image is intact and can be read",
            e);
      }
    }

    private boolean isInteresting(String name) {
      return (pending.contains(name) || links.containsValue(name)) && !contents.containsKey(name);
    }

    private void noteHiding(String name, TarArchiveEntry entry) throws ConfigurationException {
      String parent = parent(name);
      String base = name.substring(name.lastIndexOf('/') + 1);
      if (base.equals(OPAQUE)) {
        String prefix = parent.equals("/") ? "/" : parent + "/";
        pending.stream().filter(p -> p.startsWith(prefix)).forEach(hidden::add);
      } else if (base.startsWith(WHITEOUT)) {
        String gone = (parent.equals("/") ? "" : parent) + "/" + base.substring(WHITEOUT.length());
        pending.stream()
            .filter(p -> p.equals(gone) || p.startsWith(gone + "/"))
            .forEach(hidden::add);
      } else if (!entry.isDirectory()) {
        for (String p : pending) {
          if (p.startsWith(name + "/")) {
            if (entry.isSymbolicLink()) {
              throw unsupported(p, name + " is a symbolic link to " + entry.getLinkName());
            }
            hidden.add(p); // a file in place of a parent directory
          }
        }
      }
    }

    private void take(String name, TarArchiveEntry entry, TarArchiveInputStream tar)
        throws IOException, ConfigurationException {
      if (entry.isLink()) {
        String target = normalize(entry.getLinkName());
        if (target == null) {
          throw unsupported(name, "it is a hard link to " + entry.getLinkName());
        }
        links.put(name, target);
      } else if (entry.isSymbolicLink()) {
        throw unsupported(name, "it is a symbolic link to " + entry.getLinkName());
      } else if (entry.isDirectory()) {
        throw unsupported(name, "it is a directory");
      } else if (entry.isFile()) {
        if (entry.getSize() > MAX_FILE_SIZE) {
          throw unsupported(name, "it is " + entry.getSize() + " bytes long");
        }
        byte[] content = tar.readNBytes((int) entry.getSize());
        if (content.length != entry.getSize()) {
          throw new IOException(name + " is truncated");
        }
        contents.put(
            name,
            new ImageFile(
                name, content, entry.getMode(), entry.getLongUserId(), entry.getLongGroupId()));
      } else {
        throw unsupported(name, "it is not a regular file");
      }
    }

    private boolean allResolved() {
      return pending.stream().allMatch(p -> resolve(p) != null);
    }

    boolean hasUnresolvedLinks() {
      return links.keySet().stream().anyMatch(n -> pending.contains(n) && resolve(n) == null);
    }

    /** Returns the file a pending path is in this layer, following hard links, or null. */
    ImageFile resolve(String path) {
      String name = path;
      for (int hops = 0; hops <= links.size(); hops++) {
        ImageFile f = contents.get(name);
        if (f != null) {
          return new ImageFile(path, f.content(), f.mode(), f.uid(), f.gid());
        }
        name = links.get(name);
        if (name == null) {
          return null;
        }
      }
      return null;
    }

    String finalTarget(String path) {
      String name = path;
      for (int hops = 0; hops <= links.size() && links.containsKey(name); hops++) {
        name = links.get(name);
      }
      return name;
    }

    private ConfigurationException unsupported(String path, String why) {
      return new ConfigurationException(
          path + " in " + description + " of the base image is not supported: " + why,
          Setting.FROM,
          null,
          "perhaps you should use a base image where " + path + " is a regular file");
    }
  }

  private static TarArchiveInputStream openTar(Layer layer, Counter counter)
      throws IOException, JenkinsDindException {
    InputStream raw = layer.opener().open();
    try {
      BufferedInputStream in = new BufferedInputStream(new CountingStream(raw, counter), 65536);
      in.mark(8);
      byte[] magic = in.readNBytes(6);
      in.reset();
      String compression = compression(magic);
      if (compression.equals("gzip")) {
        return new TarArchiveInputStream(
            GzipCompressorInputStream.builder()
                .setInputStream(in)
                .setDecompressConcatenated(true)
                .get());
      } else if (!compression.isEmpty()) {
        throw new ConfigurationException(
            layer.description()
                + " of the base image uses an unsupported layer compression ("
                + compression
                + "); only gzip and uncompressed layers can be read",
            Setting.FROM,
            null,
            "perhaps you should use a base image whose layers are gzip-compressed");
      }
      return new TarArchiveInputStream(in);
    } catch (IOException | JenkinsDindException | RuntimeException e) {
      try {
        raw.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** Names the compression of a blob from its first bytes: "gzip", "" for none, or another. */
  static String compression(byte[] magic) {
    if (startsWith(magic, 0x1f, 0x8b)) {
      return "gzip";
    } else if (startsWith(magic, 0x28, 0xb5, 0x2f, 0xfd)) {
      return "zstd";
    } else if (startsWith(magic, 0xfd, '7', 'z', 'X', 'Z', 0x00)) {
      return "xz";
    } else if (startsWith(magic, 'B', 'Z', 'h')) {
      return "bzip2";
    }
    return "";
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xff) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Normalizes a tar entry name to an absolute path: {@code ./etc/group}, {@code etc/group} and
   * {@code /etc/group} all give {@code /etc/group}; a trailing slash is dropped.
   *
   * @param name the entry name
   * @return the path, {@code /} for the root, or {@code null} if the name climbs out with {@code
   *     ..}
   */
  static String normalize(String name) {
    List<String> parts = new ArrayList<>();
    for (String part : name.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        return null;
      }
      parts.add(part);
    }
    return "/" + String.join("/", parts);
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  /** Counts the bytes read through it. */
  private static final class Counter {
    private long count;
  }

  private static final class CountingStream extends FilterInputStream {
    private final Counter counter;

    CountingStream(InputStream in, Counter counter) {
      super(in);
      this.counter = counter;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        counter.count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        counter.count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      counter.count += Math.max(0, skipped);
      return skipped;
    }
  }
}
