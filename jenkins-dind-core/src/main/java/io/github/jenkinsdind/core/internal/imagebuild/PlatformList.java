package io.github.jenkinsdind.core.internal.imagebuild;

import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import io.github.jenkinsdind.core.internal.base.BaseFilesCache;
import io.github.jenkinsdind.core.internal.base.BaseReference;
import io.github.jenkinsdind.core.internal.base.RegistryBaseSource;
import io.github.jenkinsdind.core.internal.files.CacheLayout;
import io.github.jenkinsdind.core.internal.index.IndexPlatform;
import io.github.jenkinsdind.core.internal.index.PlatformChoice;
import java.util.List;

/**
 * The step that decides the platforms of a multi-platform build: those listed in {@code platforms},
 * or, for {@code platforms=all}, every platform of the base's manifest list or OCI index that the
 * docker CLI and its plugins exist for ({@link ArchitectureBinaries#available}: a published
 * download or a local file for the architecture), in the base's order, with a warning naming the
 * platforms left out. Then the per-architecture settings are checked against the platforms.
 *
 * <p>Only a registry base has a platform list: a {@code docker://} or {@code tar://} base is one
 * image of one platform, and {@code all} is refused for it with the advice to list the platform. An
 * offline build cannot read the list either (it is not cached).
 */
final class PlatformList {
  private PlatformList() {}

  /**
   * Decides the platforms.
   *
   * @param request the request (multi-platform)
   * @param checked the checked request
   * @param layout the cache's layout
   * @param events where the choice and the warning go
   * @return the platforms to build, in order
   * @throws JenkinsDindException if the base's list cannot be read, no platform of it can be built,
   *     or a per-architecture setting cannot serve the platforms
   */
  static List<ImagePlatform> choose(
      BuildRequest request, CheckedRequest checked, CacheLayout layout, EventHandler events)
      throws JenkinsDindException {
    if (!request.allPlatforms()) {
      return request.platforms(); // checked with the request (RequestCheck)
    }
    List<ArchitectureBinaries> binaries = ArchitectureBinaries.of(request);
    List<IndexPlatform> ofBase =
        readBase(request, checked, layout, events).stream().map(IndexPlatform::of).toList();
    PlatformChoice.Selection selection =
        new PlatformChoice.AllOfBase()
            .select(ofBase, p -> binaries.stream().allMatch(b -> b.available(p)));
    if (!selection.leftOut().isEmpty()) {
      events.handle(
          Event.warn(
              "platforms=all leaves out "
                  + String.join(", ", selection.leftOut().stream().map(Object::toString).toList())
                  + " of base "
                  + request.from()
                  + ": no docker CLI (or CLI plugin) is published for "
                  + (selection.leftOut().size() == 1 ? "it" : "them")
                  + " and no local file is given"));
    }
    List<ImagePlatform> chosen =
        selection.chosen().stream().map(IndexPlatform::imagePlatform).distinct().toList();
    events.handle(
        Event.info(
            "platforms=all: building "
                + String.join(", ", chosen.stream().map(Object::toString).toList())
                + ", the platforms of base "
                + request.from()));
    ArchitectureBinaries.check(binaries, chosen);
    return chosen;
  }

  private static List<ImagePlatform> readBase(
      BuildRequest request, CheckedRequest checked, CacheLayout layout, EventHandler events)
      throws JenkinsDindException {
    BaseReference base = checked.base();
    if (base.kind() != BaseReference.Kind.REGISTRY) {
      throw new ConfigurationException(
          "platforms=all reads the platforms of a registry base's manifest list or OCI index, and"
              + " base "
              + request.from()
              + " is one image of one platform (a Docker daemon's image or a docker save tar)",
          Setting.PLATFORMS,
          PlatformChoice.ALL,
          Suggestion.perhaps()
              .text("list the platform in ")
              .setting(Setting.PLATFORMS)
              .text(", or set ")
              .setting(Setting.PLATFORM)
              .text(", or build from the registry image")
              .build(),
          null);
    }
    try (RegistryBaseSource source =
        RegistryBaseSource.create(
            base.reference(),
            request.allowInsecureRegistries(),
            request.offline(),
            checked.credentials(),
            new BaseFilesCache(layout, events),
            events)) {
      return source.platforms();
    }
  }
}
