package io.github.jenkinsdind.it.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jenkinsdind.it.maven.TestProject;
import io.github.jenkinsdind.it.maven.TestProject.MavenRun;
import io.github.jenkinsdind.it.support.JenkinsBaseImages;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The README's promise that a password never goes over plain http unless the user says so, on the
 * path of the default target: with {@code target=docker} and a registry base, the Docker daemon
 * pulls the base itself, and dockerd talks plain http to 127.0.0.1. The credential of the htpasswd
 * registry (plain http, 127.0.0.1:5001) is given as a settings.xml server; what the registry
 * received from the daemon (user agent {@code docker/...}) is read from its log.
 *
 * <p>Two tests put a registry of their own ({@link ChallengingRegistry}) in front of the plain
 * registry: it asks for credentials but serves anonymous pulls, and records the credentials each
 * request carried, so that both the daemon's anonymous pull and the credential it is given show.
 *
 * <ul>
 *   <li>without {@code sendCredentialsOverHttp}: the daemon pulls anonymously and the build says
 *       so; the registry saw no authorized request of the daemon;
 *   <li>with {@code -DsendCredentialsOverHttp=true}: the daemon pulls with the credential (the
 *       registry authorized its requests);
 *   <li>with Maven's debug output ({@code -X}), where docker-java's http client logs every request
 *       header: the daemon is not given the credential (its {@code X-Registry-Auth} header would be
 *       logged), the build says so and reads the base itself, and the output holds the password
 *       neither in clear nor base64-encoded.
 * </ul>
 */
class DaemonPullCredentialsTest extends TrustTestBase {
  private TestProject project(String base, String image) {
    images.add(image);
    return TestProject.build(work, base, image, cliServer.urlTemplate(), shared.resolve("cache"));
  }

  private Path settings() {
    return TestProject.settingsWithServer(
        work.resolve("settings.xml"),
        services.authRegistry(),
        services.registryUser(),
        services.registryPassword());
  }

  private static String base(String name) {
    String repository = "it-trust/" + name + "-" + RUN_ID;
    repositories.add(services.authRegistry() + "/" + repository);
    return TrustFixtures.copyBase(services, services.authRegistry(), repository);
  }

  private static String repositoryOf(String reference) {
    String path = reference.substring(reference.indexOf('/') + 1);
    return path.substring(0, path.lastIndexOf(':'));
  }

  @Test
  void withoutSendCredentialsOverHttpTheDaemonNeverGetsTheCredentialOfAnHttpRegistry() {
    String base = base("anonymous");
    TestProject project = project(base, "it-trust/anonymous-" + RUN_ID + ":1");
    Path log = TrustFixtures.registryLog(services, "auth");
    int mark = TrustFixtures.mark(log);

    MavenRun run = project.mvn("package", "-s", settings().toString());

    assertThat(run.log())
        .contains(
            "The Docker daemon pulls the base "
                + base
                + " itself, anonymously, while the build reads it: registry "
                + services.authRegistry()
                + " does not speak https, and credentials go over plain http only with the"
                + " system property sendCredentialsOverHttp=true")
        .doesNotContain("the Docker daemon is given the credentials");
    // the build itself does not send the credential over http either: it fails and says why
    run.assertFailed();
    assertThat(run.errors()).contains("sendCredentialsOverHttp=true");
    TrustFixtures.assertNoSecret(run.log(), services.registryPassword());

    // The build's own read fails at once (401: Jib sends no credential over http either) and stops
    // the daemon's pull, which may or may not have reached the registry by then: whatever of it
    // did came without the credential.
    assertThat(TrustFixtures.daemonRequests(TrustFixtures.lines(log, mark), repositoryOf(base)))
        .as("no request of the daemon carried the credential")
        .noneMatch(TrustFixtures::authorized);
  }

  @Test
  void withSendCredentialsOverHttpTheDaemonPullsWithTheCredential() {
    String base = base("credentials");
    String image = "it-trust/credentials-" + RUN_ID + ":1";
    TestProject project = project(base, image);
    Path log = TrustFixtures.registryLog(services, "auth");
    int mark = TrustFixtures.mark(log);

    MavenRun run =
        project
            .mvn("package", "-s", settings().toString(), "-DsendCredentialsOverHttp=true")
            .assertSucceeded();

    assertThat(run.log())
        .contains("The Docker daemon pulls the base " + base + " itself, while the build reads it")
        .doesNotContain("could not pull the base itself")
        .contains("Image: " + image + "@");
    TrustFixtures.assertNoSecret(run.log(), services.registryPassword());
    assertThat(TrustFixtures.daemonRequests(TrustFixtures.lines(log, mark), repositoryOf(base)))
        .as("the daemon pulled with the credential")
        .anyMatch(TrustFixtures::authorized);
  }

