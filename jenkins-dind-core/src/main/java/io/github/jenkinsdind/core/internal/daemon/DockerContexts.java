package io.github.jenkinsdind.core.internal.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.Suggestion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the docker CLI's client configuration the way the CLI does: {@code currentContext} of
 * {@code config.json}, and a context's Docker endpoint from the context store, {@code
 * contexts/meta/<sha256 of the name>/meta.json} ({@code Endpoints.docker.Host} and {@code
 * SkipTLSVerify}) with its TLS files in {@code contexts/tls/<sha256 of the name>/docker/} ({@code
 * ca.pem}, {@code cert.pem}, {@code key.pem}). JSON keys are matched ignoring case, as Go does.
 */
final class DockerContexts {
  /** The context that stands for the environment's settings and the default socket. */
  static final String DEFAULT_CONTEXT = "default";

  private static final ObjectMapper JSON = new ObjectMapper();

  private DockerContexts() {}

  /**
   * A context's Docker endpoint.
   *
   * @param name the context's name
   * @param host its {@code Host}, such as {@code tcp://192.0.2.7:2376}
   * @param skipTlsVerify whether it says not to check the daemon's certificate
   * @param tlsDirectory the directory of its TLS files, if it has one
   */
  record ContextEndpoint(
      String name, String host, boolean skipTlsVerify, Optional<Path> tlsDirectory) {}

  /**
   * Returns the client configuration directory: {@code DOCKER_CONFIG}, else {@code ~/.docker}.
   *
   * @param env the environment
   * @param home the user's home directory
   * @return the directory
   */
  static Path configDirectory(Map<String, String> env, Path home) {
    String value = env.get("DOCKER_CONFIG");
    return value == null || value.isBlank() ? home.resolve(".docker") : Path.of(value);
  }

  /**
   * Returns {@code currentContext} of {@code config.json}.
   *
   * @param configDirectory the client configuration directory
   * @return the context's name, if the file exists and names one
   * @throws ConfigurationException if the file cannot be read or is not JSON
   */
  static Optional<String> currentContext(Path configDirectory) throws ConfigurationException {
    Path file = configDirectory.resolve("config.json");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    JsonNode value = field(read(file, "the docker CLI's configuration"), "currentContext");
    return value.isTextual() && !value.asText().isBlank()
        ? Optional.of(value.asText())
        : Optional.empty();
  }

  /**
   * Loads a context's Docker endpoint from the context store.
   *
   * @param configDirectory the client configuration directory
   * @param name the context's name (not {@value #DEFAULT_CONTEXT})
   * @param origin how the context was chosen, for messages
   * @return the endpoint
   * @throws ConfigurationException if the context does not exist or has no Docker endpoint
   */
  static ContextEndpoint load(Path configDirectory, String name, String origin)
      throws ConfigurationException {
    String id = directoryName(name);
    Path meta =
        configDirectory.resolve("contexts").resolve("meta").resolve(id).resolve("meta.json");
    if (!Files.isRegularFile(meta)) {
      throw new ConfigurationException(
          "The Docker context '" + name + "' (" + origin + ") does not exist: no " + meta,
          null,
          name,
          Suggestion.text(
              "pick an existing context (docker context ls; docker context use NAME), or"
                  + " unset DOCKER_CONTEXT to use the default"),
          null);
    }
    JsonNode docker = field(field(read(meta, "the context '" + name + "'"), "Endpoints"), "docker");
    JsonNode host = field(docker, "Host");
    if (!host.isTextual() || host.asText().isBlank()) {
      throw new ConfigurationException(
          "The Docker context '" + name + "' (" + origin + ") has no Docker endpoint in " + meta,
          null,
          name,
          Suggestion.text(
              "give the context a Docker host (docker context update --docker host=...)"),
          null);
    }
    JsonNode skip = field(docker, "SkipTLSVerify");
    Path tls = configDirectory.resolve("contexts").resolve("tls").resolve(id).resolve("docker");
    return new ContextEndpoint(
        name,
        host.asText(),
        skip.asBoolean(false),
        Files.isDirectory(tls) ? Optional.of(tls) : Optional.empty());
  }

  /**
   * Returns the directory name the context store gives a context: the SHA-256 of its name, in hex.
   *
   * @param name the context's name
   * @return 64 hex digits
   */
  static String directoryName(String name) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(name.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static JsonNode read(Path file, String what) throws ConfigurationException {
    try {
      JsonNode node = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
      if (node == null || !node.isObject()) {
        throw new IOException("not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new ConfigurationException(
          "Cannot read " + what + " from " + file + ": " + e.getMessage(),
          null,
          file.toString(),
          Suggestion.text("fix or remove " + file),
          e);
    }
  }

  /**
   * A field of an object, its name matched ignoring case as Go's JSON decoding does; a missing node
   * when there is none.
   */
  private static JsonNode field(JsonNode object, String name) {
    if (!object.isObject()) {
      return MissingNode.getInstance();
    }
    if (object.has(name)) {
      return object.get(name);
    }
    Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return MissingNode.getInstance();
  }
}
