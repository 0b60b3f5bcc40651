package io.github.jenkinsdind.core.internal.imagebuild;

import com.google.cloud.tools.jib.api.ImageReference;
import io.github.jenkinsdind.core.internal.base.BaseReference;
import io.github.jenkinsdind.core.internal.registry.RegistryCredentials;
import java.util.Objects;

/**
 * What the first step gives: a request whose settings have all been checked, with its references
 * parsed and the registry credentials ready.
 *
 * @param base the parsed {@code from}
 * @param target the parsed target image reference
 * @param credentials where registry credentials come from
 */
record CheckedRequest(BaseReference base, ImageReference target, RegistryCredentials credentials) {
  /** Checks the parts. */
  CheckedRequest {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(credentials, "credentials");
  }
}
