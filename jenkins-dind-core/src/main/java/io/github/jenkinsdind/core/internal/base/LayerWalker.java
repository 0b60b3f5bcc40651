package io.github.jenkinsdind.core.internal.base;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.files.ImageFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

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
   * Reads a wanted file that is too big to hold, such as a war, down to the few bytes the caller
   * needs (for example its manifest): those bytes stand for the file's content in the result.
   */
  @FunctionalInterface
  public interface Extractor {
    /**
     * Reads the file.
     *
     * @param content the file's bytes; it may stop early, and must not close the stream
     * @return the bytes to hold
     * @throws IOException if it cannot be read
     */
    byte[] extract(InputStream content) throws IOException;
  }

  /**
   * A layer to walk.
   *
   * @param description says which layer it is, for messages; for example {@code layer 3 of 5
   *     (sha256:1234...)}
   * @param opener opens it
   * @param root the directory its entry names are relative to ({@code /} for a layer)
   */
  public record Layer(String description, LayerOpener opener, String root) {
    /**
     * Checks the parts.
     *
     * @param description the description
     * @param opener the opener
     * @param root the directory the tar's entry names are relative to, ending in {@code /}: {@code
     *     /} for a layer, {@code /usr/share/} for a daemon's archive of {@code /usr/share/jenkins}
     *     (whose entries are named {@code jenkins/...})
     */
    public Layer {
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(opener, "opener");
      if (!root.startsWith("/") || !root.endsWith("/")) {
        throw new IllegalArgumentException("root: " + root);
      }
    }

    /**
     * A layer: its entries are named from the image's root.
     *
     * @param description the description
     * @param opener the opener
     */
    public Layer(String description, LayerOpener opener) {
      this(description, opener, "/");
    }

    /**
     * Names an entry of the tar from the image's root.
     *
     * @param entryName the entry's name in the tar
     * @return the name from the image's root, as the tar would have it
     */
    String fromRoot(String entryName) {
      return root.equals("/") ? entryName : root.substring(1) + entryName;
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
    return walk(layersTopDown, wantedPaths, Map.of());
  }

  /**
   * Finds files in an image's layers, reading some of them down with an {@link Extractor}.
   *
   * @param layersTopDown the layers, top layer first
   * @param wantedPaths absolute paths of regular files
   * @param extractors for some wanted paths, what to hold of them instead of their bytes (no size
   *     limit applies to them)
   * @return the files found, the paths absent and how much was read
   * @throws JenkinsDindException if a layer cannot be read or a wanted file is not supported
   */
  public static Result walk(
      List<Layer> layersTopDown, Set<String> wantedPaths, Map<String, Extractor> extractors)
      throws JenkinsDindException {
    for (String p : wantedPaths) {
      if (!p.startsWith("/") || p.length() < 2 || !EntryPaths.normalize(p).equals(Optional.of(p))) {
        throw new IllegalArgumentException("not an absolute normalized path: " + p);
      }
    }
    Set<String> pending = new TreeSet<>(wantedPaths);
    Map<String, ImageFile> files = new LinkedHashMap<>();
    Map<String, Integer> foundInLayer = new LinkedHashMap<>();
    Set<String> absent = new TreeSet<>();
    LayerStreams.Counter counter = new LayerStreams.Counter();
    int opened = 0;
    for (int i = 0; i < layersTopDown.size() && !pending.isEmpty(); i++) {
      Layer layer = layersTopDown.get(i);
      opened++;
      LayerScan scan = new LayerScan(layer, pending, extractors);
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
        } else if (scan.isLink(p)) {
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
        } else if (scan.hides(p)) {
          absent.add(p);
          pending.remove(p);
        }
      }
    }
    absent.addAll(pending);
    return new Result(files, absent, foundInLayer, opened, counter.count());
  }
}
