package io.github.jenkinsdind.core.internal.imagebuild;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.JenkinsConfig;
import io.github.jenkinsdind.core.api.JenkinsPlugins;
import io.github.jenkinsdind.core.api.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JenkinsCheckTest {
  @TempDir Path temp;

  @Test
  void goodSettingsPass() throws Exception {
    Path casc = Files.createDirectory(temp.resolve("casc"));
    Path script = Files.writeString(temp.resolve("a.groovy"), "println 'a'\n");
    assertThatCode(
            () ->
                JenkinsCheck.check(
                    JenkinsPlugins.of(List.of("git", "docker-workflow:580.vc0c340686b_54")),
                    new JenkinsConfig(casc, List.of(script), true)))
        .doesNotThrowAnyException();
  }

  @Test
  void aMalformedPluginEntryFailsNamingPlugins() {
    assertThatThrownBy(
            () -> JenkinsCheck.check(JenkinsPlugins.of(List.of("git:1:2:3:4")), JenkinsConfig.NONE))
        .isInstanceOf(ConfigurationException.class)
        .satisfies(
            e ->
                org.assertj.core.api.Assertions.assertThat(((ConfigurationException) e).setting())
                    .contains(Setting.PLUGINS));
  }

  @Test
  void aMissingLockFileOrCascOrScriptFails() {
    Path missing = temp.resolve("missing");
    assertThatThrownBy(
            () -> JenkinsCheck.check(JenkinsPlugins.NONE.withLockFile(missing), JenkinsConfig.NONE))
        .hasMessageContaining("plugins lock file");
    assertThatThrownBy(
            () -> JenkinsCheck.check(JenkinsPlugins.NONE, JenkinsConfig.NONE.withCasc(missing)))
        .hasMessageContaining("neither a file nor a directory");
    assertThatThrownBy(
            () ->
                JenkinsCheck.check(
                    JenkinsPlugins.NONE, JenkinsConfig.NONE.withInitScripts(List.of(missing))))
        .hasMessageContaining("is not a file");
  }

  @Test
  void twoInitScriptsOfTheSameNameFail() throws Exception {
    Path a = Files.writeString(Files.createDirectory(temp.resolve("a")).resolve("x.groovy"), "");
    Path b = Files.writeString(Files.createDirectory(temp.resolve("b")).resolve("x.groovy"), "");
    assertThatThrownBy(
            () ->
                JenkinsCheck.check(
                    JenkinsPlugins.NONE, JenkinsConfig.NONE.withInitScripts(List.of(a, b))))
        .hasMessageContaining("have the same name");
  }
}
