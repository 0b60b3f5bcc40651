package io.github.jenkinsdind.core.internal.registry;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.CredentialRetriever;
import com.google.cloud.tools.jib.api.ImageReference;
import io.github.jenkinsdind.core.api.CredentialProvider;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import io.github.jenkinsdind.core.internal.jib.DockerCredentials;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the credential for an image's registry: first the caller's {@link CredentialProvider} (the
 * front end's credential store, say), then the Docker configuration ({@code
 * $DOCKER_CONFIG/config.json}, {@code ~/.docker/config.json} with its {@code credsStore} and {@code
 * credHelpers}, the legacy {@code ~/.docker/.dockercfg}), then Jib's well-known credential helpers.
 *
 * <p>The registry base source uses {@link #credentialFor}; the Jib image build uses {@link
 * #retrieverFor} (for {@code RegistryImage.addCredentialRetriever}), so that both find the same
 * credential. Passwords and tokens never appear in an event or an exception message.
 */
public final class RegistryCredentials {

  /** Names Docker Hub goes by; the caller's provider may know it by any of them. */
  private static final List<String> DOCKER_HUB =
      List.of("registry-1.docker.io", "docker.io", "index.docker.io", "registry.hub.docker.com");

  private final CredentialProvider provider;
  private final EventHandler events;
  private final List<Path> dockerConfigFiles;
  private final List<Path> legacyDockerConfigFiles;
  private final boolean wellKnownHelpers;

  /**
   * Creates the lookup with the Docker configuration of this user.
   *
   * @param provider asked first, for example the front end's credential store
   * @param events receives debug events saying where a credential came from
   */
  public RegistryCredentials(CredentialProvider provider, EventHandler events) {
    this(
        provider,
        events,
        defaultDockerConfigFiles(System.getenv(), System.getProperty("user.home")),
        List.of(Path.of(System.getProperty("user.home"), ".docker", ".dockercfg")),
        true);
  }

  /**
   * Creates the lookup with explicit Docker configuration files (for tests).
   *
   * @param provider asked first
   * @param events receives debug events
   * @param dockerConfigFiles {@code config.json} files, in order
   * @param legacyDockerConfigFiles {@code .dockercfg} files, in order
   * @param wellKnownHelpers whether to ask Jib's well-known credential helpers last
   */
  RegistryCredentials(
      CredentialProvider provider,
      EventHandler events,
      List<Path> dockerConfigFiles,
      List<Path> legacyDockerConfigFiles,
      boolean wellKnownHelpers) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.events = Objects.requireNonNull(events, "events");
    this.dockerConfigFiles = List.copyOf(dockerConfigFiles);
    this.legacyDockerConfigFiles = List.copyOf(legacyDockerConfigFiles);
    this.wellKnownHelpers = wellKnownHelpers;
  }

  /**
   * Returns the {@code config.json} files Docker itself would read: {@code $DOCKER_CONFIG} when
   * set, then the home directory's {@code .docker}.
   *
   * @param environment the environment variables
   * @param userHome the home directory
   * @return the files, some of which may not exist
   */
  static List<Path> defaultDockerConfigFiles(Map<String, String> environment, String userHome) {
    List<Path> files = new ArrayList<>();
    String dockerConfig = environment.get("DOCKER_CONFIG");
    if (dockerConfig != null && !dockerConfig.isBlank()) {
      files.add(Path.of(dockerConfig, "config.json"));
    }
    Path home = Path.of(userHome, ".docker", "config.json");
    if (!files.contains(home)) {
      files.add(home);
    }
    return List.copyOf(files);
  }

  /**
   * Finds the credential for an image's registry.
   *
   * @param image the image
   * @param parameter the setting naming the image, for error messages
   * @return the credential, or empty to go without one
   * @throws EnvironmentException if a Docker credential helper failed
   */
  public Optional<Credential> credentialFor(ImageReference image, Setting parameter)
      throws EnvironmentException {
    try {
      return retrieve(image);
    } catch (DockerCredentials.LookupException e) {
      throw new EnvironmentException(
          "could not get the credentials for registry "
              + image.getRegistry()
              + " from the Docker configuration: "
              + e.getMessage(),
          parameter,
          image.toString(),
          Suggestion.perhaps()
              .text("check the credential helper named in ~/.docker/config.json, or give ")
              .credentials(image.getRegistry())
              .build(),
          e.getCause());
    }
  }

  /**
   * Returns a Jib credential retriever that does the same lookup as {@link #credentialFor}, for
   * {@code RegistryImage.addCredentialRetriever}.
   *
   * @param image the image
   * @return the retriever
   */
  public CredentialRetriever retrieverFor(ImageReference image) {
    return DockerCredentials.retriever(() -> retrieve(image));
  }

  private Optional<Credential> retrieve(ImageReference image)
      throws DockerCredentials.LookupException {
    String registry = image.getRegistry();
    for (String name : namesOf(registry)) {
      Optional<io.github.jenkinsdind.core.api.Credential> given = provider.credentialFor(name);
      if (given.isPresent()) {
        events.handle(
            Event.debug("using the credentials given for " + name + " to access " + registry));
        return Optional.of(Credential.from(given.get().username(), given.get().password()));
      }
    }
    // Jib's credential log says where a credential came from, never the secret itself.
    DockerCredentials docker =
        DockerCredentials.forImage(image, message -> events.handle(Event.debug(message)));
    for (Path file : dockerConfigFiles) {
      Optional<Credential> found = docker.dockerConfig(file);
      if (found.isPresent()) {
        return found;
      }
    }
    for (Path file : legacyDockerConfigFiles) {
      Optional<Credential> found = docker.legacyDockerConfig(file);
      if (found.isPresent()) {
        return found;
      }
    }
    if (wellKnownHelpers) {
      Optional<Credential> found = docker.wellKnownHelpers();
      if (found.isPresent()) {
        return found;
      }
    }
    events.handle(Event.debug("no credentials found for registry " + registry));
    return Optional.empty();
  }

  private static List<String> namesOf(String registry) {
    if (DOCKER_HUB.contains(registry)) {
      return DOCKER_HUB;
    }
    return List.of(registry);
  }
}
