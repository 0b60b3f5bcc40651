package io.github.jenkinsdind.core.internal.daemon;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.Suggestion;
import io.github.jenkinsdind.core.internal.daemon.DockerEndpoint.TlsFiles;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the Docker daemon in the docker CLI's order, from the environment and the files it names,
 * both given (nothing here reads {@code System.getenv}):
 *
 * <ol>
 *   <li>an explicit host (the {@code dockerHost} setting), with the TLS variables;
 *   <li>{@code DOCKER_HOST}, with {@code DOCKER_TLS_VERIFY} and {@code DOCKER_CERT_PATH};
 *   <li>the context {@code DOCKER_CONTEXT} names;
 *   <li>{@code currentContext} of {@code $DOCKER_CONFIG/config.json} (default {@code ~/.docker});
 *   <li>the rootless socket {@code $XDG_RUNTIME_DIR/docker.sock}, when it exists;
 *   <li>{@code /var/run/docker.sock}.
 * </ol>
 *
 * <p>TLS, as the docker CLI decides it: with an address from the setting or {@code DOCKER_HOST},
 * TLS is on when {@code DOCKER_TLS_VERIFY} has any non-empty value (the CLI reads even {@code 0} as
 * "on"); its files are {@code ca.pem}, {@code cert.pem} and {@code key.pem} in {@code
 * DOCKER_CERT_PATH} (default the configuration directory). A context uses TLS when the store holds
 * TLS files for it. TCP without any of these is plain TCP, which the user asked for by giving a
 * {@code tcp://} address and no TLS. Unlike the CLI, and unlike docker-java, which falls back to
 * plain HTTP when a file is missing: TLS without a CA file is refused (for a context without {@code
 * ca.pem}, the JVM's trusted CAs are used), and TLS that does not check the daemon's certificate
 * ({@code DOCKER_TLS} without {@code DOCKER_TLS_VERIFY}, a context's {@code SkipTLSVerify}) is
 * refused: whoever answers on that port would get the daemon's keys to the host.
 */
public final class DockerHostResolver {
  private DockerHostResolver() {}

  /**
   * Finds the daemon.
   *
   * @param explicitHost a daemon address given as a setting, which comes first
   * @param env the environment ({@code DOCKER_HOST}, {@code DOCKER_TLS_VERIFY}, {@code
   *     DOCKER_CERT_PATH}, {@code DOCKER_TLS}, {@code DOCKER_CONTEXT}, {@code DOCKER_CONFIG},
   *     {@code XDG_RUNTIME_DIR})
   * @param home the user's home directory, for {@code ~/.docker}
   * @return the endpoint and why it was chosen
   * @throws ConfigurationException if the chosen address, context or TLS material is unusable
   */
  public static DockerEndpoint resolve(
      Optional<String> explicitHost, Map<String, String> env, Path home)
      throws ConfigurationException {
    Path config = DockerContexts.configDirectory(env, home);
    if (explicitHost.isPresent() && !explicitHost.get().isBlank()) {
      return fromEnvironment(
          explicitHost.get(), "the dockerHost setting, given in place of DOCKER_HOST", env, config);
    }
    String dockerHost = env.getOrDefault("DOCKER_HOST", "");
    if (!dockerHost.isBlank()) {
      return fromEnvironment(dockerHost, "DOCKER_HOST", env, config);
    }
    String context = env.getOrDefault("DOCKER_CONTEXT", "");
    if (!context.isBlank()) {
      return fromContext(
          config, context.trim(), "context '" + context.trim() + "' (DOCKER_CONTEXT)", env);
    }
    Optional<String> current = DockerContexts.currentContext(config);
    if (current.isPresent()) {
      String origin = "current context '" + current.get() + "' of " + config.resolve("config.json");
      return fromContext(config, current.get(), origin, env);
    }
    return local(env, "no DOCKER_HOST, DOCKER_CONTEXT or current context");
  }

  private static DockerEndpoint fromContext(
      Path config, String name, String origin, Map<String, String> env)
      throws ConfigurationException {
    if (name.equals(DockerContexts.DEFAULT_CONTEXT)) {
      return local(env, origin);
    }
    DockerContexts.ContextEndpoint context = DockerContexts.load(config, name, origin);
    URI host = parse(context.host(), origin);
    if (!"tcp".equals(host.getScheme())) {
      return new DockerEndpoint(host, Optional.empty(), origin);
    }
    if (context.skipTlsVerify()) {
      throw unverified(
          "the context '" + name + "' sets SkipTLSVerify",
          Suggestion.text(
              "give the context the CA that signed the daemon's certificate (docker context update "
                  + name
                  + " --docker host=...,ca=CA.pem,cert=cert.pem,key=key.pem,skip-tls-verify=false)"));
    }
    if (context.tlsDirectory().isEmpty()) {
      return new DockerEndpoint(withPort(host, false), Optional.empty(), origin);
    }
    Path dir = context.tlsDirectory().get();
    TlsFiles tls = files(dir, false, "the context '" + name + "' (" + dir + ")");
    return new DockerEndpoint(withPort(host, true), Optional.of(tls), origin);
  }

  private static DockerEndpoint fromEnvironment(
      String address, String origin, Map<String, String> env, Path config)
      throws ConfigurationException {
    URI host = parse(address, origin);
    if (!"tcp".equals(host.getScheme())) {
      return new DockerEndpoint(host, Optional.empty(), origin);
    }
    boolean verify = !env.getOrDefault("DOCKER_TLS_VERIFY", "").isEmpty();
    if (!verify && !env.getOrDefault("DOCKER_TLS", "").isEmpty()) {
      throw unverified(
          "DOCKER_TLS is set without DOCKER_TLS_VERIFY",
          Suggestion.text(
              "set DOCKER_TLS_VERIFY=1 and put the CA that signed the daemon's certificate in"
                  + " DOCKER_CERT_PATH as ca.pem (with cert.pem and key.pem if the daemon asks"
                  + " for a client certificate)"));
    }
    if (!verify) {
      return new DockerEndpoint(withPort(host, false), Optional.empty(), origin);
    }
    String certPath = env.getOrDefault("DOCKER_CERT_PATH", "");
    Path dir = certPath.isBlank() ? config : Path.of(certPath);
    String where =
        certPath.isBlank()
            ? "the docker configuration directory " + dir
            : "DOCKER_CERT_PATH " + dir;
    TlsFiles tls = files(dir, true, where);
    return new DockerEndpoint(
        withPort(host, true), Optional.of(tls), origin + " with DOCKER_TLS_VERIFY");
  }

  private static DockerEndpoint local(Map<String, String> env, String origin) {
    String runtime = env.getOrDefault("XDG_RUNTIME_DIR", "");
    if (!runtime.isBlank()) {
      Path rootless = Path.of(runtime, "docker.sock");
      if (Files.exists(rootless)) {
        return DockerEndpoint.unix(
            rootless.toString(), "rootless socket $XDG_RUNTIME_DIR/docker.sock (" + origin + ")");
      }
    }
    return DockerEndpoint.unix(
        DockerEndpoint.DEFAULT_SOCKET,
        "default " + DockerEndpoint.DEFAULT_SOCKET + " (" + origin + ")");
  }

  private static TlsFiles files(Path dir, boolean caRequired, String where)
      throws ConfigurationException {
    Optional<Path> ca = existing(dir.resolve("ca.pem"));
    Optional<Path> cert = existing(dir.resolve("cert.pem"));
    Optional<Path> key = existing(dir.resolve("key.pem"));
    if (caRequired && ca.isEmpty()) {
      throw new ConfigurationException(
          "TLS is asked for (DOCKER_TLS_VERIFY), but "
              + where
              + " has no ca.pem: the daemon's certificate could not be checked",
          null,
          dir.toString(),
          Suggestion.text(
              "put the CA that signed the daemon's certificate in "
                  + dir.resolve("ca.pem")
                  + ", or point DOCKER_CERT_PATH at the directory that has ca.pem, cert.pem and"
                  + " key.pem"),
          null);
    }
    if (cert.isPresent() != key.isPresent()) {
      throw new ConfigurationException(
          where
              + " has "
              + (cert.isPresent() ? "cert.pem but no key.pem" : "key.pem but no cert.pem"),
          null,
          dir.toString(),
          Suggestion.text("put the client certificate and its key side by side, or neither"),
          null);
    }
    return new TlsFiles(ca, cert, key);
  }

  private static Optional<Path> existing(Path file) {
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  /**
   * Parses an address as the docker CLI does: {@code unix://}, {@code tcp://}, {@code npipe://}, or
   * a bare {@code host:port}, which is TCP.
   */
  private static URI parse(String address, String origin) throws ConfigurationException {
    String text = address.trim();
    if (!text.contains("://")) {
      text = "tcp://" + text;
    }
    String scheme = text.substring(0, text.indexOf("://")).toLowerCase(Locale.ROOT);
    URI uri;
    try {
      uri = URI.create(text);
    } catch (IllegalArgumentException e) {
      throw badAddress(address, origin, "it is not a valid address");
    }
    return switch (scheme) {
      case "unix", "npipe" -> {
        if (uri.getPath() == null || uri.getPath().isEmpty()) {
          throw badAddress(address, origin, "it names no socket");
        }
        yield uri;
      }
      case "tcp" -> {
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
          throw badAddress(address, origin, "it names no host");
        }
        yield uri;
      }
      case "ssh" ->
          throw badAddress(
              address,
              origin,
              "ssh:// daemons are reached through the docker CLI's ssh helper, which this client does"
                  + " not have");
      default -> throw badAddress(address, origin, "'" + scheme + "://' is not a daemon address");
    };
  }

  private static URI withPort(URI host, boolean tls) {
    if (host.getPort() > 0) {
      return URI.create("tcp://" + host.getRawAuthority());
    }
    return URI.create("tcp://" + host.getHost() + ":" + (tls ? 2376 : 2375));
  }

  private static ConfigurationException badAddress(String address, String origin, String why) {
    return new ConfigurationException(
        "The Docker daemon address '" + address + "' (" + origin + ") is not usable: " + why,
        null,
        address,
        Suggestion.text(
            "give a daemon address such as unix:///var/run/docker.sock or tcp://host:2376 (with"
                + " DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH), or use a Docker context"),
        null);
  }

  private static ConfigurationException unverified(String what, Suggestion fix) {
    return new ConfigurationException(
        "TLS that does not check the daemon's certificate is refused: "
            + what
            + ". Anyone between here and the daemon could pose as it and read or change every"
            + " command, image and credential sent to it",
        null,
        null,
        fix,
        null);
  }
}
