package io.github.jenkinsdind.core.internal.imagebuild;

import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.accounts.AccountFiles;
import io.github.jenkinsdind.core.internal.base.BaseFiles;
import io.github.jenkinsdind.core.internal.base.BaseImageReader;
import io.github.jenkinsdind.core.internal.base.BaseManifest;
import io.github.jenkinsdind.core.internal.files.CacheLayout;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * The step that reads the base's account files ({@link BaseImageReader}, through {@link
 * BaseSources}): from the base files cache, from the daemon's copy when the daemon pulls the base,
 * or from the base's layers.
 */
final class BaseReadStep {
  /** The account files read from the base. */
  static final Set<String> ACCOUNT_PATHS =
      Set.of(AccountFiles.PASSWD, AccountFiles.GROUP, AccountFiles.GSHADOW, AccountFiles.SHADOW);

  private BaseReadStep() {}

  /**
   * Reads the base.
   *
   * @param request the request
   * @param layout the cache directory's layout
   * @param events where messages go
   * @param checked the checked request
   * @param platform the platform to read the base for
   * @param pull the daemon's pull of the base, told the resolved base and used as a view of it
   * @return the account files, the digest and the layers
   * @throws JenkinsDindException if the base cannot be resolved or read
   */
  static BaseRead read(
      BuildRequest request,
      CacheLayout layout,
      EventHandler events,
      CheckedRequest checked,
      ImagePlatform platform,
      StartedPull pull)
      throws JenkinsDindException {
    BaseImageReader reader = new BaseImageReader(layout.root(), request.offline(), events);
    try (BaseSources.Remembering source =
        BaseSources.open(
            checked.base(),
            request,
            checked.credentials(),
            reader.cache(),
            layout,
            events,
            pull::resolved)) {
      BaseFiles files = reader.read(source, platform, ACCOUNT_PATHS, pull.view());
      List<BaseManifest.Layer> layers =
          source.resolved().map(BaseManifest::layers).orElse(List.of());
      if (!JenkinsOfBase.needsEnv(request)) {
        return new BaseRead(files.files(), files.baseDigest(), layers);
      }
      // the account files may have come from the daemon's copy or the cache, without the
      // manifest: the config's env and the war need it
      BaseManifest manifest =
          source.resolved().isPresent() ? source.resolved().get() : source.resolve(platform);
      JenkinsOfBase jenkins =
          JenkinsOfBase.read(request, reader, source, manifest, platform, pull, events);
      return new BaseRead(
          files.files(),
          files.baseDigest(),
          layers,
          jenkins.env(),
          jenkins.version(),
          jenkins.bundled());
    } catch (IOException e) {
      throw new EnvironmentException(
          "Could not read the base image " + request.from() + ": " + e.getMessage(),
          Setting.FROM,
          request.from(),
          (String) null,
          e);
    }
  }
}
