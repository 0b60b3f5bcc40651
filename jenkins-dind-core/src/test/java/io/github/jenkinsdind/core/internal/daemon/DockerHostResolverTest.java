package io.github.jenkinsdind.core.internal.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jenkinsdind.core.api.ConfigurationException;
import java.io.IOException;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The docker CLI's order of finding the daemon, on real files in a temporary home. */
class DockerHostResolverTest {
  @TempDir Path home;

  private final Map<String, String> env = new HashMap<>();

  private DockerEndpoint resolve() throws ConfigurationException {
    return DockerHostResolver.resolve(Optional.empty(), env, home);
  }

  private Path dockerDir() {
    return home.resolve(".docker");
  }

  /** Writes a context the way {@code docker context create} does. */
  private Path context(Path config, String name, String host, boolean skip, String... tlsFiles)
      throws IOException {
    String id = DockerContexts.directoryName(name);
    Path meta = config.resolve("contexts/meta").resolve(id);
    Files.createDirectories(meta);
    Files.writeString(
        meta.resolve("meta.json"),
        "{\"Name\":\""
            + name
            + "\",\"Metadata\":{\"Description\":\"\"},\"Endpoints\":{\"docker\":{\"Host\":\""
            + host
            + "\",\"SkipTLSVerify\":"
            + skip
            + "}}}");
    Path tls = config.resolve("contexts/tls").resolve(id).resolve("docker");
    if (tlsFiles.length > 0) {
      Files.createDirectories(tls);
      for (String file : tlsFiles) {
        Files.writeString(tls.resolve(file), "PEM");
      }
    }
    return tls;
  }

  private void currentContext(Path config, String name) throws IOException {
    Files.createDirectories(config);
    Files.writeString(
        config.resolve("config.json"), "{\"auths\":{},\"currentContext\":\"" + name + "\"}");
  }

  private Path certs(String... files) throws IOException {
    Path dir = Files.createDirectories(home.resolve("certs"));
    for (String file : files) {
      Files.writeString(dir.resolve(file), "PEM");
    }
    return dir;
  }

  @Test
  void theDirectoryOfAContextIsTheSha256OfItsName() {
    // the digest of "default" as the docker CLI's context store names it
    assertThat(DockerContexts.directoryName("default"))
        .isEqualTo("37a8eec1ce19687d132fe29051dca629d164e2c4958ba141d5f4133a33f0688f");
  }

  @Test
  void withNothingSetItIsTheDefaultSocket() throws Exception {
    DockerEndpoint endpoint = resolve();
    assertThat(endpoint.host()).isEqualTo(URI.create("unix:///var/run/docker.sock"));
    assertThat(endpoint.tls()).isEmpty();
    assertThat(endpoint.reason()).startsWith("default /var/run/docker.sock");
    assertThat(endpoint.publishedHost()).isEqualTo("localhost");
  }

  @Test
  void theRootlessSocketComesBeforeTheDefaultWhenItExists() throws Exception {
    Path runtime = Files.createDirectories(home.resolve("run-user-1000"));
    env.put("XDG_RUNTIME_DIR", runtime.toString());
    assertThat(resolve().host().getPath()).isEqualTo("/var/run/docker.sock");

    Path socket = runtime.resolve("docker.sock");
    try (ServerSocketChannel server =
        ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      DockerEndpoint endpoint = resolve();
      assertThat(endpoint.localSocket()).contains(socket.toString());
      assertThat(endpoint.reason()).startsWith("rootless socket $XDG_RUNTIME_DIR/docker.sock");
    }
  }

  @Test
  void dockerHostComesBeforeContextsAndTcpWithoutTlsVariablesIsPlain() throws Exception {
    context(dockerDir(), "remote", "tcp://192.0.2.7:2376", false, "ca.pem");
    currentContext(dockerDir(), "remote");
    env.put("DOCKER_CONTEXT", "remote");
    env.put("DOCKER_HOST", "tcp://192.0.2.9");
    DockerEndpoint endpoint = resolve();
    assertThat(endpoint.host()).isEqualTo(URI.create("tcp://192.0.2.9:2375"));
    assertThat(endpoint.tls()).isEmpty();
    assertThat(endpoint.reason()).isEqualTo("DOCKER_HOST");
    assertThat(endpoint.publishedHost()).isEqualTo("192.0.2.9");
    assertThat(endpoint.describe()).contains("plain TCP");
  }

