package io.github.jenkinsdind.core.internal.daemon;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The Docker daemon chosen to talk to, as {@link DockerHostResolver} found it: its address, the TLS
 * material to reach it with, and why it was chosen.
 *
 * <p>TLS: a {@code tcp://} endpoint with {@link #tls()} present is reached over TLS that checks the
 * daemon's certificate; one without is plain TCP, which the resolver only gives when nothing asked
 * for TLS (no {@code DOCKER_TLS_VERIFY}, a context without TLS material), as the docker CLI does.
 * Unix sockets never use TLS.
 *
 * @param host the daemon's address, such as {@code unix:///var/run/docker.sock} or {@code
 *     tcp://192.0.2.7:2376} (a {@code tcp} address always carries its port)
 * @param tls the TLS material, for a {@code tcp} endpoint reached over TLS
 * @param reason why this daemon was chosen, such as {@code DOCKER_HOST} or {@code current context
 *     'desktop-linux' of /home/me/.docker/config.json}
 */
public record DockerEndpoint(URI host, Optional<TlsFiles> tls, String reason) {

  /** The socket of a Docker daemon on its own host, unless it was set up otherwise. */
  public static final String DEFAULT_SOCKET = "/var/run/docker.sock";

  /**
   * Checks the parts.
   *
   * @param host the address
   * @param tls the TLS material
   * @param reason why it was chosen
   */
  public DockerEndpoint {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * An endpoint on a unix socket of this machine.
   *
   * @param socket the socket's path
   * @param reason why it was chosen
   * @return the endpoint
   */
  public static DockerEndpoint unix(String socket, String reason) {
    return new DockerEndpoint(URI.create("unix://" + socket), Optional.empty(), reason);
  }

  /**
   * Tells whether the daemon is reached over TCP, so that it may run on another machine.
   *
   * @return whether the scheme is {@code tcp}
   */
  public boolean isTcp() {
    return "tcp".equals(host.getScheme());
  }

  /**
   * Returns the local socket the client talks to, for a {@code unix://} endpoint.
   *
   * @return the socket's path on this machine
   */
  public Optional<String> localSocket() {
    return "unix".equals(host.getScheme()) ? Optional.of(host.getPath()) : Optional.empty();
  }

  /**
   * Returns the host name under which the daemon's published ports are reached from here: the
   * daemon host's address for a TCP endpoint, {@code localhost} for a local socket.
   *
   * @return for example {@code 192.0.2.7} or {@code localhost}
   */
  public String publishedHost() {
    String name = host.getHost();
    if (!isTcp() || name == null || name.isEmpty()) {
      return "localhost";
    }
    return name.contains(":") && !name.startsWith("[") ? "[" + name + "]" : name;
  }

  /**
   * Describes the endpoint for the log: the address, TLS or not, and the reason.
   *
   * @return for example {@code tcp://192.0.2.7:2376 with TLS (CA /certs/ca.pem, client certificate
   *     /certs/cert.pem), from DOCKER_HOST}
   */
  public String describe() {
    StringBuilder text = new StringBuilder(host.toString());
    if (isTcp()) {
      text.append(tls.map(t -> " with TLS (" + t.describe() + ")").orElse(" over plain TCP"));
    }
    return text.append(", from ").append(reason).toString();
  }

  /**
   * The TLS material of a TCP endpoint: PEM files as the docker CLI keeps them.
   *
   * @param ca the CA certificate that signs the daemon's certificate; empty for the JVM's own
   *     trusted authorities (a context without {@code ca.pem})
   * @param cert the client certificate, if the daemon asks for one
   * @param key the client certificate's private key, with {@code cert}
   */
  public record TlsFiles(Optional<Path> ca, Optional<Path> cert, Optional<Path> key) {
    /**
     * Checks that a certificate comes with its key.
     *
     * @param ca the CA
     * @param cert the client certificate
     * @param key its key
     */
    public TlsFiles {
      Objects.requireNonNull(ca, "ca");
      Objects.requireNonNull(cert, "cert");
      Objects.requireNonNull(key, "key");
      if (cert.isPresent() != key.isPresent()) {
        throw new IllegalArgumentException(
            "a client certificate needs its key, and a key its cert");
      }
    }

    /**
     * Describes the files.
     *
     * @return for example {@code CA /certs/ca.pem, client certificate /certs/cert.pem}
     */
    public String describe() {
      return ca.map(p -> "CA " + p).orElse("the JVM's trusted CAs")
          + cert.map(p -> ", client certificate " + p).orElse(", no client certificate");
    }
  }
}
