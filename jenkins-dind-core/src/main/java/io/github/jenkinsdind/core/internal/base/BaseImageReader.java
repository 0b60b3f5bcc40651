package io.github.jenkinsdind.core.internal.base;

import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.files.CacheLayout;
import io.github.jenkinsdind.core.internal.files.ImageFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads a few files (the account files: {@code /etc/passwd}, {@code /etc/group}, ...) out of a base
 * image: resolves the base, takes the files from the {@link BaseFilesCache} when it has them for
 * that digest (then no layer is opened), or else walks the layers top-down with {@link LayerWalker}
 * and caches what it found.
 */
public final class BaseImageReader {
  private final BaseFilesCache cache;
  private final boolean offline;
  private final EventHandler events;

  /**
   * Makes a reader.
   *
   * @param cacheDirectory the build's cache directory (see {@link BaseFilesCache})
   * @param offline whether the build is offline: a base whose files are not cached must then be
   *     readable without the network, and a failure to read it says so
   * @param events receives what the reader did
   */
  public BaseImageReader(Path cacheDirectory, boolean offline, EventHandler events) {
    this(new CacheLayout(cacheDirectory), offline, events);
  }

  /**
   * Makes a reader on a cache layout.
   *
   * @param layout the build's cache (see {@link BaseFilesCache})
   * @param offline whether the build is offline: a base whose files are not cached must then be
   *     readable without the network, and a failure to read it says so
   * @param events receives what the reader did
   */
  public BaseImageReader(CacheLayout layout, boolean offline, EventHandler events) {
    this.events = Objects.requireNonNull(events, "events");
    this.cache = new BaseFilesCache(layout, events);
    this.offline = offline;
  }

  /**
   * Returns the cache this reader uses.
   *
   * @return the cache
   */
  public BaseFilesCache cache() {
    return cache;
  }

  /**
   * Reads files out of a base image.
   *
   * @param source where the base comes from
   * @param platform the platform wanted
   * @param wantedPaths absolute paths of regular files, for example {@code /etc/group}
   * @return the files the base has; the others are absent from it
   * @throws JenkinsDindException if the base cannot be resolved or read, or a wanted file is of a
   *     kind not supported
   */
  public BaseFiles read(BaseSource source, ImagePlatform platform, Set<String> wantedPaths)
      throws JenkinsDindException {
    return read(source, platform, wantedPaths, BaseFilesView.NONE);
  }

  /**
   * Reads files out of a base image, taking them from a view of their directory when the cache does
   * not have them and the view is available, and from the base's layers otherwise.
   *
   * @param source where the base comes from
   * @param platform the platform wanted
   * @param wantedPaths absolute paths of regular files, for example {@code /etc/group}
   * @param view another way to the directory that holds the files
   * @return the files the base has; the others are absent from it
   * @throws JenkinsDindException if the base cannot be resolved or read, or a wanted file is of a
   *     kind not supported
   */
  public BaseFiles read(
      BaseSource source, ImagePlatform platform, Set<String> wantedPaths, BaseFilesView view)
      throws JenkinsDindException {
    return read(source, platform, wantedPaths, view, Map.of());
  }

