package io.github.jenkinsdind.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jenkinsdind.core.api.CheckResult;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.RegistryAuthenticationException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** What users read when a goal fails: the core's failures and suggestions in Maven's words. */
class FailureMessagesTest {
  private static final MavenHelpfulSuggestions WORDS = MavenHelpfulSuggestions.WORDS;

  private static String lines(String... lines) {
    return String.join(System.lineSeparator(), lines);
  }

  @Test
  void aSettingIsItsElementAndItsProperty() {
    assertThat(WORDS.setting(Setting.DOCKER_GID, "998"))
        .isEqualTo("<dockerGid>998</dockerGid> (-Djenkins-dind.dockerGid=998)");
    assertThat(WORDS.setting(Setting.REPLACE, null))
        .isEqualTo("<replace> (-Djenkins-dind.replace)");
  }

  @Test
  void labelsAndEnvHaveNoProperty() {
    assertThat(WORDS.setting(Setting.LABELS, null)).isEqualTo("<labels>");
    assertThat(WORDS.setting(Setting.ENV, "TZ")).isEqualTo("<env>TZ</env>");
    assertThat(MavenHelpfulSuggestions.property(Setting.ENV)).isEmpty();
  }

  @Test
  void offlineIsMavensDashO() {
    assertThat(WORDS.setting(Setting.OFFLINE, null)).isEqualTo("Maven's offline mode (-o)");
    assertThat(WORDS.setting(Setting.OFFLINE, "true")).isEqualTo("-o (offline)");
    assertThat(WORDS.setting(Setting.OFFLINE, "false")).isEqualTo("no -o (online)");
    assertThat(MavenHelpfulSuggestions.property(Setting.OFFLINE)).isEmpty();
  }

  @Test
  void systemPropertiesOperationsAndCredentialsInMavensWords() {
    assertThat(WORDS.systemProperty("javax.net.ssl.trustStore", "<that file>"))
        .isEqualTo("-Djavax.net.ssl.trustStore=<that file>");
    assertThat(WORDS.operation(Suggestion.Operation.BUILD)).isEqualTo("mvn jenkins-dind:build");
    assertThat(WORDS.operation(Suggestion.Operation.CHECK)).isEqualTo("mvn jenkins-dind:check");
    assertThat(WORDS.credentials("registry.example.com:5000"))
        .isEqualTo(
            "a <server> with <id>registry.example.com:5000</id> in ~/.m2/settings.xml, or docker"
                + " login registry.example.com:5000");
  }

  @Test
  void aSuggestionIsRenderedPartByPart() {
    Suggestion suggestion =
        Suggestion.perhaps()
            .text("set ")
            .set(Setting.REPLACE, "true")
            .text(", then ")
            .run(Suggestion.Operation.RUN)
            .text(" again")
            .build();

    assertThat(WORDS.render(suggestion))
        .isEqualTo(
            "perhaps you should set <replace>true</replace> (-Djenkins-dind.replace=true), then"
                + " mvn jenkins-dind:run again");
  }

  @Test
  void aConfigurationFailureNamesTheSettingItsValueAndWhatToDo() {
    ConfigurationException e =
        new ConfigurationException(
            "container jenkins exists",
            Setting.REPLACE,
            "false",
            Suggestion.perhaps()
                .text("set ")
                .set(Setting.REPLACE, "true")
                .text(" to replace it")
                .build(),
            null);

    assertThat(AbstractJenkinsDindMojo.describe(e))
        .isEqualTo(
            lines(
                "container jenkins exists",
                "  Setting: <replace> in the plugin's <configuration>, or -Djenkins-dind.replace"
                    + " (now: false)",
                "  Perhaps you should set <replace>true</replace> (-Djenkins-dind.replace=true) to"
                    + " replace it"));
  }

  @Test
  void aMapSettingIsNamedAsItsElementOnly() {
    ConfigurationException e =
        new ConfigurationException("bad variable name", Setting.ENV, "A=B", "perhaps you should x");

    assertThat(AbstractJenkinsDindMojo.describe(e))
        .contains("  Setting: <env> in the plugin's <configuration> (now: A=B)")
        .doesNotContain("-Djenkins-dind.env");
  }

