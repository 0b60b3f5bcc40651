package io.github.jenkinsdind.core.internal.imagebuild;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryImage;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.internal.registry.RegistryCredentials;
import java.util.Objects;

/**
 * Pushes the image to a registry, with the target's credentials. The base's layers were mounted
 * into the target repository before ({@link BaseLayerMount}) when the base is on the same registry.
 */
final class RegistryTargetWriter implements TargetWriter {
  private final ImageReference target;
  private final RegistryCredentials credentials;
  private final ContainerizerSettings settings;
  private final ImageWrite jib;

  /**
   * Prepares the push.
   *
   * @param target the target image
   * @param credentials where the target's credentials come from
   * @param settings the shared Jib settings
   * @param jib writes the image
   */
  RegistryTargetWriter(
      ImageReference target,
      RegistryCredentials credentials,
      ContainerizerSettings settings,
      ImageWrite jib) {
    this.target = Objects.requireNonNull(target, "target");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.jib = Objects.requireNonNull(jib, "jib");
  }

  @Override
  public WrittenImage write(JibContainerBuilder builder) throws JenkinsDindException {
    Containerizer containerizer =
        Containerizer.to(
            RegistryImage.named(target).addCredentialRetriever(credentials.retrieverFor(target)));
    return jib.write(builder, settings.apply(containerizer));
  }
}
