package io.github.jenkinsdind.core.internal.imagebuild;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import io.github.jenkinsdind.core.internal.base.PlatformSelector;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one platform a {@code docker} target builds and loads when {@code platforms} names several: a
 * Docker daemon holds one platform per tag. Pure.
 *
 * <p>The platform that runs on the daemon is preferred: the daemon's architecture ({@code Engine
 * info}'s {@code x86_64} is {@code amd64}, {@code aarch64} is {@code arm64}) when it is among the
 * platforms; otherwise {@code platform}, which must then be among them. Why not {@code platform}
 * first: it always has a value ({@code linux/amd64} by default), so it cannot tell a user's choice
 * from the default, and the image a daemon should hold is the one it runs. To load another
 * platform, build it alone with {@code platform}.
 *
 * @param loaded the platform built and loaded
 * @param notLoaded the other platforms, neither built nor loaded
 * @param why why {@code loaded} was picked, for the message
 */
record DaemonPlatform(ImagePlatform loaded, List<ImagePlatform> notLoaded, String why) {

  /** Checks and copies the parts. */
  DaemonPlatform {
    Objects.requireNonNull(loaded, "loaded");
    notLoaded = List.copyOf(notLoaded);
    Objects.requireNonNull(why, "why");
  }

  /**
   * Picks the platform.
   *
   * @param platforms the platforms asked for (or the base's, for {@code all})
   * @param platform the {@code platform} setting
   * @param daemonArchitecture the daemon's architecture as {@code info} says it ({@code x86_64}),
   *     if it said one
   * @return the choice
   * @throws ConfigurationException naming {@link Setting#PLATFORM} when neither the daemon's
   *     platform nor {@code platform} is among the platforms
   */
  static DaemonPlatform choose(
      List<ImagePlatform> platforms, ImagePlatform platform, Optional<String> daemonArchitecture)
      throws ConfigurationException {
    Optional<ImagePlatform> own =
        daemonArchitecture
            .filter(a -> !a.isBlank())
            .map(a -> new ImagePlatform("linux", PlatformSelector.normalizeArchitecture(a)));
    if (own.isPresent() && platforms.contains(own.get())) {
      return of(platforms, own.get(), "the daemon's own platform");
    }
    String daemon =
        own.map(p -> "the daemon runs " + p + ", which is not among them")
            .orElse("the daemon did not say its architecture");
    if (platforms.contains(platform)) {
      return of(platforms, platform, "platform; " + daemon);
    }
    throw new ConfigurationException(
        "a Docker daemon holds one platform per tag, and none of platforms "
            + platforms
            + " can be picked: "
            + daemon
            + ", and platform "
            + platform
            + " is not among them either",
        Setting.PLATFORM,
        platform.toString(),
        Suggestion.perhaps()
            .text("set ")
            .setting(Setting.PLATFORM)
            .text(" to the one to load, or use target registry or tar for the whole index")
            .build(),
        null);
  }

  private static DaemonPlatform of(
      List<ImagePlatform> platforms, ImagePlatform loaded, String why) {
    return new DaemonPlatform(
        loaded, platforms.stream().filter(p -> !p.equals(loaded)).toList(), why);
  }

  /**
   * Says what the build does, for an event.
   *
   * @return for example {@code A Docker daemon holds one platform per tag: building and loading
   *     linux/amd64 (the daemon's own platform); not built: linux/arm64 …}
   */
  String message() {
    return "A Docker daemon holds one platform per tag: building and loading "
        + loaded
        + " ("
        + why
        + ")"
        + (notLoaded.isEmpty()
            ? ""
            : "; not built or loaded: "
                + String.join(", ", notLoaded.stream().map(ImagePlatform::toString).toList())
                + " (the registry and tar targets write every platform as one index)");
  }
}
