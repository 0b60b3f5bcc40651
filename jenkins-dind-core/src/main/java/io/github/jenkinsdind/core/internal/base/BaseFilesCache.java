package io.github.jenkinsdind.core.internal.base;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.internal.files.CacheLayout;
import io.github.jenkinsdind.core.internal.files.FileTrees;
import io.github.jenkinsdind.core.internal.files.ImageFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cache, on disk, of the account files read out of base images, keyed by the base's digest, and
 * an index from base references to digests, so that an offline build finds the digest of a tag
 * without the network.
 *
 * <p>Layout under {@link CacheLayout#baseFiles()}, {@code <cacheDirectory>/base-files/}:
 *
 * <ul>
 *   <li>{@code sha256/<hex>/entry.json} and {@code sha256/<hex>/files/<n>}: the files found in the
 *       base with digest {@code sha256:<hex>} (their bytes, and mode, owner and checksum in the
 *       JSON), and the wanted paths the base does not have;
 *   <li>{@code index/<sha256 of reference and platform>.json}: the digest a reference had for a
 *       platform when it was last resolved.
 * </ul>
 *
 * <p>Every entry is written to a temporary directory or file first and then renamed into place
 * atomically, so that two builds may write the same entry at once and a reader never sees a half
 * written one. An entry that does not check out (a missing or truncated file, a wrong checksum,
 * unreadable JSON) is a miss and is replaced by the next {@link #store}. Failing to write is not an
 * error: it is reported as a warning and the build goes on without the cache.
 */
public final class BaseFilesCache {
  private static final int FORMAT = BaseFilesEntryFormat.FORMAT;
  private static final Pattern DIGEST = Pattern.compile("([a-z0-9]+):([a-f0-9]{32,128})");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;
  private final EventHandler events;

  /**
   * Makes a cache under a cache directory. Nothing is created until something is stored.
   *
   * @param cacheDirectory the build's cache directory; the cache lives in its {@code base-files}
   *     subdirectory
   * @param events receives a warning when the cache cannot be written
   */
  public BaseFilesCache(Path cacheDirectory, EventHandler events) {
    this(new CacheLayout(cacheDirectory), events);
  }

  /**
   * Makes the cache of a cache layout. Nothing is created until something is stored.
   *
   * @param layout the build's cache; the cache lives in its {@link CacheLayout#baseFiles()}
   * @param events receives a warning when the cache cannot be written
   */
  public BaseFilesCache(CacheLayout layout, EventHandler events) {
    this.root = layout.baseFiles();
    this.events = Objects.requireNonNull(events, "events");
  }

  /**
   * Returns the directory of the cache, {@code <cacheDirectory>/base-files}.
   *
   * @return the directory
   */
  public Path directory() {
    return root;
  }

  /**
   * The account files of a base, as cached.
   *
   * @param files the files found, by absolute path
   * @param absent the wanted paths that the base does not have
   */
  public record Entry(Map<String, ImageFile> files, Set<String> absent) {
    /**
     * Checks and copies the parts.
     *
     * @param files the files found
     * @param absent the paths absent
     */
    public Entry {
      files = Map.copyOf(files);
      absent = Set.copyOf(absent);
    }

    /**
     * Says whether this entry knows about every wanted path: found or known to be absent.
     *
     * @param wantedPaths the paths
     * @return {@code true} if each is in {@link #files} or in {@link #absent}
     */
    public boolean covers(Set<String> wantedPaths) {
      return wantedPaths.stream().allMatch(p -> files.containsKey(p) || absent.contains(p));
    }
  }

  // ---------------------------------------------------------------- reference -> digest index

  /**
   * Returns the digest that a reference had for a platform when it was last resolved online.
   *
   * @param reference the base reference as the resolving source knows it, for example {@code
   *     127.0.0.1:5000/jenkins:lts}
   * @param platform the platform
   * @return the digest, {@code sha256:...}; empty if never remembered or if the index entry is
   *     unreadable
   */
  public Optional<String> digestFor(String reference, ImagePlatform platform) {
    Path file = indexFile(reference, platform);
    try {
      JsonNode node = JSON.readTree(Files.readAllBytes(file));
      if (node != null
          && reference.equals(node.path("reference").asText(null))
          && platform.toString().equals(node.path("platform").asText(null))) {
        String digest = node.path("digest").asText("");
        if (DIGEST.matcher(digest).matches()) {
          return Optional.of(digest);
        }
      }
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Remembers the digest a reference resolved to for a platform, replacing what was remembered. A
   * failure to write is reported as a warning.
   *
   * @param reference the base reference, as later passed to {@link #digestFor}
   * @param platform the platform
   * @param digest the digest, {@code sha256:...}
   * @return {@code true} if it was written
   */
  public boolean rememberDigest(String reference, ImagePlatform platform, String digest) {
    checkDigest(digest);
    ObjectNode node = JSON.createObjectNode();
    node.put("format", FORMAT);
    node.put("reference", reference);
    node.put("platform", platform.toString());
    node.put("digest", digest);
    Path file = indexFile(reference, platform);
    Path temp = null;
    try {
      Files.createDirectories(file.getParent());
      temp = file.resolveSibling(".tmp-" + UUID.randomUUID());
      Files.write(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node));
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return true;
    } catch (IOException | UncheckedIOException e) {
      FileTrees.deleteQuietly(temp);
      warnNotWritten("the digest of " + reference + " for " + platform, file, e);
      return false;
    }
  }

  private Path indexFile(String reference, ImagePlatform platform) {
    String key = sha256Hex((reference + "\n" + platform).getBytes(StandardCharsets.UTF_8));
    return root.resolve("index").resolve(key + ".json");
  }

  // ---------------------------------------------------------------- digest -> files entries

  /**
   * Returns the cached account files of a base, if an intact entry that knows about every wanted
   * path is there.
   *
   * @param digest the base's digest, {@code sha256:...}
   * @param wantedPaths the paths the caller wants; the entry must know about each
   * @return the entry; empty on a miss, a corrupt entry, or an entry made for fewer paths
   */
  public Optional<Entry> load(String digest, Set<String> wantedPaths) {
    return BaseFilesEntryFormat.read(entryDirectory(digest), digest)
        .filter(e -> e.covers(wantedPaths));
  }

  /**
   * Stores the account files of a base. An intact entry already there is merged in (a read of other
   * paths of the same base, such as the war's version, keeps the account files); if it knows about
   * the same paths already (another build wrote it), it is kept; a corrupt or smaller one is
   * replaced. A failure to write is reported as a warning.
   *
   * @param digest the base's digest, {@code sha256:...}
   * @param entry the files and absent paths
   * @return {@code true} if the cache now holds an entry that covers this one's paths
   */
  public boolean store(String digest, Entry entry) {
    Path target = entryDirectory(digest);
    Optional<Entry> known = BaseFilesEntryFormat.read(target, digest);
    if (known.isPresent()) {
      // keep what another read of this base found (the account files, or the war's version)
      Map<String, ImageFile> files = new TreeMap<>(known.get().files());
      files.putAll(entry.files());
      Set<String> absent = new TreeSet<>(known.get().absent());
      absent.addAll(entry.absent());
      absent.removeAll(entry.files().keySet());
      files.keySet().removeAll(entry.absent());
      entry = new Entry(files, absent);
    }
    Set<String> paths = new TreeSet<>(entry.files().keySet());
    paths.addAll(entry.absent());
    Path temp = null;
    try {
      Files.createDirectories(target.getParent());
      temp = target.resolveSibling(".tmp-" + UUID.randomUUID());
      BaseFilesEntryFormat.write(temp, digest, entry);
      for (int attempt = 0; attempt < 3; attempt++) {
        try {
          Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
          return true;
        } catch (IOException e) {
          // rename(2) refuses to replace a non-empty directory (ENOTEMPTY or EEXIST)
          if (!Files.isDirectory(target)) {
            throw e;
          }
          Optional<Entry> existing = BaseFilesEntryFormat.read(target, digest);
          if (existing.isPresent() && existing.get().covers(paths)) {
            FileTrees.deleteQuietly(temp);
            return true;
          }
          moveAsideAndDelete(target);
        }
      }
      throw new IOException("another process keeps replacing " + target);
    } catch (IOException | UncheckedIOException e) {
      FileTrees.deleteQuietly(temp);
      warnNotWritten("the base account files", target, e);
      return false;
    }
  }

  private Path entryDirectory(String digest) {
    Matcher m = checkDigest(digest);
    return root.resolve(m.group(1)).resolve(m.group(2));
  }

  private static Matcher checkDigest(String digest) {
    Matcher m = DIGEST.matcher(Objects.requireNonNull(digest, "digest"));
    if (!m.matches()) {
      throw new IllegalArgumentException("not a digest: " + digest);
    }
    return m;
  }

  private static void moveAsideAndDelete(Path dir) throws IOException {
    Path aside = dir.resolveSibling(".trash-" + UUID.randomUUID());
    try {
      Files.move(dir, aside, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      return; // someone else moved it already
    }
    FileTrees.deleteQuietly(aside);
  }

  private void warnNotWritten(String what, Path where, Exception e) {
    events.handle(
        Event.warn(
            "could not cache "
                + what
                + " in "
                + where
                + " ("
                + e
                + "); the build goes on without it. Perhaps you should check that the cacheDirectory"
                + " is writable"));
  }

  static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