  @Test
  void withDebugOutputThePasswordAppearsNeitherInClearNorInTheDockerClientsHeaders() {
    String base = base("debug");
    String image = "it-trust/debug-" + RUN_ID + ":1";
    TestProject project = project(base, image);
    Path log = TrustFixtures.registryLog(services, "auth");
    int mark = TrustFixtures.mark(log);

    MavenRun run =
        project
            .mvn("-X", "package", "-s", settings().toString(), "-DsendCredentialsOverHttp=true")
            .assertSucceeded();

    TrustFixtures.assertNoSecret(run.log(), services.registryPassword());
    assertThat(run.log())
        .as("docker-java's http client logs its headers with -X")
        .contains("http-outgoing-")
        .contains(
            "The Docker daemon pulls the base "
                + base
                + " itself, anonymously, while the build reads it: with debug logging, the Docker"
                + " client logs the request header that would carry the credentials for registry "
                + services.authRegistry())
        .contains("The Docker daemon could not pull the base itself (")
        .contains("Image: " + image + "@");
    assertThat(TrustFixtures.daemonRequests(TrustFixtures.lines(log, mark), repositoryOf(base)))
        .noneMatch(TrustFixtures::authorized);
  }

  /** The plain fixture base, as the test's own challenging registry serves it. */
  private static String baseThrough(ChallengingRegistry registry) {
    String reference = JenkinsBaseImages.inRegistry(JenkinsBaseImages.Variant.PLAIN).reference();
    String path = reference.substring(reference.indexOf('/'));
    repositories.add(registry.address() + path.substring(0, path.lastIndexOf(':')));
    return registry.address() + path;
  }

  private Path settingsFor(ChallengingRegistry registry) {
    return TestProject.settingsWithServer(
        work.resolve("settings-challenging.xml"),
        registry.address(),
        services.registryUser(),
        services.registryPassword());
  }

  @Test
  void anHttpRegistryReceivesTheCredentialFromNoOneWithoutSendCredentialsOverHttp()
      throws Exception {
    try (ChallengingRegistry registry = new ChallengingRegistry(services.plainRegistry())) {
      String base = baseThrough(registry);
      String image = "it-trust/challenged-anonymous-" + RUN_ID + ":1";

      MavenRun run = project(base, image).mvn("package", "-s", settingsFor(registry).toString());

      run.assertSucceeded();
      assertThat(run.log())
          .contains(
              "The Docker daemon pulls the base "
                  + base
                  + " itself, anonymously, while the build reads it: registry "
                  + registry.address()
                  + " does not speak https")
          // dockerd without credentials stops at the registry's challenge: "no basic auth
          // credentials"; the build says so in the daemon's words and reads the base itself
          .contains("The Docker daemon could not pull the base itself (")
          .contains("no basic auth credentials")
          .doesNotContain("Error during callback")
          .contains("Image: " + image + "@");
      List<ChallengingRegistry.Request> requests = registry.requests();
      assertThat(requests).as("the daemon asked the registry").anyMatch(r -> r.fromDaemon());
      assertThat(requests)
          .as("neither the daemon nor the build sent the credential over http")
          .allMatch(r -> r.user().isEmpty());
    }
  }

  @Test
  void anHttpRegistryReceivesTheCredentialFromTheDaemonWithSendCredentialsOverHttp()
      throws Exception {
    try (ChallengingRegistry registry = new ChallengingRegistry(services.plainRegistry())) {
      String base = baseThrough(registry);
      String image = "it-trust/challenged-credentials-" + RUN_ID + ":1";

      MavenRun run =
          project(base, image)
              .mvn(
                  "package",
                  "-s",
                  settingsFor(registry).toString(),
                  "-DsendCredentialsOverHttp=true");

      run.assertSucceeded();
      assertThat(run.log())
          .contains(
              "The Docker daemon pulls the base " + base + " itself, while the build reads it");
      assertThat(registry.requests())
          .as("the daemon sent the credential, as told")
          .anyMatch(
              r ->
                  r.fromDaemon()
                      && r.path().contains("/manifests/")
                      && r.user().equals(Optional.of(services.registryUser())));
    }
  }
}
