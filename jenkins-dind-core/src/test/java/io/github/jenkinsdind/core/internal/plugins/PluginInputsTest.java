package io.github.jenkinsdind.core.internal.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.JenkinsPlugins;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.plugins.PluginSpec.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginInputsTest {
  @TempDir Path dir;

  @Test
  void readsEveryFormOfEntry() throws Exception {
    List<PluginSpec> specs =
        PluginInputs.read(
            JenkinsPlugins.of(
                List.of(
                    "git",
                    "docker-workflow:580.vc0c340686b_54",
                    "mine:1.0:https://example.com/mine.hpi",
                    "other::file:///tmp/other.hpi",
                    "blueocean:latest",
                    "configuration-as-code:experimental")));
    assertThat(specs)
        .extracting(PluginSpec::id, PluginSpec::kind, PluginSpec::version, PluginSpec::url)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("git", Kind.UNPINNED, null, null),
            org.assertj.core.groups.Tuple.tuple(
                "docker-workflow", Kind.PINNED, "580.vc0c340686b_54", null),
            org.assertj.core.groups.Tuple.tuple(
                "mine", Kind.URL, "1.0", "https://example.com/mine.hpi"),
            org.assertj.core.groups.Tuple.tuple("other", Kind.URL, null, "file:///tmp/other.hpi"),
            org.assertj.core.groups.Tuple.tuple("blueocean", Kind.LATEST, null, null),
            org.assertj.core.groups.Tuple.tuple(
                "configuration-as-code", Kind.EXPERIMENTAL, null, null));
    assertThat(specs.get(1).origin())
        .isEqualTo("plugins (entry 2 'docker-workflow:580.vc0c340686b_54')");
  }

  @Test
  void readsAPluginsTxtWithComments() throws Exception {
    Path file = dir.resolve("plugins.txt");
    Files.writeString(file, "# the team's plugins\n\ngit:5.2.0   # pinned\r\n  docker-workflow\n");
    List<PluginSpec> specs = PluginInputs.read(JenkinsPlugins.NONE.withPluginsFile(file));
    assertThat(specs).extracting(PluginSpec::id).containsExactly("git", "docker-workflow");
    assertThat(specs.get(1).origin()).isEqualTo("pluginsFile (line 4 of plugins.txt)");
  }

  @Test
  void readsAPluginsYaml() throws Exception {
    Path file = dir.resolve("plugins.yaml");
    Files.writeString(
        file,
        "plugins:\n"
            + "  - artifactId: git\n"
            + "    source:\n"
            + "      version: 5.2.0\n"
            + "  - artifactId: docker-workflow\n"
            + "  - artifactId: mine\n"
            + "    source:\n"
            + "      url: https://example.com/mine.hpi\n"
            + "  - {artifactId: blueocean, source: {version: latest}}\n");
    List<PluginSpec> specs = PluginInputs.readFile(file);
    assertThat(specs)
        .extracting(PluginSpec::id, PluginSpec::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("git", Kind.PINNED),
            org.assertj.core.groups.Tuple.tuple("docker-workflow", Kind.UNPINNED),
            org.assertj.core.groups.Tuple.tuple("mine", Kind.URL),
            org.assertj.core.groups.Tuple.tuple("blueocean", Kind.LATEST));
    assertThat(specs.get(2).where()).isEqualTo("line 6 of plugins.yaml");
  }

  @Test
  void aMalformedLineIsAnErrorNamingTheSettingAndTheLine() throws Exception {
    Path file = dir.resolve("plugins.txt");
    Files.writeString(file, "git\n\nbad id:1.0\n");
    assertThatThrownBy(() -> PluginInputs.readFile(file))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("line 3 of plugins.txt")
        .hasMessageContaining("'bad id' is not a plugin id")
        .satisfies(
            e -> assertThat(((ConfigurationException) e).setting()).contains(Setting.PLUGINS_FILE));
  }

  @Test
  void aYamlEntryWithoutArtifactIdNamesItsLine() throws Exception {
    Path file = dir.resolve("plugins.yml");
    Files.writeString(file, "plugins:\n  - artifactId: git\n  - source:\n      version: 1.0\n");
    assertThatThrownBy(() -> PluginInputs.readFile(file))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("line 3 of plugins.yml")
        .hasMessageContaining("no artifactId");
  }

  @Test
  void anEmptyVersionOrAPluginAskedForTwiceIsAnError() throws Exception {
    assertThatThrownBy(() -> PluginInputs.read(JenkinsPlugins.of(List.of("git:"))))
        .hasMessageContaining("the version after ':' is empty")
        .hasMessageContaining("plugins (entry 1 'git:')");
    Path file = dir.resolve("plugins.txt");
    Files.writeString(file, "git:5.2.0\n");
    assertThatThrownBy(
            () -> PluginInputs.read(JenkinsPlugins.of(List.of("git")).withPluginsFile(file)))
        .hasMessageContaining("plugin git is asked for twice")
        .hasMessageContaining("plugins (entry 1 'git')")
        .hasMessageContaining("pluginsFile (line 1 of plugins.txt)");
  }
}
