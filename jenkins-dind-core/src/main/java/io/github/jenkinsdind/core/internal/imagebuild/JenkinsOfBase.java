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

/**
 * What the Jenkins parts of a build need of the base: the environment of its config (for {@code
 * JAVA_OPTS}) and its Jenkins version (for the plugins' {@code requiredCore}). The version is the
 * {@code jenkinsVersion} setting if given, else the base's {@code JENKINS_VERSION}, else {@code
 * Jenkins-Version} in the manifest of {@value JenkinsWar#PATH}: only then is the war looked for in
 * the base's layers, read down to its manifest (its first entry), and the version cached by the
 * base's digest with the account files.
 *
 * @param env the base's environment, {@code NAME=value} entries
 * @param version the Jenkins version, or {@code null} if not known or not needed
 */
record JenkinsOfBase(List<String> env, String version) {
  /** Copies the parts. */
  JenkinsOfBase {
    env = List.copyOf(env);
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
      return new JenkinsOfBase(env, null);
    }
    Optional<String> given = request.plugins().givenJenkinsVersion();
    if (given.isPresent()) {
      return new JenkinsOfBase(env, given.get());
    }
    Optional<String> fromEnv = JenkinsWar.versionFromEnv(env);
    if (fromEnv.isPresent()) {
      events.handle(Event.info("Jenkins " + fromEnv.get() + " in the base (JENKINS_VERSION)"));
      return new JenkinsOfBase(env, fromEnv.get());
    }
    LayerWalker.Extractor manifestOnly =
        war -> JenkinsWar.version(war).orElse("").getBytes(StandardCharsets.UTF_8);
    Optional<String> fromWar =
        reader
            .read(
                source,
                platform,
                Set.of(JenkinsWar.PATH),
                pull.view(),
                Map.of(JenkinsWar.PATH, manifestOnly))
            .file(JenkinsWar.PATH)
            .map(ImageFile::content)
            .map(bytes -> new String(bytes, StandardCharsets.UTF_8).strip())
            .filter(v -> !v.isEmpty());
    fromWar.ifPresent(
        v -> events.handle(Event.info("Jenkins " + v + " in the base (" + JenkinsWar.PATH + ")")));
    return new JenkinsOfBase(env, fromWar.orElse(null));
  }
}
