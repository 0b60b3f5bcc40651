package io.github.jenkinsdind.core.internal.imagebuild;

import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.internal.base.BaseConfigEnv;
import io.github.jenkinsdind.core.internal.base.BaseImageReader;
import io.github.jenkinsdind.core.internal.base.BaseManifest;
import io.github.jenkinsdind.core.internal.base.BaseSource;
import io.github.jenkinsdind.core.internal.base.LayerWalker;
import io.github.jenkinsdind.core.internal.files.ImageFile;
import io.github.jenkinsdind.core.internal.plugins.JenkinsWar;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the Jenkins parts of a build need of the base: the environment of its config (for {@code
 * JAVA_OPTS}), its Jenkins version (for the plugins' {@code requiredCore}) and the plugins its war
 * bundles (left out unless a newer version is required). The version is the {@code jenkinsVersion}
 * setting if given, else the base's {@code JENKINS_VERSION}, else {@code Jenkins-Version} in the
 * manifest of {@value JenkinsWar#PATH}. When plugins are resolved (not taken from a lock file) the
 * war is read whole from the base's layers, as the plugin installation manager reads it, for its
 * {@code WEB-INF/detached-plugins}; what it says is cached by the base's digest with the account
 * files, so a base's war is read once.
 *
 * @param env the base's environment, {@code NAME=value} entries
 * @param version the Jenkins version, or {@code null} if not known or not needed
 * @param bundled the plugins the war bundles, id to version; empty if not read
 */
record JenkinsOfBase(List<String> env, String version, Map<String, String> bundled) {
  /** Copies the parts. */
  JenkinsOfBase {
    env = List.copyOf(env);
    bundled = Map.copyOf(bundled);
  }

  /**
   * Tells whether the build needs anything of Jenkins from the base.
   *
   * @param request the request
   * @return whether plugins are asked for or the setup wizard is skipped
   */
  static boolean needsEnv(BuildRequest request) {
    return !request.plugins().isEmpty() || request.jenkinsConfig().skipSetupWizard();
  }

  /**
   * Reads what the build needs.
   *
   * @param request the request
   * @param reader the base reader (its cache keeps the environment and the war's version)
   * @param source the base, resolved
   * @param manifest the base's resolved manifest
   * @param platform the platform
   * @param pull the daemon's pull of the base, whose copy may be read instead of layers
   * @param events where messages go
   * @return the environment and the version
   * @throws JenkinsDindException if the base's config or layers cannot be read
   */
  static JenkinsOfBase read(
      BuildRequest request,
      BaseImageReader reader,
      BaseSource source,
      BaseManifest manifest,
      ImagePlatform platform,
      StartedPull pull,
      EventHandler events)
      throws JenkinsDindException {
    List<String> env = BaseConfigEnv.read(reader.cache(), source, manifest);
    if (request.plugins().isEmpty()) {
      return new JenkinsOfBase(env, null, Map.of());
    }
    Optional<String> given = request.plugins().givenJenkinsVersion();
    Optional<String> fromEnv = JenkinsWar.versionFromEnv(env);
    boolean resolving = request.plugins().lockFile() == null;
    if (given.isPresent() && !resolving) {
      return new JenkinsOfBase(env, given.get(), Map.of());
    }
    if (fromEnv.isPresent() && given.isEmpty()) {
      events.handle(Event.info("Jenkins " + fromEnv.get() + " in the base (JENKINS_VERSION)"));
    }
    if (fromEnv.isPresent() && !resolving) {
      return new JenkinsOfBase(env, given.orElse(fromEnv.get()), Map.of());
    }
    // whole, whatever this build needs of it: the cache keeps one answer per base
    LayerWalker.Extractor extractor = war -> encode(JenkinsWar.read(war, true));
    JenkinsWar war =
        decode(
            reader
                .read(
                    source,
                    platform,
                    Set.of(JenkinsWar.PATH),
                    pull.view(),
                    Map.of(JenkinsWar.PATH, extractor))
                .file(JenkinsWar.PATH)
                .map(ImageFile::content)
                .orElse(new byte[0]));
    if (given.isEmpty() && fromEnv.isEmpty() && war.version() != null) {
      events.handle(
          Event.info("Jenkins " + war.version() + " in the base (" + JenkinsWar.PATH + ")"));
    }
    if (!war.bundled().isEmpty()) {
      events.handle(
          Event.debug("The base's war bundles " + war.bundled() + " (" + JenkinsWar.PATH + ")"));
    }
    return new JenkinsOfBase(env, given.orElse(fromEnv.orElse(war.version())), war.bundled());
  }

  /** What the war says, as cached: its version on the first line, then {@code id version}. */
  static byte[] encode(JenkinsWar war) {
    StringBuilder text = new StringBuilder(war.version() == null ? "" : war.version());
    war.bundled()
        .forEach((id, version) -> text.append('\n').append(id).append(' ').append(version));
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Reads back what {@link #encode} wrote; empty bytes for a base without a war. */
  static JenkinsWar decode(byte[] bytes) {
    String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
    String version = lines[0].strip().isEmpty() ? null : lines[0].strip();
    Map<String, String> bundled = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      String[] idVersion = lines[i].strip().split(" ", 2);
      if (idVersion.length == 2) {
        bundled.put(idVersion[0], idVersion[1]);
      }
    }
    return new JenkinsWar(version, bundled);
  }
}