  @Test
  void offlineIsBlamedAsMavensOfflineMode() {
    ConfigurationException e =
        new ConfigurationException(
            "Cannot push r/i:1 to a registry while offline",
            Setting.OFFLINE,
            "true",
            Suggestion.perhaps()
                .text("build with ")
                .set(Setting.OFFLINE, "false")
                .text(", or with ")
                .set(Setting.TARGET, "docker")
                .build(),
            null);

    assertThat(AbstractJenkinsDindMojo.describe(e))
        .isEqualTo(
            lines(
                "Cannot push r/i:1 to a registry while offline",
                "  Setting: Maven's offline mode, -o on the command line (now: true)",
                "  Perhaps you should build with no -o (online), or with <target>docker</target>"
                    + " (-Djenkins-dind.target=docker)"));
  }

  @Test
  void aPlainSuggestionThatIsNoPerhapsGetsThePrefix() {
    EnvironmentException e =
        new EnvironmentException("no daemon", null, null, "start Docker", null);

    assertThat(AbstractJenkinsDindMojo.describe(e))
        .isEqualTo(lines("no daemon", "  Perhaps: start Docker"));
  }

  @Test
  void aFailureWithoutSettingOrSuggestionIsItsMessage() {
    assertThat(AbstractJenkinsDindMojo.describe(new EnvironmentException("disk full", null)))
        .isEqualTo("disk full");
  }

  @Test
  void refusedCredentialsSayWhereCredentialsGo() {
    RegistryAuthenticationException e =
        new RegistryAuthenticationException(
            "registry r.example.com denied access",
            "r.example.com",
            Setting.IMAGE,
            "r.example.com/ci/jenkins:1",
            "perhaps you should give credentials for r.example.com",
            null);

    assertThat(AbstractJenkinsDindMojo.describe(e))
        .isEqualTo(
            lines(
                "registry r.example.com denied access",
                "  Setting: <image> in the plugin's <configuration>, or -Djenkins-dind.image"
                    + " (now: r.example.com/ci/jenkins:1)",
                "  Credentials: a <server> with <id>r.example.com</id> in ~/.m2/settings.xml, or"
                    + " docker login r.example.com",
                "  Perhaps you should give credentials for r.example.com"));
  }

  @Test
  void credentialsInTheSuggestionAreNotRepeated() {
    RegistryAuthenticationException e =
        new RegistryAuthenticationException(
            "registry r.example.com denied access",
            "r.example.com",
            Setting.IMAGE,
            "r.example.com/ci/jenkins:1",
            Suggestion.perhaps().text("give ").credentials("r.example.com").build(),
            null);

    assertThat(AbstractJenkinsDindMojo.describe(e))
        .doesNotContain("  Credentials:")
        .endsWith(
            "  Perhaps you should give a <server> with <id>r.example.com</id> in"
                + " ~/.m2/settings.xml, or docker login r.example.com");
  }

  private static CheckResult failedCheck(OptionalLong socketGid) {
    return new CheckResult(
        false,
        "jenkins-ci:1.2.3",
        "jenkins (uid 1000)",
        List.of(1000L, 999L),
        socketGid,
        List.of(),
        Optional.empty(),
        "Permission denied on /var/run/docker.sock.",
        Optional.empty());
  }

  @Test
  void aFailedCheckGivesTheDiagnosisTheGroupsAndTheFix() {
    assertThat(
            CheckMojo.failure(
                failedCheck(OptionalLong.of(998)),
                Optional.of(
                    "build the image with <dockerGid>998</dockerGid>"
                        + " (-Djenkins-dind.dockerGid=998)")))
        .isEqualTo(
            lines(
                "FAIL: jenkins-ci:1.2.3 cannot drive the Docker daemon. Permission denied on"
                    + " /var/run/docker.sock.",
                "  Socket GID on the Docker host: 998",
                "  User in the image: jenkins (uid 1000), groups 1000 999",
                "  Fix: build the image with <dockerGid>998</dockerGid>"
                    + " (-Djenkins-dind.dockerGid=998)"));
  }

  @Test
  void aFailedCheckWithoutSocketOrFixSaysWhatItKnows() {
    assertThat(CheckMojo.failure(failedCheck(OptionalLong.empty()), Optional.empty()))
        .isEqualTo(
            lines(
                "FAIL: jenkins-ci:1.2.3 cannot drive the Docker daemon. Permission denied on"
                    + " /var/run/docker.sock.",
                "  User in the image: jenkins (uid 1000), groups 1000 999"));
  }
}
