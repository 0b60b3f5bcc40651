package io.github.jenkinsdind.it.engines;

import io.github.jenkinsdind.it.support.TestServices;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The extra Docker hosts that {@code .ci/engines.sh} found or started, read from {@code
 * engines.properties} in the services directory: the shared dockerd's own TLS listener on 127.0.0.1
 * ({@code .ci/services.sh} starts dockerd with it) with its client certificates (and those of a CA
 * that did not sign the daemon's certificate), Podman's API service and rootless Docker on sockets
 * of their own.
 */
final class Engines {
  private static final String HOW_TO_FIX =
      "perhaps you should run `.ci/engines.sh` (as root) first";

  private final Properties properties;
  private final Path file;

  private Engines(Path file, Properties properties) {
    this.file = file;
    this.properties = properties;
  }

  /**
   * Reads {@code engines.properties}.
   *
   * @return the engines
   * @throws AssertionError if the file is missing
   */
  static Engines get() {
    Path file = TestServices.servicesDirectory().resolve("engines.properties");
    if (!Files.isRegularFile(file)) {
      throw new AssertionError("The extra engines are not started: no " + file + "; " + HOW_TO_FIX);
    }
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      properties.load(in);
    } catch (IOException e) {
      throw new AssertionError("Cannot read " + file + ": " + e, e);
    }
    return new Engines(file, properties);
  }

  String property(String key) {
    String value = properties.getProperty(key, "");
    if (value.isBlank()) {
      throw new AssertionError(file + " has no '" + key + "'; " + HOW_TO_FIX);
    }
    return value;
  }

  /** The shared dockerd's own TLS listener, {@code tcp://127.0.0.1:PORT}, if it answers. */
  String tlsHost() {
    requireRunning("tls");
    return property("tls.host");
  }

  /** A DOCKER_CERT_PATH: ca.pem, cert.pem and key.pem that the TLS endpoint accepts. */
  Path tlsCerts() {
    return Path.of(property("tls.certs"));
  }

  /** The same client certificate, with the ca.pem of a CA that did not sign the daemon's. */
  Path wrongCaCerts() {
    return Path.of(property("tls.wrongca.certs"));
  }

  /** Podman's API socket, if the service runs; else why not. */
  Path podmanSocket() {
    requireRunning("podman");
    return Path.of(property("podman.socket"));
  }

  /** Rootless Docker's socket, if it runs; else why not. */
  Path rootlessSocket() {
    requireRunning("rootless");
    return Path.of(property("rootless.socket"));
  }

  private void requireRunning(String engine) {
    String status = property(engine + ".status");
    if (!status.equals("running")) {
      throw new AssertionError(engine + " is not running: " + status + "; " + HOW_TO_FIX);
    }
  }
}
