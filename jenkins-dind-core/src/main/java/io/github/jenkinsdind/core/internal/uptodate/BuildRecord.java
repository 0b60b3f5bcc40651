package io.github.jenkinsdind.core.internal.uptodate;

import io.github.jenkinsdind.core.api.BuildResult;
import io.github.jenkinsdind.core.api.ImageBinary;
import io.github.jenkinsdind.core.api.JenkinsPlugin;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a build made, remembered under its inputs' fingerprint: the result without its duration,
 * and, for a tar target, the stamp of the tar file as written.
 *
 * @param fingerprint the inputs' fingerprint ({@link BuildInputs#fingerprint()})
 * @param image see {@link BuildResult#image()}
 * @param digest see {@link BuildResult#digest()}
 * @param imageId see {@link BuildResult#imageId()}
 * @param tags see {@link BuildResult#tags()}, sorted
 * @param baseImage see {@link BuildResult#baseImage()}
 * @param baseDigest see {@link BuildResult#baseDigest()}
 * @param dockerCliVersion see {@link BuildResult#dockerCliVersion()}
 * @param dockerCliSha256 see {@link BuildResult#dockerCliSha256()}
 * @param cliPlugins see {@link BuildResult#cliPlugins()}
 * @param dockerGid see {@link BuildResult#dockerGid()}
 * @param platformDigests see {@link BuildResult#platformDigests()}
 * @param jenkinsVersion see {@link BuildResult#jenkinsVersion()}
 * @param plugins see {@link BuildResult#plugins()}
 * @param pluginsLock see {@link BuildResult#pluginsLock()}
 * @param tarStamp the tar file's {@link FileStamp} right after it was written, or {@code null}
 */
public record BuildRecord(
    String fingerprint,
    String image,
    String digest,
    String imageId,
    List<String> tags,
    String baseImage,
    String baseDigest,
    String dockerCliVersion,
    String dockerCliSha256,
    List<ImageBinary> cliPlugins,
    long dockerGid,
    Map<String, String> platformDigests,
    String jenkinsVersion,
    List<JenkinsPlugin> plugins,
    String pluginsLock,
    String tarStamp) {

  /** Checks and copies the parts. */
  public BuildRecord {
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(imageId, "imageId");
    tags = List.copyOf(new TreeSet<>(tags));
    cliPlugins = List.copyOf(cliPlugins);
    platformDigests = Map.copyOf(platformDigests);
    plugins = List.copyOf(plugins);
  }

  /**
   * Remembers a result.
   *
   * @param fingerprint the inputs' fingerprint
   * @param result what the build made
   * @param tarStamp the tar file's stamp, or {@code null} for another target
   * @return the record
   */
  public static BuildRecord of(String fingerprint, BuildResult result, String tarStamp) {
    return new BuildRecord(
        fingerprint,
        result.image(),
        result.digest(),
        result.imageId(),
        List.copyOf(result.tags()),
        result.baseImage(),
        result.baseDigest(),
        result.dockerCliVersion(),
        result.dockerCliSha256(),
        result.cliPlugins(),
        result.dockerGid(),
        result.platformDigests(),
        result.jenkinsVersion(),
        result.plugins(),
        result.pluginsLock(),
        tarStamp);
  }

  /**
   * The result of a rebuild that found this image up to date.
   *
   * @param duration how long the check took
   * @return the result, {@link BuildResult#upToDate()}
   */
  public BuildResult result(Duration duration) {
    return new BuildResult(
        image,
        digest,
        imageId,
        new TreeSet<>(tags),
        baseImage,
        baseDigest,
        dockerCliVersion,
        dockerCliSha256,
        cliPlugins,
        dockerGid,
        new TreeMap<>(platformDigests),
        duration,
        jenkinsVersion,
        plugins,
        pluginsLock,
        true);
  }
}
