package io.github.jenkinsdind.core.internal.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.Setting;
import java.util.List;
import org.junit.jupiter.api.Test;

class PluginLockTest {
  private static final String SHA_A = "a".repeat(64);
  private static final String SHA_B = "b".repeat(64);

  @Test
  void formatsOneLinePerPluginInIdOrderAndReadsItBack() throws Exception {
    List<LockedPlugin> plugins =
        List.of(
            new LockedPlugin("z", "1.0", SHA_A, "https://example.com/z.hpi"),
            new LockedPlugin("a", "2.0", SHA_B, "https://example.com/a.hpi"));
    String text = PluginLock.format(plugins);
    assertThat(text)
        .startsWith("# jenkins-dind plugins.lock")
        .endsWith(
            "a 2.0 "
                + SHA_B
                + " https://example.com/a.hpi\nz 1.0 "
                + SHA_A
                + " https://example.com/z.hpi\n");
    assertThat(PluginLock.parse(text, "plugins.lock"))
        .containsExactly(plugins.get(1), plugins.get(0));
    assertThat(PluginLock.format(PluginLock.parse(text, "plugins.lock"))).isEqualTo(text);
  }

  @Test
  void aMalformedLineIsAnErrorNamingTheLine() {
    assertThatThrownBy(
            () -> PluginLock.parse("# x\na 1.0 nothex https://e/a.hpi\n", "plugins.lock"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("line 2 of plugins.lock")
        .hasMessageContaining("'nothex' is not a sha256")
        .satisfies(
            e ->
                assertThat(((ConfigurationException) e).setting())
                    .contains(Setting.PLUGINS_LOCK_FILE));
    assertThatThrownBy(() -> PluginLock.parse("a 1 " + SHA_A + " u\na 2 " + SHA_A + " u\n", "l"))
        .hasMessageContaining("plugin a is listed twice");
  }
}
