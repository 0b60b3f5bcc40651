package io.github.jenkinsdind.core.api;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a build made.
 *
 * @param image the image reference it was written as
 * @param digest the image's manifest digest, {@code sha256:...}
 * @param imageId the image ID (its config digest), {@code sha256:...}
 * @param tags every tag it got, the one of {@code image} included
 * @param baseImage the base image as given
 * @param baseDigest the base image's manifest digest (or, for a daemon or tar base, its ID)
 * @param dockerCliVersion the docker CLI version recorded in the labels
 * @param dockerCliSha256 the sha256 of the docker CLI binary in the image
 * @param cliPlugins the docker CLI plugins in the image, in layer order (empty when none)
 * @param dockerGid the docker group's GID in the image
 * @param platformDigests for a multi-platform image (whose {@code digest} is the index's), each
 *     platform's manifest digest, by {@code os/architecture}; empty for a one-platform image
 * @param duration how long the build took
 * @param jenkinsVersion the base's Jenkins version the plugins were resolved for, or {@code null}
 *     when no plugin was asked for or it is not known
 * @param plugins the Jenkins plugins in the image, ordered by id (empty when none)
 * @param pluginsLock the text of the {@code plugins.lock} that installs exactly these plugins
 *     again, or {@code null} when no plugin was asked for
 * @param upToDate whether the build changed nothing: its inputs and base were those of an earlier
 *     build whose image the target still held, so that it only checked that and re-applied the tags
 *     ({@code duration} is then the check's)
 */
public record BuildResult(
    String image,
    String digest,
    String imageId,
    Set<String> tags,
    String baseImage,
    String baseDigest,
    String dockerCliVersion,
    String dockerCliSha256,
    List<ImageBinary> cliPlugins,
    long dockerGid,
    Map<String, String> platformDigests,
    Duration duration,
    String jenkinsVersion,
    List<JenkinsPlugin> plugins,
    String pluginsLock,
    boolean upToDate) {

  /**
   * Copies the tags.
   *
   * @param image the image
   * @param digest the digest
   * @param imageId the ID
   * @param tags the tags
   * @param baseImage the base
   * @param baseDigest the base digest
   * @param dockerCliVersion the CLI version
   * @param dockerCliSha256 the CLI sha256
   * @param cliPlugins the CLI plugins
   * @param dockerGid the GID
   * @param platformDigests the platforms' digests
   * @param duration the duration
   * @param jenkinsVersion the Jenkins version, or {@code null}
   * @param plugins the Jenkins plugins
   * @param pluginsLock the lock file's text, or {@code null}
   * @param upToDate whether it was found up to date
   */
  public BuildResult {
    plugins = List.copyOf(plugins);
    tags = Set.copyOf(tags);
    cliPlugins = List.copyOf(cliPlugins);
    platformDigests = Collections.unmodifiableMap(new TreeMap<>(platformDigests));
  }
}