  /**
   * Reads files out of a base image, some of them read down by an {@link LayerWalker.Extractor}
   * (what it gives is cached and returned as the file's content).
   *
   * @param source where the base comes from
   * @param platform the platform wanted
   * @param wantedPaths absolute paths of regular files
   * @param view another way to the directory that holds the files
   * @param extractors for some wanted paths, what to hold of them instead of their bytes
   * @return the files the base has; the others are absent from it
   * @throws JenkinsDindException if the base cannot be resolved or read
   */
  public BaseFiles read(
      BaseSource source,
      ImagePlatform platform,
      Set<String> wantedPaths,
      BaseFilesView view,
      Map<String, LayerWalker.Extractor> extractors)
      throws JenkinsDindException {
    Set<String> wanted = new TreeSet<>(wantedPaths);
    BaseManifest manifest = source.resolve(platform);
    String digest = manifest.digest();

    Optional<BaseFilesCache.Entry> cached = cache.load(digest, wanted);
    if (cached.isPresent()) {
      Map<String, ImageFile> files = only(cached.get().files(), wanted);
      events.handle(
          Event.info(
              "base account files from cache for "
                  + source.describe()
                  + " ("
                  + shortDigest(digest)
                  + "): "
                  + summary(files.keySet(), wanted)));
      return new BaseFiles(digest, manifest.platform(), files, 0, 0);
    }

    Optional<String> directory = commonDirectory(wanted);
    Optional<LayerWalker.Layer> directoryView =
        directory.isPresent() ? view.of(manifest, directory.get()) : Optional.empty();
    if (directoryView.isPresent()) {
      LayerWalker.Result result =
          LayerWalker.walk(List.of(directoryView.get()), wanted, extractors);
      events.handle(
          Event.info(
              (result.files().isEmpty()
                      ? "found none of " + String.join(", ", wanted)
                      : "read " + summary(result.files().keySet(), wanted))
                  + " of "
                  + source.describe()
                  + " from "
                  + directoryView.get().description()));
      cache.store(digest, new BaseFilesCache.Entry(result.files(), result.absent()));
      return new BaseFiles(digest, manifest.platform(), result.files(), 0, 0);
    }

    List<BaseManifest.Layer> layers = manifest.layers();
    int count = layers.size();
    List<LayerWalker.Layer> topDown = new ArrayList<>();
    for (int i = count - 1; i >= 0; i--) {
      BaseManifest.Layer layer = layers.get(i);
      topDown.add(
          new LayerWalker.Layer(
              "layer " + (i + 1) + " of " + count + " (" + layer.digest() + ")",
              () -> source.openLayer(layer)));
    }
    LayerWalker.Result result;
    try {
      result = LayerWalker.walk(topDown, wanted, extractors);
    } catch (EnvironmentException e) {
      if (!offline) {
        throw e;
      }
      throw new EnvironmentException(
          "the build is offline and the account files of "
              + source.describe()
              + " ("
              + digest
              + ") are not in the cache; reading its layers failed: "
              + e.getMessage(),
          Setting.OFFLINE,
          "true",
          "perhaps you should build once without offline, so that they are cached",
          e);
    }
    events.handle(Event.info(readMessage(source, result, count)));
    cache.store(digest, new BaseFilesCache.Entry(result.files(), result.absent()));
    return new BaseFiles(
        digest, manifest.platform(), result.files(), result.layersOpened(), result.bytesRead());
  }

  /** The directory that holds every wanted path, if they are all in the same one. */
  static Optional<String> commonDirectory(Set<String> wanted) {
    Set<String> parents = new TreeSet<>();
    for (String path : wanted) {
      int slash = path.lastIndexOf('/');
      parents.add(slash <= 0 ? "/" : path.substring(0, slash));
    }
    return parents.size() == 1 && !parents.contains("/")
        ? Optional.of(parents.iterator().next())
        : Optional.empty();
  }

  private static Map<String, ImageFile> only(Map<String, ImageFile> files, Set<String> wanted) {
    Map<String, ImageFile> selected = new LinkedHashMap<>();
    for (String p : wanted) {
      ImageFile f = files.get(p);
      if (f != null) {
        selected.put(p, f);
      }
    }
    return selected;
  }

  private static String readMessage(BaseSource source, LayerWalker.Result result, int count) {
    // by layer number (bottom-up, as in the manifest), topmost first
    Map<Integer, List<String>> byLayer = new TreeMap<>((a, b) -> Integer.compare(b, a));
    result
        .foundInLayer()
        .forEach(
            (path, topIndex) ->
                byLayer.computeIfAbsent(count - topIndex, n -> new ArrayList<>()).add(path));
    StringBuilder m = new StringBuilder();
    if (byLayer.isEmpty()) {
      m.append("found none of ").append(String.join(", ", new TreeSet<>(result.absent())));
    } else {
      m.append("read ");
      m.append(
          byLayer.entrySet().stream()
              .map(
                  e ->
                      e.getValue().stream().sorted().collect(Collectors.joining(", "))
                          + " from layer "
                          + e.getKey()
                          + " of "
                          + count)
              .collect(Collectors.joining("; ")));
    }
    m.append(" of ").append(source.describe());
    m.append(" (")
        .append(result.layersOpened())
        .append(" of ")
        .append(count)
        .append(" layers opened, ")
        .append(bytes(result.bytesRead()))
        .append(" read)");
    if (!byLayer.isEmpty() && !result.absent().isEmpty()) {
      m.append("; not in the base: ").append(String.join(", ", new TreeSet<>(result.absent())));
    }
    return m.toString();
  }

  private static String summary(Set<String> found, Set<String> wanted) {
    Set<String> absent = new TreeSet<>(wanted);
    absent.removeAll(found);
    String s = found.isEmpty() ? "none found" : String.join(", ", new TreeSet<>(found));
    return absent.isEmpty() ? s : s + "; not in the base: " + String.join(", ", absent);
  }

  private static String shortDigest(String digest) {
    int colon = digest.indexOf(':');
    return digest.length() > colon + 13 ? digest.substring(0, colon + 13) : digest;
  }

  static String bytes(long n) {
    if (n < 1024) {
      return n + " bytes";
    } else if (n < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
  }
}
