package io.github.jenkinsdind.core.internal.plugins;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.internal.download.CacheFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The plugins requested by URL ({@code id:version:url}, {@code id::url}): downloaded first (cached
 * by URL), and their manifests read, so that resolution knows their versions and dependencies. The
 * file must be the plugin the entry names, at its version if one is given.
 */
final class UrlPlugins {
  private UrlPlugins() {}

  static Map<String, PluginRelease> fetch(List<PluginSpec> specs, PluginFetcher fetcher)
      throws JenkinsDindException {
    Map<String, PluginRelease> releases = new HashMap<>();
    for (PluginSpec spec : specs) {
      if (spec.kind() != PluginSpec.Kind.URL) {
        continue;
      }
      Path file = fetcher.fetchByUrl(spec.id(), spec.url());
      try {
        PluginRelease release = PluginManifest.read(file, spec.url(), CacheFiles.sha256(file));
        if (!release.id().equals(spec.id())
            || (spec.version() != null && !release.version().equals(spec.version()))) {
          throw new ConfigurationException(
              "the file at "
                  + spec.url()
                  + " is plugin "
                  + release
                  + ", not what "
                  + spec.origin()
                  + " says",
              spec.setting(),
              spec.url(),
              "perhaps you should correct the id or version of that entry");
        }
        releases.put(spec.id(), release);
      } catch (IOException e) {
        CacheFiles.deleteQuietly(file);
        throw new ConfigurationException(
            "the file at "
                + spec.url()
                + " ("
                + spec.origin()
                + ") is not a Jenkins plugin: "
                + e.getMessage(),
            spec.setting(),
            spec.url(),
            "perhaps you should check the URL of that entry",
            e);
      }
    }
    return releases;
  }
}
