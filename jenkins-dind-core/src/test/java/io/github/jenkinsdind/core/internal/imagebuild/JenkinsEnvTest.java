package io.github.jenkinsdind.core.internal.imagebuild;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jenkinsdind.core.api.JenkinsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JenkinsEnvTest {
  @TempDir Path temp;

  @Test
  void nothingAskedForSetsNothing() {
    assertThat(JenkinsEnv.of(JenkinsConfig.NONE, List.of("JAVA_OPTS=-Xmx1g"))).isEmpty();
  }

  @Test
  void skipSetupWizardAppendsToTheBaseJavaOpts() {
    assertThat(
            JenkinsEnv.of(
                JenkinsConfig.NONE.withSkipSetupWizard(true),
                List.of("PATH=/bin", "JAVA_OPTS=-Xmx1g -Dfoo=bar")))
        .containsExactly(
            java.util.Map.entry("JAVA_OPTS", "-Xmx1g -Dfoo=bar " + JenkinsEnv.SKIP_WIZARD_OPTION));
    assertThat(JenkinsEnv.SKIP_WIZARD_OPTION).isEqualTo("-Djenkins.install.runSetupWizard=false");
  }

  @Test
  void skipSetupWizardWithoutBaseJavaOptsAndNotTwice() {
    JenkinsConfig skip = JenkinsConfig.NONE.withSkipSetupWizard(true);
    assertThat(JenkinsEnv.of(skip, List.of()))
        .containsEntry("JAVA_OPTS", JenkinsEnv.SKIP_WIZARD_OPTION);
    assertThat(JenkinsEnv.of(skip, List.of("JAVA_OPTS=-Xmx1g " + JenkinsEnv.SKIP_WIZARD_OPTION)))
        .containsEntry("JAVA_OPTS", "-Xmx1g " + JenkinsEnv.SKIP_WIZARD_OPTION);
  }

  @Test
  void cascPointsAtTheFileOrTheDirectory() throws Exception {
    Path file = Files.writeString(temp.resolve("jenkins.yaml"), "jenkins: {}\n");
    Path dir = Files.createDirectory(temp.resolve("casc"));

    assertThat(JenkinsEnv.of(JenkinsConfig.NONE.withCasc(file), List.of()))
        .containsExactly(
            java.util.Map.entry("CASC_JENKINS_CONFIG", "/usr/share/jenkins/casc/jenkins.yaml"));
    assertThat(JenkinsEnv.of(JenkinsConfig.NONE.withCasc(dir), List.of()))
        .containsEntry("CASC_JENKINS_CONFIG", "/usr/share/jenkins/casc");
  }
}
