package io.github.jenkinsdind.core.internal.imagebuild;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.ImagePlatform;
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
 * then one image index ({@link IndexTargets}). Every platform is prepared (its base read, its
 * binaries resolved and checked against their pins) before any is written, so that a bad pin or a
 * platform the base lacks pushes nothing; and nothing names the target before every platform has
 * been written: a failing write leaves the target's tags as they were.
 *
 * <p>A Docker daemon holds one platform per tag: a {@code docker} target does not come here ({@link
 * DaemonPlatform} picks the one platform to build and load).
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
   * @throws ConfigurationException if a platform is listed twice
   */
  static void check(List<ImagePlatform> platforms) throws ConfigurationException {
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
      List<PlatformBuild.Prepared> prepared = new ArrayList<>();
      for (ImagePlatform platform : platforms) {
        events.handle(Event.info("Preparing the " + platform + " image"));
        prepared.add(prepare(platform, platforms));
      }
      List<IndexTargets.Written> written = new ArrayList<>();
      List<PlatformBuild.Outcome> outcomes = new ArrayList<>();
      List<Path> tars = new ArrayList<>();
      for (PlatformBuild.Prepared ready : prepared) {
        ImagePlatform platform = ready.platform();
        Path tar = work.resolve(platform.os() + "-" + platform.architecture() + ".tar");
        events.handle(Event.info("Writing the " + platform + " image"));
        PlatformBuild.Outcome outcome =
            platformBuild.write(ready, targets.platformWriter(platform, tar));
        outcomes.add(outcome);
        written.add(new IndexTargets.Written(platform, outcome.image()));
        tars.add(tar);
      }
      return new Outcome(targets.writeIndex(written, tars), written, outcomes);
    } finally {
      FileTrees.deleteQuietly(work);
    }
  }

  /** Prepares a platform; a platform the base lacks is a fault of {@code platforms}. */
  private PlatformBuild.Prepared prepare(ImagePlatform platform, List<ImagePlatform> platforms)
      throws JenkinsDindException {
    try {
      return platformBuild.prepare(platform);
    } catch (ConfigurationException e) {
      if (e.setting().filter(Setting.PLATFORM::equals).isEmpty()) {
        throw e;
      }
      String list =
          platforms.stream().map(ImagePlatform::toString).collect(Collectors.joining(","));
      throw new ConfigurationException(
          e.getMessage(),
          Setting.PLATFORMS,
          list,
          Suggestion.perhaps()
              .text("leave " + platform + " out of ")
              .setting(Setting.PLATFORMS)
              .text(", or set it to all for every platform of the base a docker CLI exists for")
              .build(),
          e);
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
