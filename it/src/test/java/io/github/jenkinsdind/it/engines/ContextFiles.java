package io.github.jenkinsdind.it.engines;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Writes a Docker context into a test's own {@code DOCKER_CONFIG} directory, as {@code docker
 * context create NAME --docker host=...,ca=...,cert=...,key=...} and {@code docker context use} do:
 * {@code contexts/meta/<sha256 of the name>/meta.json}, the TLS files in {@code
 * contexts/tls/<sha256>/docker/}, and {@code currentContext} in {@code config.json}.
 */
final class ContextFiles {
  private ContextFiles() {}

  /**
   * Writes the context and makes it the current one.
   *
   * @param config the {@code DOCKER_CONFIG} directory (made if missing)
   * @param name the context's name
   * @param host the daemon, such as {@code tcp://127.0.0.1:2376}
   * @param certs a directory with {@code ca.pem}, {@code cert.pem} and {@code key.pem}
   * @return the directory the TLS files were copied to
   * @throws IOException if a file cannot be written
   */
  static Path writeCurrent(Path config, String name, String host, Path certs) throws IOException {
    String id = id(name);
    Path meta = Files.createDirectories(config.resolve("contexts/meta").resolve(id));
    Files.writeString(
        meta.resolve("meta.json"),
        "{\"Name\":\""
            + name
            + "\",\"Metadata\":{},\"Endpoints\":{\"docker\":{\"Host\":\""
            + host
            + "\",\"SkipTLSVerify\":false}}}");
    Path tls =
        Files.createDirectories(config.resolve("contexts/tls").resolve(id).resolve("docker"));
    for (String file : new String[] {"ca.pem", "cert.pem", "key.pem"}) {
      Files.copy(certs.resolve(file), tls.resolve(file));
    }
    Files.writeString(config.resolve("config.json"), "{\"currentContext\":\"" + name + "\"}");
    return tls;
  }

  private static String id(String name) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
