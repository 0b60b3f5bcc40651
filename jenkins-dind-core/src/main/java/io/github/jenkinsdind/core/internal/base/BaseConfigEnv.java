package io.github.jenkinsdind.core.internal.base;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.internal.files.ImageFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code config.Env} of a base image: the environment its processes get. {@link #read} takes it
 * from the {@link BaseFilesCache} entry of the base's digest (as a file of its own, {@link
 * #CACHE_PATH}), or else from the {@link BaseSource} and caches it, so that a warm or offline build
 * does not ask the registry for the config.
 */
public final class BaseConfigEnv {
  /** Where the environment is kept in a base's cache entry; no image has such a file. */
  static final String CACHE_PATH = "/.jenkins-dind/config-env.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private BaseConfigEnv() {}

  /**
   * Reads the environment of a resolved base, from the cache or from its source.
   *
   * @param cache the base files cache
   * @param source the base's source
   * @param manifest the manifest the source resolved
   * @return the base's {@code NAME=value} entries, in order
   * @throws JenkinsDindException if the config cannot be read (offline and not cached, for one)
   */
  public static List<String> read(BaseFilesCache cache, BaseSource source, BaseManifest manifest)
      throws JenkinsDindException {
    Optional<BaseFilesCache.Entry> cached = cache.load(manifest.digest(), Set.of(CACHE_PATH));
    if (cached.isPresent() && cached.get().files().containsKey(CACHE_PATH)) {
      try {
        List<String> env = new ArrayList<>();
        JSON.readTree(cached.get().files().get(CACHE_PATH).content())
            .forEach(e -> env.add(e.asText()));
        return List.copyOf(env);
      } catch (IOException e) {
        // an unreadable entry is a miss: read the config again
      }
    }
    List<String> env = source.configEnv(manifest);
    byte[] json;
    try {
      json = JSON.writeValueAsBytes(env);
    } catch (IOException e) {
      throw new IllegalStateException("a list of strings is always JSON", e);
    }
    cache.store(
        manifest.digest(),
        new BaseFilesCache.Entry(
            Map.of(CACHE_PATH, new ImageFile(CACHE_PATH, json, 0644, 0, 0)), Set.of()));
    return env;
  }

  /**
   * Reads the environment of a parsed image config.
   *
   * @param config the config JSON
   * @return its {@code NAME=value} entries, in order; empty if it has none
   */
  static List<String> of(JsonNode config) {
    List<String> env = new ArrayList<>();
    for (JsonNode entry : config.path("config").path("Env")) {
      if (entry.isTextual()) {
        env.add(entry.asText());
      }
    }
    return List.copyOf(env);
  }

  /**
   * Reads the environment of an image config's bytes.
   *
   * @param config the config JSON's bytes
   * @return its entries
   * @throws IOException if it is not JSON
   */
  static List<String> of(byte[] config) throws IOException {
    return of(JSON.readTree(config));
  }
}
