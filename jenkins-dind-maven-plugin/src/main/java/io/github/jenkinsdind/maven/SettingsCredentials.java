package io.github.jenkinsdind.maven;

import io.github.jenkinsdind.core.api.Credential;
import io.github.jenkinsdind.core.api.CredentialProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Registry credentials from Maven's {@code settings.xml}, as jib-maven-plugin reads them: the
 * {@code <server>} whose {@code <id>} is the registry host (with its port, if the image reference
 * has one) gives the user name and the password, which may be encrypted with Maven's password
 * encryption ({@code settings-security.xml}). For Docker Hub, the ids {@code docker.io}, {@code
 * index.docker.io}, {@code registry-1.docker.io} and {@code registry.hub.docker.com} all match.
 *
 * <p>It never shows a password: a decryption problem is reported by server id and message only.
 */
final class SettingsCredentials implements CredentialProvider {
  private static final Set<String> DOCKER_HUB =
      Set.of("docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com");

  private final List<Server> servers;
  private final SettingsDecrypter decrypter;
  private final Consumer<String> warnings;
  private final ConcurrentMap<String, Optional<Credential>> answers = new ConcurrentHashMap<>();

  /**
   * Creates the provider.
   *
   * @param servers the {@code <server>} entries of the settings
   * @param decrypter Maven's decrypter for encrypted passwords
   * @param warnings receives a line for each server whose password could not be decrypted
   */
  SettingsCredentials(
      List<Server> servers, SettingsDecrypter decrypter, Consumer<String> warnings) {
    this.servers = List.copyOf(servers);
    this.decrypter = Objects.requireNonNull(decrypter, "decrypter");
    this.warnings = Objects.requireNonNull(warnings, "warnings");
  }

  /** Answers once per registry, so that a problem is reported once. */
  @Override
  public Optional<Credential> credentialFor(String registry) {
    return answers.computeIfAbsent(registry, r -> find(r).flatMap(this::credential));
  }

  /**
   * Returns the server entry for a registry: the one whose id is the registry host, or for Docker
   * Hub any of its names.
   *
   * @param registry the registry host, with its port if any
   * @return the entry, if there is one
   */
  Optional<Server> find(String registry) {
    for (String id : ids(registry)) {
      for (Server server : servers) {
        if (id.equals(server.getId())) {
          return Optional.of(server);
        }
      }
    }
    return Optional.empty();
  }

  private static List<String> ids(String registry) {
    List<String> ids = new ArrayList<>();
    ids.add(registry);
    if (DOCKER_HUB.contains(registry)) {
      DOCKER_HUB.stream().filter(id -> !id.equals(registry)).sorted().forEach(ids::add);
    }
    return ids;
  }

  private Optional<Credential> credential(Server server) {
    SettingsDecryptionResult result =
        decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
    for (SettingsProblem problem : result.getProblems()) {
      warnings.accept(
          "Could not decrypt the password of the <server> "
              + server.getId()
              + " in settings.xml: "
              + problem.getMessage());
    }
    Server decrypted = result.getServer() == null ? server : result.getServer();
    if (decrypted.getUsername() == null || decrypted.getPassword() == null) {
      warnings.accept(
          "The <server> "
              + server.getId()
              + " in settings.xml has no <username> and <password>; it is not used for the"
              + " registry");
      return Optional.empty();
    }
    return Optional.of(new Credential(decrypted.getUsername(), decrypted.getPassword()));
  }
}
