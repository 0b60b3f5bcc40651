package io.github.jenkinsdind.core.internal.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jenkinsdind.core.api.EnvironmentException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.api.Test;

/** Connection failures say what is wrong and what to do, TLS ones included. */
class ConnectFailuresTest {
  private static final DockerEndpoint TLS =
      new DockerEndpoint(
          URI.create("tcp://127.0.0.1:2376"),
          Optional.of(
              new DockerEndpoint.TlsFiles(
                  Optional.of(Path.of("/certs/ca.pem")),
                  Optional.of(Path.of("/certs/cert.pem")),
                  Optional.of(Path.of("/certs/key.pem")))),
          "DOCKER_HOST with DOCKER_TLS_VERIFY");

  @Test
  void anUntrustedCertificateIsRefusedNamingTheCa() {
    EnvironmentException e =
        ConnectFailures.unreachable(
            TLS,
            new RuntimeException(
                new SSLHandshakeException(
                    "PKIX path building failed: unable to find valid certification path to"
                        + " requested target")));
    assertThat(e.getMessage())
        .startsWith(
            "The Docker daemon at tcp://127.0.0.1:2376 (DOCKER_HOST with DOCKER_TLS_VERIFY)")
        .contains("is refused: its certificate is not signed by a CA this client trusts")
        .contains("CA /certs/ca.pem");
    assertThat(e.suggestion().orElseThrow()).contains("ca.pem");
  }

  @Test
  void aCertificateForAnotherNameIsSaidSo() {
    EnvironmentException e =
        ConnectFailures.unreachable(
            TLS,
            new RuntimeException(
                new SSLPeerUnverifiedException(
                    "Certificate for <127.0.0.1> doesn't match any of the subject alternative"
                        + " names: [docker.example.com]")));
    assertThat(e.getMessage()).contains("its certificate is not made out to 127.0.0.1");
  }

  @Test
  void plainHttpToATlsDaemonSaysToTurnOnTls() {
    DockerEndpoint plain =
        new DockerEndpoint(URI.create("tcp://127.0.0.1:2376"), Optional.empty(), "DOCKER_HOST");
    EnvironmentException e =
        ConnectFailures.unreachable(
            plain, new RuntimeException("Client sent an HTTP request to an HTTPS server."));
    assertThat(e.getMessage()).contains("speaks TLS, but this client spoke plain HTTP");
    assertThat(e.suggestion().orElseThrow()).contains("DOCKER_TLS_VERIFY=1");
  }

  @Test
  void noDaemonOnASocketNamesTheSocketAndTheReason() {
    DockerEndpoint socket =
        DockerEndpoint.unix(
            "/run/user/1000/docker.sock", "rootless socket $XDG_RUNTIME_DIR/docker.sock");
    EnvironmentException e =
        ConnectFailures.unreachable(
            socket, new RuntimeException(new java.io.IOException("No such file or directory")));
    assertThat(e.getMessage())
        .startsWith(
            "No Docker daemon answers at unix:///run/user/1000/docker.sock (rootless socket"
                + " $XDG_RUNTIME_DIR/docker.sock), socket /run/user/1000/docker.sock");
    assertThat(e.suggestion().orElseThrow()).contains("start the Docker daemon");
  }
}
