package io.github.jenkinsdind.it.trust;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/**
 * A real Docker credential helper for a test: an executable {@code docker-credential-NAME} shell
 * script in a directory of its own, which answers the docker-credential-helpers protocol ({@code
 * get}, the server URL on stdin, a JSON {@code {"ServerURL", "Username", "Secret"}} on stdout) and
 * appends each call to a file; and the test's own {@code DOCKER_CONFIG} naming it.
 *
 * @param name the helper's name, after {@code docker-credential-}
 * @param directory the directory holding the script (put first on the PATH)
 * @param calls the file each call is appended to ({@code get SERVER})
 */
record CredentialHelper(String name, Path directory, Path calls) {

  /**
   * Writes a helper that gives a credential for the given registries, and says "credentials not
   * found in native keychain" (the protocol's answer) for any other.
   *
   * @param into a directory of the test
   * @param name the helper's name
   * @param registries the registries it knows
   * @param user the user name it gives
   * @param secret the secret it gives
   * @return the helper
   */
  static CredentialHelper answering(
      Path into, String name, List<String> registries, String user, String secret) {
    String cases = String.join("|", registries);
    return write(
        into,
        name,
        """
        case "$server" in
          %s)
            printf '{"ServerURL":"%%s","Username":"%s","Secret":"%s"}\\n' "$server" ;;
          *)
            echo "credentials not found in native keychain"
            exit 1 ;;
        esac
        """
            .formatted(cases, user, secret));
  }

  /**
   * Writes a helper that prints something that is not the protocol's JSON (a truncated answer that
   * holds the secret), and exits with 0.
   *
   * @param into a directory of the test
   * @param name the helper's name
   * @param secret the secret in the garbage
   * @return the helper
   */
  static CredentialHelper garbage(Path into, String name, String secret) {
    return write(
        into,
        name,
        """
        printf '{"ServerURL":"%%s","Username":"broken","Secret":"%s"' "$server"
        """
            .formatted(secret));
  }

  private static CredentialHelper write(Path into, String name, String answer) {
    try {
      Path directory = Files.createDirectories(into.resolve("helper-" + name));
      Path calls = directory.resolve("calls.log");
      Path script = directory.resolve("docker-credential-" + name);
      Files.writeString(
          script,
          """
          #!/bin/sh
          # a docker credential helper written by a jenkins-dind test
          [ "$1" = get ] || exit 1
          read -r server
          echo "get $server" >> '%s'
          %s"""
              .formatted(calls, answer));
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
      return new CredentialHelper(name, directory, calls);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes a {@code config.json} that names the helper as {@code credsStore}.
   *
   * @param dockerConfig the {@code DOCKER_CONFIG} directory
   * @return the directory
   */
  Path asCredsStore(Path dockerConfig) {
    return config(dockerConfig, "{\"credsStore\": \"" + name + "\"}\n");
  }

  /**
   * Writes a {@code config.json} that names the helper in {@code credHelpers} for one registry.
   *
   * @param dockerConfig the {@code DOCKER_CONFIG} directory
   * @param registry the registry
   * @return the directory
   */
  Path asCredHelperFor(Path dockerConfig, String registry) {
    return config(dockerConfig, "{\"credHelpers\": {\"" + registry + "\": \"" + name + "\"}}\n");
  }

  private static Path config(Path dockerConfig, String json) {
    try {
      Files.createDirectories(dockerConfig);
      Files.writeString(dockerConfig.resolve("config.json"), json);
      return dockerConfig;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The environment of a Maven run that finds the helper and the config: the helper's directory
   * first on the PATH, and {@code DOCKER_CONFIG}.
   *
   * @param dockerConfig the {@code DOCKER_CONFIG} directory
   * @return the variables
   */
  Map<String, String> environment(Path dockerConfig) {
    return Map.of(
        "PATH", directory + ":" + System.getenv("PATH"), "DOCKER_CONFIG", dockerConfig.toString());
  }

  /**
   * The calls made so far.
   *
   * @return one line per call, {@code get SERVER}
   */
  List<String> callsSoFar() {
    try {
      return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
