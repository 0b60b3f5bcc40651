package io.github.jenkinsdind.it.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jenkinsdind.it.maven.TestProject;
import io.github.jenkinsdind.it.maven.TestProject.MavenRun;
import io.github.jenkinsdind.it.support.Commands;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Credentials from a real Docker credential helper: a {@code docker-credential-NAME} script on the
 * PATH of the Maven run, named by {@code credsStore} or {@code credHelpers} in the test's own
 * {@code DOCKER_CONFIG}, with no settings.xml server. Against the htpasswd registry (plain http, so
 * with {@code -DsendCredentialsOverHttp=true}) and the TLS registry (its certificate in a
 * truststore given to Maven's JVM), for the base the build reads, the base the Docker daemon pulls
 * (the default {@code docker} target) and a registry target. A helper that prints garbage fails the
 * build with a message naming the helper, never the secret.
 */
class CredentialHelperTest extends TrustTestBase {
  private TestProject project(String base, String image) {
    return TestProject.build(work, base, image, cliServer.urlTemplate(), shared.resolve("cache"));
  }

  private static String base(String registry, String name) {
    String repository = "it-trust/helper-" + name + "-" + RUN_ID;
    repositories.add(registry + "/" + repository);
    return TrustFixtures.copyBase(services, registry, repository);
  }

  private CredentialHelper helper(String name) {
    return CredentialHelper.answering(
        work,
        name + RUN_ID,
        List.of(services.authRegistry(), services.tlsRegistry()),
        services.registryUser(),
        services.registryPassword());
  }

  private static boolean pushed(String image) {
    return Commands.run(
            TrustFixtures.TIMEOUT,
            "skopeo",
            "inspect",
            "--tls-verify=false",
            "--creds",
            services.registryUser() + ":" + services.registryPassword(),
            "docker://" + image)
        .succeeded();
  }

  private static String repositoryOf(String reference) {
    String path = reference.substring(reference.indexOf('/') + 1);
    return path.substring(0, path.lastIndexOf(':'));
  }

  @Test
  void credsStoreGivesTheDaemonPullAndTheBuildTheCredentialOfTheHttpRegistry() {
    CredentialHelper helper = helper("store");
    Path config = helper.asCredsStore(work.resolve("docker-config"));
    String base = base(services.authRegistry(), "store");
    String image = "it-trust/helper-store-" + RUN_ID + ":1";
    images.add(image);
    Path log = TrustFixtures.registryLog(services, "auth");
    int mark = TrustFixtures.mark(log);

    MavenRun run =
        project(base, image)
            .mvn(helper.environment(config), "package", "-DsendCredentialsOverHttp=true")
            .assertSucceeded();

    assertThat(run.log())
        .contains("The Docker daemon pulls the base " + base + " itself, while the build reads it")
        .doesNotContain("could not pull the base itself")
        .contains("Image: " + image + "@");
    TrustFixtures.assertNoSecret(run.log(), services.registryPassword());
    assertThat(helper.callsSoFar()).contains("get " + services.authRegistry());
    assertThat(TrustFixtures.daemonRequests(TrustFixtures.lines(log, mark), repositoryOf(base)))
        .as("the daemon pulled with the helper's credential")
        .anyMatch(TrustFixtures::authorized);
  }

  @Test
  void credHelpersGivesTheBaseAndTheTargetOfTheHttpRegistry() {
    CredentialHelper helper = helper("helpers");
    Path config = helper.asCredHelperFor(work.resolve("docker-config"), services.authRegistry());
    String base = base(services.authRegistry(), "helpers");
    String image = services.authRegistry() + "/it-trust/helper-target-" + RUN_ID + ":1";

    MavenRun run =
        project(base, image)
            .mvn(
                helper.environment(config),
                "package",
                "-DsendCredentialsOverHttp=true",
                "-Djenkins-dind.target=registry")
            .assertSucceeded();

    assertThat(run.log()).contains("Image: " + image + "@");
    TrustFixtures.assertNoSecret(run.log(), services.registryPassword());
    assertThat(helper.callsSoFar())
        .isNotEmpty()
        .allMatch(call -> call.equals("get " + services.authRegistry()));
    assertThat(pushed(image)).isTrue();
  }

  @Test
  void theHelperServesTheTlsRegistryForTheDaemonPullAndForARegistryTarget() {
    CredentialHelper helper = helper("tls");
    Path config = helper.asCredsStore(work.resolve("docker-config"));
    String base = base(services.tlsRegistry(), "tls");
    Map<String, String> environment = new HashMap<>(helper.environment(config));
    environment.putAll(TrustFixtures.trustingTls(services));
    String daemonImage = "it-trust/helper-tls-" + RUN_ID + ":1";
    images.add(daemonImage);
    Path log = TrustFixtures.registryLog(services, "tls");
    int mark = TrustFixtures.mark(log);

    MavenRun intoDaemon =
        project(base, daemonImage)
            .mvn(environment, "package", "-Djenkins-dind.allowInsecureRegistries=false")
            .assertSucceeded();

    assertThat(intoDaemon.log())
        .contains("The Docker daemon pulls the base " + base + " itself, while the build reads it")
        .contains("Image: " + daemonImage + "@");
    TrustFixtures.assertNoSecret(intoDaemon.log(), services.registryPassword());
    assertThat(TrustFixtures.daemonRequests(TrustFixtures.lines(log, mark), repositoryOf(base)))
        .as("the daemon pulled over https with the helper's credential")
        .anyMatch(TrustFixtures::authorized);

    String target = services.tlsRegistry() + "/it-trust/helper-tls-target-" + RUN_ID + ":1";
    MavenRun toRegistry =
        project(base, target)
            .mvn(
                environment,
                "package",
                "-Djenkins-dind.allowInsecureRegistries=false",
                "-Djenkins-dind.target=registry")
            .assertSucceeded();

    assertThat(toRegistry.log()).contains("Image: " + target + "@");
    TrustFixtures.assertNoSecret(toRegistry.log(), services.registryPassword());
    assertThat(helper.callsSoFar()).contains("get " + services.tlsRegistry());
    assertThat(pushed(target)).isTrue();
  }

  @Test
  void aHelperThatPrintsGarbageFailsTheBuildNamingTheHelperNeverTheSecret() {
    String secret = "garbage-secret-" + RUN_ID;
    CredentialHelper helper = CredentialHelper.garbage(work, "garbage" + RUN_ID, secret);
    Path config = helper.asCredsStore(work.resolve("docker-config"));
    String base = base(services.authRegistry(), "garbage");
    String image = "it-trust/helper-garbage-" + RUN_ID + ":1";
    images.add(image);

    MavenRun run =
        project(base, image)
            .mvn(helper.environment(config), "-X", "package", "-DsendCredentialsOverHttp=true")
            .assertFailed();

    assertThat(helper.callsSoFar()).isNotEmpty();
    TrustFixtures.assertNoSecret(run.log(), secret);
    assertThat(run.errors()).contains("docker-credential-" + helper.name());
  }
}