  @Test
  void anExplicitHostComesFirst() throws Exception {
    env.put("DOCKER_HOST", "tcp://192.0.2.9:2375");
    DockerEndpoint endpoint =
        DockerHostResolver.resolve(Optional.of("unix:///run/podman/podman.sock"), env, home);
    assertThat(endpoint.localSocket()).contains("/run/podman/podman.sock");
    assertThat(endpoint.reason()).contains("dockerHost").contains("DOCKER_HOST");
  }

  @Test
  void tlsVerifyTakesTheFilesOfDockerCertPath() throws Exception {
    Path certs = certs("ca.pem", "cert.pem", "key.pem");
    env.put("DOCKER_HOST", "tcp://127.0.0.1");
    env.put("DOCKER_TLS_VERIFY", "1");
    env.put("DOCKER_CERT_PATH", certs.toString());
    DockerEndpoint endpoint = resolve();
    assertThat(endpoint.host()).isEqualTo(URI.create("tcp://127.0.0.1:2376"));
    DockerEndpoint.TlsFiles tls = endpoint.tls().orElseThrow();
    assertThat(tls.ca()).contains(certs.resolve("ca.pem"));
    assertThat(tls.cert()).contains(certs.resolve("cert.pem"));
    assertThat(tls.key()).contains(certs.resolve("key.pem"));
    assertThat(endpoint.reason()).isEqualTo("DOCKER_HOST with DOCKER_TLS_VERIFY");
  }

  @Test
  void tlsVerifyOfAnyValueIsOnAsInTheDockerCli() throws Exception {
    Path certs = certs("ca.pem");
    env.put("DOCKER_HOST", "tcp://127.0.0.1:2376");
    env.put("DOCKER_TLS_VERIFY", "0");
    env.put("DOCKER_CERT_PATH", certs.toString());
    DockerEndpoint endpoint = resolve();
    assertThat(endpoint.tls().orElseThrow().cert()).isEmpty();
    assertThat(endpoint.tls().orElseThrow().ca()).contains(certs.resolve("ca.pem"));
  }

  @Test
  void tlsVerifyDefaultsToTheConfigDirectoryAndNeedsTheCa() throws Exception {
    env.put("DOCKER_HOST", "tcp://127.0.0.1:2376");
    env.put("DOCKER_TLS_VERIFY", "1");
    assertThatThrownBy(this::resolve)
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("has no ca.pem")
        .hasMessageContaining(dockerDir().toString());
    Files.createDirectories(dockerDir());
    Files.writeString(dockerDir().resolve("ca.pem"), "PEM");
    assertThat(resolve().tls().orElseThrow().ca()).contains(dockerDir().resolve("ca.pem"));
  }

  @Test
  void aCertificateWithoutItsKeyIsRefused() throws Exception {
    Path certs = certs("ca.pem", "cert.pem");
    env.put("DOCKER_HOST", "tcp://127.0.0.1:2376");
    env.put("DOCKER_TLS_VERIFY", "1");
    env.put("DOCKER_CERT_PATH", certs.toString());
    assertThatThrownBy(this::resolve).hasMessageContaining("cert.pem but no key.pem");
  }

