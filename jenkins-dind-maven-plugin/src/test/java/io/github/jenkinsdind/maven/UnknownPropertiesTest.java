package io.github.jenkinsdind.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jenkinsdind.core.api.Setting;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Which {@code jenkins-dind.*} properties a goal does not read, and the closest one it does. */
class UnknownPropertiesTest {
  @RegisterExtension final MojoHarness maven = new MojoHarness();

  private static final UnknownProperties BUILD =
      new UnknownProperties(
          "build",
          Set.of("jenkins-dind.skip", "jenkins-dind.platform", "jenkins-dind.image"),
          Map.of(
              "run", Set.of("jenkins-dind.skip", "jenkins-dind.image", "jenkins-dind.ports"),
              "stop", Set.of("jenkins-dind.skip", "jenkins-dind.removeVolume")));

  @Test
  void editDistanceCountsInsertionsDeletionsAndSubstitutionsIgnoringCase() {
    assertThat(UnknownProperties.distance("platform", "platform")).isZero();
    assertThat(UnknownProperties.distance("platform", "platfrom")).isEqualTo(2);
    assertThat(UnknownProperties.distance("dockerGid", "dockergid")).isZero();
    assertThat(UnknownProperties.distance("image", "images")).isEqualTo(1);
    assertThat(UnknownProperties.distance("image", "mage")).isEqualTo(1);
    assertThat(UnknownProperties.distance("", "wait")).isEqualTo(4);
    assertThat(UnknownProperties.distance("kitten", "sitting")).isEqualTo(3);
  }

  @Test
  void theClosestPropertyIsNamedIfItIsCloseEnough() {
    assertThat(BUILD.closest("jenkins-dind.platfrom")).contains("jenkins-dind.platform");
    assertThat(BUILD.closest("jenkins-dind.Image")).contains("jenkins-dind.image");
    assertThat(BUILD.closest("jenkins-dind.port")).contains("jenkins-dind.ports");
    assertThat(BUILD.closest("jenkins-dind.somethingElse")).isEmpty();
  }

  @Test
  void aTypoIsAWarningNamingTheClosestProperty() {
    assertThat(BUILD.findings(List.of("jenkins-dind.platfrom", "jenkins-dind.image"), List.of()))
        .containsExactly(
            new UnknownProperties.Finding(
                "jenkins-dind.platfrom",
                true,
                "Unknown property jenkins-dind.platfrom (no parameter of jenkins-dind:build reads"
                    + " it); did you mean jenkins-dind.platform?"));
  }

  @Test
  void theClosestPropertyOfAnotherGoalSaysWhoReadsIt() {
    assertThat(BUILD.findings(List.of("jenkins-dind.removeVolumes"), List.of()))
        .extracting(UnknownProperties.Finding::message)
        .containsExactly(
            "Unknown property jenkins-dind.removeVolumes (no parameter of jenkins-dind:build reads"
                + " it); did you mean jenkins-dind.removeVolume (read by jenkins-dind:stop)?");
  }

  @Test
  void nothingCloseIsNamedAsSuch() {
    assertThat(BUILD.findings(List.of("jenkins-dind.color"), List.of()))
        .extracting(UnknownProperties.Finding::message)
        .containsExactly(
            "Unknown property jenkins-dind.color (no parameter of jenkins-dind:build reads it)");
  }

  @Test
  void aPropertyOfAnotherGoalIsInformationOnTheCommandLineAndNothingInTheProject() {
    assertThat(BUILD.findings(List.of("jenkins-dind.ports"), List.of("jenkins-dind.removeVolume")))
        .containsExactly(
            new UnknownProperties.Finding(
                "jenkins-dind.ports",
                false,
                "Property jenkins-dind.ports is not read by jenkins-dind:build, only by"
                    + " jenkins-dind:run"));
  }

  @Test
  void otherPropertiesAreNoneOfItsBusiness() {
    assertThat(
            BUILD.findings(
                List.of("skipTests", "jenkins-dindx", "jenkins-dind.skip"),
                List.of("project.build.sourceEncoding")))
        .isEmpty();
  }

  @Test
  void aProjectPropertyTypoIsWarnedAboutToo() {
    assertThat(BUILD.findings(List.of(), List.of("jenkins-dind.imgae")))
        .extracting(UnknownProperties.Finding::warning)
        .containsExactly(true);
  }

  @Test
  void onlyJenkinsDindExpressionsAreProperties() {
    assertThat(UnknownProperties.property("${jenkins-dind.platform}"))
        .contains("jenkins-dind.platform");
    assertThat(UnknownProperties.property("${session}")).isEmpty();
    assertThat(UnknownProperties.property("${detail}")).isEmpty();
    assertThat(UnknownProperties.property(null)).isEmpty();
  }

  @Test
  void theGoalsPropertiesComeFromTheirDescriptors() {
    MojoDescriptor build = maven.execution("build").getMojoDescriptor();
    UnknownProperties properties = UnknownProperties.of(build);

    assertThat(properties.goal()).isEqualTo("build");
    assertThat(properties.known())
        .contains(
            "jenkins-dind.skip",
            "jenkins-dind.platform",
            "jenkins-dind.dockerGid",
            "jenkins-dind.dockerHost")
        .doesNotContain("jenkins-dind.labels", "jenkins-dind.containerName");
    assertThat(properties.otherGoals()).containsKeys("run", "check", "stop", "help");
    assertThat(properties.otherGoals().get("stop"))
        .containsExactlyInAnyOrder(
            "jenkins-dind.skip",
            "jenkins-dind.containerName",
            "jenkins-dind.removeVolume",
            "jenkins-dind.dockerHost");
    assertThat(properties.otherGoals().get("help")).isEmpty();
  }

  /**
   * The words of {@link MavenHelpfulSuggestions} offer a {@code -D} property for a setting exactly
   * when some goal reads that property, so they cannot drift from the parameters.
   */
  @Test
  void theWordsOfferAPropertyExactlyWhenAGoalReadsIt() {
    Set<String> read = new TreeSet<>();
    for (String goal : List.of("build", "run", "check", "stop")) {
      read.addAll(UnknownProperties.propertiesOf(maven.execution(goal).getMojoDescriptor()));
    }
    Set<String> parameters = new TreeSet<>();
    for (String goal : List.of("build", "run", "check", "stop")) {
      maven
          .execution(goal)
          .getMojoDescriptor()
          .getParameters()
          .forEach(p -> parameters.add(p.getName()));
    }

    for (Setting setting : Setting.values()) {
      String property = AbstractJenkinsDindMojo.PROPERTY_PREFIX + setting.key();
      assertThat(MavenHelpfulSuggestions.property(setting).isPresent())
          .as("%s has a -D property", setting)
          .isEqualTo(read.contains(property));
      if (setting != Setting.OFFLINE) {
        assertThat(parameters).as("a parameter of %s", setting).contains(setting.key());
      }
    }
  }
}
