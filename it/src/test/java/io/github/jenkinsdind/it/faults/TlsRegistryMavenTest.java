package io.github.jenkinsdind.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jenkinsdind.it.maven.TestProject;
import io.github.jenkinsdind.it.maven.TestProject.MavenRun;
import io.github.jenkinsdind.it.support.Commands;
import io.github.jenkinsdind.it.support.DockerCliServer;
import io.github.jenkinsdind.it.support.JenkinsBaseImages;
import io.github.jenkinsdind.it.support.JenkinsBaseImages.Variant;
import io.github.jenkinsdind.it.support.TestServices;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build goal against the registry with TLS (a self-signed certificate) and htpasswd
 * authentication of {@code .ci/services.sh}, run by Maven with {@code -X}, credentials from a
 * {@code settings.xml} server, and insecure registries not allowed:
 *
 * <ul>
 *   <li>without the certificate trusted, it refuses at once, saying the certificate is not trusted
 *       and how to trust it, and nothing reaches the registry, over https or plain http (no silent
 *       fallback);
 *   <li>with the certificate in a truststore given to Maven's JVM ({@code MAVEN_OPTS}) and the
 *       right password, it pushes;
 *   <li>with a wrong password, it names the {@code settings.xml} server id to fix.
 * </ul>
 *
 * In every case the whole debug log is searched for the password, in clear and in an {@code
 * Authorization} header. The base is a {@code tar://} file, so that the target is the only registry
 * the build talks to.
 */
class TlsRegistryMavenTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final String RUN_ID = Long.toString(System.currentTimeMillis(), 36);
  private static final Pattern TOTAL_TIME = Pattern.compile("Total time:\\s+([0-9.]+) s\\b");

  private static TestServices services;
  private static DockerCliServer cli;
  private static String base;

  @TempDir Path work;

  @BeforeAll
  static void setUp() {
    services = TestServices.get().requireRunning();
    cli = DockerCliServer.start();
    base = "tar://" + JenkinsBaseImages.dockerSaveTar(Variant.PLAIN);
  }

  @AfterAll
  static void stop() {
    if (cli != null) {
      cli.close();
    }
  }

  @Test
  void anUntrustedCertificateIsRefusedAtOnceAndNothingReachesTheRegistry() throws Exception {
    String repository = "faults/tls-untrusted-" + RUN_ID;
    String image = services.tlsRegistry() + "/" + repository + ":1";
    long logStart = Files.size(tlsLog());

    MavenRun run = build(image, services.registryPassword(), false).assertFailed();

    assertThat(run.errors())
        .contains(
            "the TLS certificate of registry "
                + services.tlsRegistry()
                + " (of target image "
                + image
                + ") is not trusted")
        .contains("Setting: <allowInsecureRegistries>")
        .contains("-Djavax.net.ssl.trustStore=");
    assertThat(run.log())
        .as("refused before any download")
        .doesNotContain("Downloading docker CLI");
    assertThat(mavenSeconds(run))
        .as("refused at once, not after Jib's minute of retries")
        .isLessThan(30);
    String registryLog = tlsLogSince(logStart);
    assertThat(registryLog)
        .as("nothing of this build reached the TLS registry")
        .doesNotContain(repository)
        .as("no plain-http request reached the TLS port")
        .doesNotContain("HTTP request to an HTTPS server");
    assertThat(exists(repository)).as("%s in the TLS registry", repository).isFalse();
    assertNoSecret(run);
  }

  @Test
  void aTrustedCertificateAndTheRightServerPasswordPush() throws Exception {
    String repository = "faults/tls-pushed-" + RUN_ID;
    String image = services.tlsRegistry() + "/" + repository + ":1";

    MavenRun run = build(image, services.registryPassword(), true).assertSucceeded();

    String digest =
        Files.readString(run.logFile().resolveSibling("target/jenkins-dind/image.digest")).trim();
    Path certs = Files.createDirectories(work.resolve("certs"));
    Files.copy(services.tlsCertificate(), certs.resolve("registry.crt"));
    String inspected =
        Commands.stdout(
            TIMEOUT,
            "skopeo",
            "inspect",
            "--cert-dir",
            certs.toString(),
            "--creds",
            services.registryUser() + ":" + services.registryPassword(),
            "--format",
            "{{.Digest}}",
            "docker://" + image);
    assertThat(inspected).isEqualTo(digest);
    assertThat(exists(repository)).as("%s in the TLS registry", repository).isTrue();
    assertNoSecret(run);
  }

  @Test
  void aWrongPasswordNamesTheServerIdToFix() throws Exception {
    String repository = "faults/tls-wrong-" + RUN_ID;
    String image = services.tlsRegistry() + "/" + repository + ":1";
    String wrong = "not-the-password-" + UUID.randomUUID();

    MavenRun run = build(image, wrong, true).assertFailed();

    assertThat(run.errors())
        .contains("registry " + services.tlsRegistry() + " denied access to target image " + image)
        .contains("a <server> with <id>" + services.tlsRegistry() + "</id> in ~/.m2/settings.xml");
    assertThat(exists(repository)).as("%s in the TLS registry", repository).isFalse();
    assertNoSecret(run);
    assertThat(run.log())
        .doesNotContain(wrong)
        .doesNotContain(basic(services.registryUser(), wrong));
  }

  /**
   * Runs {@code mvn -X package} on the build project to the TLS registry, insecure registries not
   * allowed.
   */
  private MavenRun build(String image, String password, boolean trusted) throws IOException {
    TestProject project =
        TestProject.build(work, base, image, cli.urlTemplate(), work.resolve("cache"));
    Path settings =
        TestProject.settingsWithServer(
            work.resolve("settings.xml"),
            services.tlsRegistry(),
            services.registryUser(),
            password);
    Map<String, String> environment =
        trusted
            ? Map.of(
                "MAVEN_OPTS",
                "-Djavax.net.ssl.trustStore="
                    + services.tlsTruststore()
                    + " -Djavax.net.ssl.trustStorePassword="
                    + services.tlsTruststorePassword()
                    + " -Djavax.net.ssl.trustStoreType=PKCS12")
            : Map.of();
    return project.mvn(
        environment,
        "-X",
        "package",
        "-s",
        settings.toString(),
        "-Djenkins-dind.target=registry",
        "-Djenkins-dind.allowInsecureRegistries=false");
  }

  /**
   * No password, in clear or as an {@code Authorization} header value, anywhere in the debug log.
   */
  private static void assertNoSecret(MavenRun run) {
    String password = services.registryPassword();
    assertThat(run.log())
        .as("-X log")
        .contains("[DEBUG]")
        .doesNotContain(password)
        .doesNotContain(
            Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8)))
        .doesNotContain(basic(services.registryUser(), password))
        .doesNotContainIgnoringCase("Authorization: Basic")
        .doesNotContainIgnoringCase("Authorization: Bearer");
  }

  private static String basic(String user, String password) {
    return Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static double mavenSeconds(MavenRun run) {
    Matcher m = TOTAL_TIME.matcher(run.log());
    assertThat(m.find()).as("Maven's 'Total time' in:%n%s", run.log()).isTrue();
    return Double.parseDouble(m.group(1));
  }

  private static Path tlsLog() {
    return Path.of(services.property("registry.tls.log"));
  }

  private static String tlsLogSince(long offset) throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(tlsLog().toFile(), "r")) {
      file.seek(offset);
      byte[] bytes = new byte[(int) (file.length() - offset)];
      file.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /**
   * Whether the TLS registry has a repository (its tag list, read over verified https with the
   * credentials).
   */
  private static boolean exists(String repository) throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(services.tlsSslContext())
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "https://" + services.tlsRegistry() + "/v2/" + repository + "/tags/list"))
                .header("Authorization", services.basicAuthorization())
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode())
        .as("tags of %s: %s", repository, response.body())
        .isIn(200, 404);
    return response.statusCode() == 200;
  }
}
