package io.github.jenkinsdind.core.internal.imagebuild;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.ImageTarget;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import io.github.jenkinsdind.core.internal.files.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A multi-platform build: {@link PlatformBuild} once per platform, each with the base's image for
 * that platform, its own account files and its own docker CLI and plugins for the architecture,
 * then one image index ({@link IndexTargets}). Nothing names the target before every platform has
 * been written: a failing platform leaves the target's tags as they were.
 *
 * <p>A Docker daemon holds one platform per tag: for a {@code docker} target only {@code platform}
 * is built and loaded, and the event says so.
 */
final class MultiPlatformBuild {

  /**
   * What a multi-platform build gives.
   *
   * @param index the index's digest and tags
   * @param platforms each platform's image, in order
   * @param outcomes each platform's outcome (base, binaries), in order
   */
  record Outcome(
      IndexTargets.WrittenIndex index,
      List<IndexTargets.Written> platforms,
      List<PlatformBuild.Outcome> outcomes) {}

  private final PlatformBuild platformBuild;
  private final IndexTargets targets;
  private final Path tmp;
  private final EventHandler events;

  /**
   * Prepares the build.
   *
   * @param platformBuild builds one platform
   * @param targets writes the platforms and the index
   * @param tmp where the platforms' tars go for a while
   * @param events where messages go
   */
  MultiPlatformBuild(
      PlatformBuild platformBuild, IndexTargets targets, Path tmp, EventHandler events) {
    this.platformBuild = Objects.requireNonNull(platformBuild, "platformBuild");
    this.targets = Objects.requireNonNull(targets, "targets");
    this.tmp = Objects.requireNonNull(tmp, "tmp");
    this.events = Objects.requireNonNull(events, "events");
  }

  /**
   * Checks the platforms of a multi-platform request.
   *
   * @param platforms the platforms
   * @param target the target
   * @param platform the one platform named for a docker target
   * @throws ConfigurationException if a platform is listed twice, or a docker target's platform is
   *     not among them
   */
  static void check(List<ImagePlatform> platforms, ImageTarget target, ImagePlatform platform)
      throws ConfigurationException {
    if (platforms.stream().distinct().count() != platforms.size()) {
      throw new ConfigurationException(
          "platforms lists a platform twice: "
              + platforms.stream().map(ImagePlatform::toString).collect(Collectors.joining(",")),
          Setting.PLATFORMS,
          platforms.toString(),
          Suggestion.perhaps()
              .text("list each platform once in ")
              .setting(Setting.PLATFORMS)
              .build(),
          null);
    }
    if (target instanceof ImageTarget.DockerDaemon && !platforms.contains(platform)) {
      throw new ConfigurationException(
          "a Docker daemon holds one platform per tag, and platform "
              + platform
              + " is not among platforms "
              + platforms,
          Setting.PLATFORM,
          platform.toString(),
          Suggestion.perhaps()
              .text("set ")
              .setting(Setting.PLATFORM)
              .text(" to the one to load, or use target registry or tar for the whole index")
              .build(),
          null);
    }
  }

  /**
   * Builds every platform and writes the index.
   *
   * @param platforms the platforms, in the index's order
   * @return the outcome
   * @throws JenkinsDindException if a platform or the index failed; the target's tags are untouched
   */
  Outcome run(List<ImagePlatform> platforms) throws JenkinsDindException {
    Path work = workDirectory();
    try {
      List<IndexTargets.Written> written = new ArrayList<>();
      List<PlatformBuild.Outcome> outcomes = new ArrayList<>();
      List<Path> tars = new ArrayList<>();
      for (ImagePlatform platform : platforms) {
        Path tar = work.resolve(platform.os() + "-" + platform.architecture() + ".tar");
        events.handle(Event.info("Building the " + platform + " image"));
        PlatformBuild.Outcome outcome =
            platformBuild.run(platform, (pull, base) -> targets.platformWriter(platform, tar));
        outcomes.add(outcome);
        written.add(new IndexTargets.Written(platform, outcome.image()));
        tars.add(tar);
      }
      return new Outcome(targets.writeIndex(written, tars), written, outcomes);
    } finally {
      FileTrees.deleteQuietly(work);
    }
  }

  private Path workDirectory() throws EnvironmentException {
    try {
      Files.createDirectories(tmp);
      return Files.createTempDirectory(tmp, "platforms-");
    } catch (IOException e) {
      throw new EnvironmentException(
          "Could not make a temporary directory under " + tmp + ": " + e.getMessage(),
          Setting.CACHE_DIRECTORY,
          tmp.toString(),
          Suggestion.perhaps()
              .text("point ")
              .setting(Setting.CACHE_DIRECTORY)
              .text(" at a writable directory")
              .build(),
          e);
    }
  }
}
