package io.github.jenkinsdind.it.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jenkinsdind.it.maven.TestProject.MavenRun;
import io.github.jenkinsdind.it.support.Commands;
import io.github.jenkinsdind.it.support.DockerCliServer;
import io.github.jenkinsdind.it.support.JenkinsBaseImages;
import io.github.jenkinsdind.it.support.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registry credentials from {@code settings.xml}, against the htpasswd-protected registry: a {@code
 * <server>} whose id is the registry host, its password encrypted with Maven's own {@code mvn
 * --encrypt-password} and a {@code settings-security.xml}, as a user would set it up. A wrong
 * password fails naming the server id; no password is ever printed. The registry speaks plain http
 * on loopback, so the runs allow Jib to send credentials over http ({@code
 * -DsendCredentialsOverHttp=true}).
 */
class BuildGoalCredentialsTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final String RUN_ID = Long.toString(System.currentTimeMillis(), 36);

  @TempDir static Path shared;

  private static DockerCliServer cliServer;
  private static TestServices services;
  private static Path securitySettings;

  @TempDir Path work;

  @BeforeAll
  static void setUp() throws Exception {
    services = TestServices.get().requireRunning();
    cliServer = DockerCliServer.start();
    String master =
        Commands.stdout(TIMEOUT, "mvn", "-B", "--encrypt-master-password", "master-" + RUN_ID);
    securitySettings = shared.resolve("settings-security.xml");
    Files.writeString(
        securitySettings,
        "<settingsSecurity>\n  <master>" + encrypted(master) + "</master>\n</settingsSecurity>\n");
  }

  @AfterAll
  static void stop() {
    if (cliServer != null) {
      cliServer.close();
    }
  }

  /**
   * The {...} value that {@code mvn --encrypt-(master-)password} printed (among terminal escapes).
   */
  private static String encrypted(String output) {
    Matcher m = Pattern.compile("\\{[^{}\\s]+}").matcher(output);
    assertThat(m.find()).as("an encrypted password, {...}, in: %s", output).isTrue();
    return m.group();
  }

  /**
   * Encrypts a password as a user does: {@code mvn --encrypt-password} with the
   * settings-security.xml.
   */
  private static String encrypt(String password) {
    return encrypted(
        Commands.stdout(
            TIMEOUT,
            "mvn",
            "-B",
            "-Dsettings.security=" + securitySettings,
            "--encrypt-password",
            password));
  }

  /** A user settings.xml with one server for the authenticating registry. */
  private Path settings(String password) throws Exception {
    return TestProject.settingsWithServer(
        work.resolve("settings.xml"),
        services.authRegistry(),
        services.registryUser(),
        encrypt(password));
  }

  private TestProject project(String image) {
    return TestProject.build(
        work,
        JenkinsBaseImages.inRegistry(JenkinsBaseImages.Variant.PLAIN).reference(),
        image,
        cliServer.urlTemplate(),
        shared.resolve("cache"));
  }

  private static boolean pushed(String image) {
    return Commands.run(
            TIMEOUT,
            "skopeo",
            "inspect",
            "--tls-verify=false",
            "--creds",
            services.registryUser() + ":" + services.registryPassword(),
            "docker://" + image)
        .succeeded();
  }

  @Test
  void encryptedPasswordOfTheServerNamedAsTheRegistryIsUsed() throws Exception {
    String image = services.authRegistry() + "/it-maven/credentials-" + RUN_ID + ":1";
    TestProject project = project(image);
    Path settings = settings(services.registryPassword());
    assertThat(Files.readString(settings)).doesNotContain(services.registryPassword());

    MavenRun run =
        project
            .mvn(
                "package",
                "-s",
                settings.toString(),
                "-Dsettings.security=" + securitySettings,
                "-DsendCredentialsOverHttp=true",
                "-Djenkins-dind.target=registry")
            .assertSucceeded();

    assertThat(run.log()).contains("Image: " + image + "@");
    assertThat(run.log()).doesNotContain(services.registryPassword());
    assertThat(pushed(image)).isTrue();
  }

  @Test
  void wrongPasswordFailsNamingTheServerIdToFix() throws Exception {
    String image = services.authRegistry() + "/it-maven/wrong-password-" + RUN_ID + ":1";
    TestProject project = project(image);
    String wrong = "wrong-" + RUN_ID;

    MavenRun run =
        project
            .mvn(
                "package",
                "-s",
                settings(wrong).toString(),
                "-Dsettings.security=" + securitySettings,
                "-DsendCredentialsOverHttp=true",
                "-Djenkins-dind.target=registry")
            .assertFailed();

    assertThat(run.log())
        .contains("a <server> with <id>" + services.authRegistry() + "</id> in ~/.m2/settings.xml")
        .contains("Setting: <image>")
        .doesNotContain(wrong)
        .doesNotContain(services.registryPassword());
    assertThat(pushed(image)).as("nothing pushed").isFalse();
  }
}
