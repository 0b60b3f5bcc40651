package io.github.jenkinsdind.core.api;

import java.util.Optional;

/**
 * Gives the credential for a registry host, for example from a front end's own credential store.
 * The core asks it first, then the Docker configuration ({@code ~/.docker/config.json} and its
 * credential helpers).
 */
@FunctionalInterface
public interface CredentialProvider {
  /** A provider that knows no credentials. */
  CredentialProvider NONE = registry -> Optional.empty();

  /**
   * Returns the credential for a registry.
   *
   * @param registry the registry host as written in the image reference, with its port if any (for
   *     example {@code registry.example.com:5000}; {@code registry-1.docker.io} for Docker Hub)
   * @return the credential, if this provider has one
   */
  Optional<Credential> credentialFor(String registry);
}