  @Test
  void tlsWithoutVerificationIsRefused() {
    env.put("DOCKER_HOST", "tcp://127.0.0.1:2376");
    env.put("DOCKER_TLS", "1");
    assertThatThrownBy(this::resolve)
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.getMessage()).contains("does not check the daemon's certificate");
              assertThat(e.suggestion().orElseThrow()).contains("DOCKER_TLS_VERIFY=1");
            });
  }

  @Test
  void dockerContextNamesAContextOfTheStoreWithItsTlsFiles() throws Exception {
    Path config = Files.createDirectories(home.resolve("other-config"));
    env.put("DOCKER_CONFIG", config.toString());
    Path tls =
        context(config, "remote", "tcp://192.0.2.7:2376", false, "ca.pem", "cert.pem", "key.pem");
    currentContext(config, "elsewhere");
    env.put("DOCKER_CONTEXT", "remote");
    DockerEndpoint endpoint = resolve();
    assertThat(endpoint.host()).isEqualTo(URI.create("tcp://192.0.2.7:2376"));
    assertThat(endpoint.tls().orElseThrow().ca()).contains(tls.resolve("ca.pem"));
    assertThat(endpoint.tls().orElseThrow().key()).contains(tls.resolve("key.pem"));
    assertThat(endpoint.reason()).isEqualTo("context 'remote' (DOCKER_CONTEXT)");
  }

  @Test
  void theCurrentContextOfConfigJsonIsUsedWhenNothingElseIsSet() throws Exception {
    context(dockerDir(), "desktop-linux", "unix:///home/me/.docker/desktop/docker.sock", false);
    currentContext(dockerDir(), "desktop-linux");
    DockerEndpoint endpoint = resolve();
    assertThat(endpoint.localSocket()).contains("/home/me/.docker/desktop/docker.sock");
    assertThat(endpoint.reason())
        .isEqualTo("current context 'desktop-linux' of " + dockerDir().resolve("config.json"));
  }

  @Test
  void aContextWithoutTlsFilesIsPlainTcpAndOneWithoutCaUsesTheJvmsCas() throws Exception {
    context(dockerDir(), "plain", "tcp://192.0.2.7", false);
    context(dockerDir(), "public", "tcp://docker.example.com:2376", false, "cert.pem", "key.pem");
    env.put("DOCKER_CONTEXT", "plain");
    assertThat(resolve().host()).isEqualTo(URI.create("tcp://192.0.2.7:2375"));
    assertThat(resolve().tls()).isEmpty();
    env.put("DOCKER_CONTEXT", "public");
    DockerEndpoint.TlsFiles tls = resolve().tls().orElseThrow();
    assertThat(tls.ca()).isEmpty();
    assertThat(tls.describe()).contains("the JVM's trusted CAs");
  }

  @Test
  void theDefaultContextIsTheEnvironmentsDefault() throws Exception {
    currentContext(dockerDir(), "default");
    assertThat(resolve().reason())
        .startsWith("default /var/run/docker.sock (current context 'default'");
  }

  @Test
  void aContextThatSkipsVerificationIsRefused() throws Exception {
    context(dockerDir(), "insecure", "tcp://192.0.2.7:2376", true, "ca.pem");
    env.put("DOCKER_CONTEXT", "insecure");
    assertThatThrownBy(this::resolve).hasMessageContaining("SkipTLSVerify");
  }

  @Test
  void aMissingContextIsSaidSo() throws Exception {
    currentContext(dockerDir(), "gone");
    assertThatThrownBy(this::resolve)
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("The Docker context 'gone'")
        .hasMessageContaining("does not exist");
  }

  @Test
  void sshAndUnknownSchemesAreRefusedClearly() {
    env.put("DOCKER_HOST", "ssh://me@host");
    assertThatThrownBy(this::resolve).hasMessageContaining("ssh helper");
    env.put("DOCKER_HOST", "http://127.0.0.1:2375");
    assertThatThrownBy(this::resolve).hasMessageContaining("is not a daemon address");
  }

  @Test
  void aBareHostAndPortIsTcp() throws Exception {
    env.put("DOCKER_HOST", "127.0.0.1:2375");
    assertThat(resolve().host()).isEqualTo(URI.create("tcp://127.0.0.1:2375"));
  }

  @Test
  void anIpv6DaemonIsPublishedInBrackets() throws Exception {
    env.put("DOCKER_HOST", "tcp://[2001:db8::7]:2375");
    assertThat(resolve().publishedHost()).isEqualTo("[2001:db8::7]");
  }
}
