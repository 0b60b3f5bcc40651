package io.github.jenkinsdind.core.internal.base;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.files.ImageFile;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The state of one layer's scan in a {@link LayerWalker} walk: what it has of the pending paths.
 */
final class LayerScan {
  private static final String WHITEOUT = ".wh.";
  private static final String OPAQUE = ".wh..wh..opq";

  private final String description;
  private final Set<String> pending;

  /** Regular files held: pending paths and targets of hard links. */
  private final Map<String, ImageFile> contents = new HashMap<>();

  /** Hard links among pending paths and their targets: name to target. */
  private final Map<String, String> links = new HashMap<>();

  /** Pending paths hidden from the lower layers by this one. */
  private final Set<String> hidden = new HashSet<>();

  /** What to hold of some pending paths instead of their bytes. */
  private final Map<String, LayerWalker.Extractor> extractors;

  LayerScan(
      LayerWalker.Layer layer, Set<String> pending, Map<String, LayerWalker.Extractor> extractors) {
    this.description = layer.description();
    this.pending = Set.copyOf(pending);
    this.extractors = Map.copyOf(extractors);
  }

  /** The extractor of a pending path, or of the pending path that is a hard link to a name. */
  private LayerWalker.Extractor extractorFor(String name) {
    LayerWalker.Extractor own = extractors.get(name);
    if (own != null) {
      return own;
    }
    return links.entrySet().stream()
        .filter(l -> l.getValue().equals(name) && extractors.containsKey(l.getKey()))
        .map(l -> extractors.get(l.getKey()))
        .findFirst()
        .orElse(null);
  }

  void read(LayerWalker.Layer layer, LayerStreams.Counter counter, boolean secondPass)
      throws JenkinsDindException {
    try (TarArchiveInputStream tar = LayerStreams.openTar(layer, counter)) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Optional<String> normalized = EntryPaths.normalize(layer.fromRoot(entry.getName()));
        if (normalized.isEmpty() || normalized.get().equals("/")) {
          continue; // a name above the root is no file of the image
        }
        String name = normalized.get();
        if (!secondPass) {
          noteHiding(name, entry);
        }
        if (isInteresting(name)) {
          take(layer, name, entry, tar);
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
      pending.stream().filter(p -> p.equals(gone) || p.startsWith(gone + "/")).forEach(hidden::add);
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

  private void take(
      LayerWalker.Layer layer, String name, TarArchiveEntry entry, TarArchiveInputStream tar)
      throws IOException, ConfigurationException {
    if (entry.isLink()) {
      Optional<String> target = EntryPaths.normalize(layer.fromRoot(entry.getLinkName()));
      if (target.isEmpty()) {
        throw unsupported(name, "it is a hard link to " + entry.getLinkName());
      }
      links.put(name, target.get());
    } else if (entry.isSymbolicLink()) {
      throw unsupported(name, "it is a symbolic link to " + entry.getLinkName());
    } else if (entry.isDirectory()) {
      throw unsupported(name, "it is a directory");
    } else if (entry.isFile() && extractorFor(name) != null) {
      contents.put(
          name,
          new ImageFile(
              name,
              extractorFor(name).extract(tar),
              entry.getMode(),
              entry.getLongUserId(),
              entry.getLongGroupId()));
    } else if (entry.isFile()) {
      if (entry.getSize() > LayerWalker.MAX_FILE_SIZE) {
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

  /** Whether a pending path is a hard link in this layer. */
  boolean isLink(String path) {
    return links.containsKey(path);
  }

  /** Whether this layer hides a pending path from the layers below. */
  boolean hides(String path) {
    return hidden.contains(path);
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

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }
}
