package io.github.jenkinsdind.core.internal.imagebuild;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryException;
import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import io.github.jenkinsdind.core.internal.base.BaseReference;
import io.github.jenkinsdind.core.internal.registry.RegistryErrors;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.ExecutionException;

/**
 * Writes the image with Jib, and says what went wrong in the build's terms: a failing registry is
 * blamed on the setting it came from, the base's ({@code from}) or the target's ({@code image}).
 */
final class JibImageWrite implements ImageWrite {
  private final BuildRequest request;
  private final BaseReference base;

  /**
   * Prepares the writes of a build.
   *
   * @param request the request
   * @param base the parsed {@code from}
   */
  JibImageWrite(BuildRequest request, BaseReference base) {
    this.request = Objects.requireNonNull(request, "request");
    this.base = Objects.requireNonNull(base, "base");
  }

  @Override
  public WrittenImage write(JibContainerBuilder builder, Containerizer containerizer)
      throws JenkinsDindException {
    JibContainer container;
    try {
      container = builder.containerize(containerizer);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EnvironmentException("The build was interrupted", e);
    } catch (CacheDirectoryCreationException e) {
      throw new EnvironmentException(
          "Could not create the cache directory under " + request.cacheDirectory(),
          Setting.CACHE_DIRECTORY,
          request.cacheDirectory().toString(),
          Suggestion.perhaps()
              .text("point ")
              .setting(Setting.CACHE_DIRECTORY)
              .text(" at a writable directory")
              .build(),
          e);
    } catch (ExecutionException | IOException | RegistryException | RuntimeException e) {
      throw translate(e);
    }
    return new WrittenImage(
        container.getDigest().toString(), container.getImageId().toString(), container.getTags());
  }

  /** Blames the base when the failing registry is the base's and not the target's. */
  private JenkinsDindException translate(Exception e) {
    String targetRegistry = RegistryErrors.registryOf(request.target().image());
    boolean baseFailed =
        base.kind() == BaseReference.Kind.REGISTRY
            && RegistryErrors.failingRegistry(e)
                .filter(failing -> !failing.equals(targetRegistry))
                .isPresent();
    return baseFailed
        ? RegistryErrors.translate(e, Setting.FROM, base.reference())
        : RegistryErrors.translate(e, Setting.IMAGE, request.target().image());
  }
}
