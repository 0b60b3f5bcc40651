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
 * then one image index ({@link PlatformTargets}). The platforms are prepared at once ({@link
 * PlatformTasks}: as many as the machine has processors, at least two, so that one platform's
 * network reads overlap another's work), sharing one cache and the work that does not depend on the
 * platform (the request's checks, done before; the Jenkins plugins, resolved once: {@link
 * SharedPlugins}). Every platform is prepared (its base read, its binaries resolved and checked
 * against their pins) before any is written, so that a bad pin or a platform the base lacks pushes
 * nothing: when one platform fails, the others are cancelled and waited for, and nothing is
 * written. Then the platforms are written at once too, each under a name of its own, and last the
 * index: nothing names the target before every platform has been written, so a failing write leaves
 * the target's tags as they were. The results do not depend on the order the platforms end in: the
 * index lists them in the request's order, and each platform's image is what a build of that
 * platform alone gives.
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
  private final PlatformTargets targets;
  private final Path tmp;
  private final EventHandler events;
  private final PlatformTasks tasks;

  /**
   * Prepares the build.
   *
   * @param platformBuild builds one platform
   * @param targets writes the platforms and the index
   * @param tmp where the platforms' tars go for a while
   * @param events where messages go
   */
  MultiPlatformBuild(
      PlatformBuild platformBuild, PlatformTargets targets, Path tmp, EventHandler events) {
    this(platformBuild, targets, tmp, events, PlatformTasks.ofMachine());
  }

  /**
   * Prepares the build, with so many platforms at once.
   *
   * @param platformBuild builds one platform
   * @param targets writes the platforms and the index
   * @param tmp where the platforms' tars go for a while
   * @param events where messages go
   * @param tasks runs the platforms' work
   */
  MultiPlatformBuild(
      PlatformBuild platformBuild,
      PlatformTargets targets,
      Path tmp,
      EventHandler events,
      PlatformTasks tasks) {
    this.platformBuild = Objects.requireNonNull(platformBuild, "platformBuild");
    this.targets = Objects.requireNonNull(targets, "targets");
    this.tmp = Objects.requireNonNull(tmp, "tmp");
    this.events = Objects.requireNonNull(events, "events");
    this.tasks = Objects.requireNonNull(tasks, "tasks");
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
      List<PlatformBuild.Prepared> prepared;
      try (SharedPlugins plugins = platformBuild.sharedPlugins(platforms.get(0), events)) {
        prepared =
            tasks.run(
                "prepare",
                platforms,
                platform -> {
                  events.handle(Event.info("Preparing the " + platform + " image"));
                  return prepare(platform, platforms, plugins);
                });
      }
      List<PlatformBuild.Outcome> outcomes =
          tasks.run(
              "write",
              platforms,
              platform -> {
                events.handle(Event.info("Writing the " + platform + " image"));
                return platformBuild.write(
                    prepared.get(platforms.indexOf(platform)),
                    targets.platformWriter(platform, tarOf(work, platform)));
              });
      List<IndexTargets.Written> written = new ArrayList<>();
      List<Path> tars = new ArrayList<>();
      for (int i = 0; i < platforms.size(); i++) {
        written.add(new IndexTargets.Written(platforms.get(i), outcomes.get(i).image()));
        tars.add(tarOf(work, platforms.get(i)));
      }
      return new Outcome(targets.writeIndex(written, tars), written, outcomes);
    } finally {
      FileTrees.deleteQuietly(work);
    }
  }

  private static Path tarOf(Path work, ImagePlatform platform) {
    return work.resolve(platform.os() + "-" + platform.architecture() + ".tar");
  }

  /** Prepares a platform; a platform the base lacks is a fault of {@code platforms}. */
  private PlatformBuild.Prepared prepare(
      ImagePlatform platform, List<ImagePlatform> platforms, PlatformBuild.PluginSource plugins)
      throws JenkinsDindException {
    try {
      return platformBuild.prepare(platform, plugins);
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
