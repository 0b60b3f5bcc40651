package io.github.jenkinsdind.core.internal.imagebuild;

import com.google.cloud.tools.jib.api.DockerDaemonImage;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.internal.base.BaseFilesCache;
import io.github.jenkinsdind.core.internal.base.BaseManifest;
import io.github.jenkinsdind.core.internal.base.BaseReference;
import io.github.jenkinsdind.core.internal.base.BaseSource;
import io.github.jenkinsdind.core.internal.base.DaemonBaseSource;
import io.github.jenkinsdind.core.internal.base.RegistryBaseSource;
import io.github.jenkinsdind.core.internal.base.TarBaseSource;
import io.github.jenkinsdind.core.internal.files.CacheLayout;
import io.github.jenkinsdind.core.internal.jib.JibDockerClient;
import io.github.jenkinsdind.core.internal.registry.RegistryCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The base image, twice: as a {@link BaseSource} to read its account files from, and as Jib's base.
 * A registry base is handed to Jib pinned to the digest that was read, so that the account files
 * and the layers kept always come from the same image.
 */
final class BaseSources {
  private BaseSources() {}

  /**
   * Opens the base for reading.
   *
   * @param base the parsed {@code from}
   * @param request the request
   * @param credentials the registry credentials
   * @param cache the base files cache (its index serves offline builds)
   * @param layout the cache directory's layout (a daemon base is saved under its {@code tmp})
   * @param events where messages go
   * @param onResolved told the manifest as soon as the base is resolved, before its layers are read
   * @return the source; close it when done
   * @throws ConfigurationException if the reference is invalid
   */
  static Remembering open(
      BaseReference base,
      BuildRequest request,
      RegistryCredentials credentials,
      BaseFilesCache cache,
      CacheLayout layout,
      EventHandler events,
      Consumer<BaseManifest> onResolved)
      throws ConfigurationException {
    return new Remembering(
        onResolved,
        switch (base.kind()) {
          case REGISTRY ->
              RegistryBaseSource.create(
                  base.reference(),
                  request.allowInsecureRegistries(),
                  request.offline(),
                  credentials,
                  cache,
                  events);
          case DAEMON -> new DaemonBaseSource(base.reference(), layout.tmp(), events);
          case TAR -> new TarBaseSource(base.tarPath(), null, events);
        });
  }

  /**
   * A source that remembers the manifest it resolved, so that the build can use the base's layer
   * list without asking the registry twice.
   */
  static final class Remembering implements BaseSource {
    private final Consumer<BaseManifest> onResolved;
    private final BaseSource delegate;
    private BaseManifest resolved;

    Remembering(Consumer<BaseManifest> onResolved, BaseSource delegate) {
      this.onResolved = onResolved;
      this.delegate = delegate;
    }

    /**
     * Returns the manifest resolved last.
     *
     * @return the manifest, or empty before {@link #resolve}
     */
    Optional<BaseManifest> resolved() {
      return Optional.ofNullable(resolved);
    }

    @Override
    public String describe() {
      return delegate.describe();
    }

    @Override
    public BaseManifest resolve(ImagePlatform platform) throws JenkinsDindException {
      resolved = delegate.resolve(platform);
      onResolved.accept(resolved);
      return resolved;
    }

    @Override
    public InputStream openLayer(BaseManifest.Layer layer) throws JenkinsDindException {
      return delegate.openLayer(layer);
    }

    @Override
    public List<String> configEnv(BaseManifest manifest) throws JenkinsDindException {
      return delegate.configEnv(manifest);
    }

    @Override
    public void close() throws IOException {
      delegate.close();
    }
  }

  /**
   * Starts Jib's build from the base.
   *
   * @param base the parsed {@code from}
   * @param digest the digest the account files were read from
   * @param credentials the registry credentials
   * @param daemon the Docker daemon, needed for a {@code docker://} base
   * @return Jib's builder
   * @throws IllegalStateException if the base is a {@code docker://} one and there is no daemon
   */
  static JibContainerBuilder jibBase(
      BaseReference base,
      String digest,
      RegistryCredentials credentials,
      Optional<JibDockerClient> daemon) {
    return switch (base.kind()) {
      case REGISTRY -> {
        ImageReference pinned = base.imageReference().withQualifier(digest);
        yield Jib.from(
            RegistryImage.named(pinned).addCredentialRetriever(credentials.retrieverFor(pinned)));
      }
      case DAEMON ->
          Jib.from(
              daemon.orElseThrow(() -> new IllegalStateException("no daemon for " + base)),
              DockerDaemonImage.named(base.imageReference()));
      case TAR -> Jib.from(TarImage.at(base.tarPath()));
    };
  }
}
