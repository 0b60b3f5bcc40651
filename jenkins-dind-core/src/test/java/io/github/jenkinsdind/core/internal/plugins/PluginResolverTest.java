package io.github.jenkinsdind.core.internal.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.JenkinsPlugins;
import io.github.jenkinsdind.core.api.Setting;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Resolution as a pure function of the requests and an in-memory update center. */
class PluginResolverTest {
  private static final String BASE = "http://uc.invalid";

  private static Resolution resolve(FakeUpdateCenter uc, String jenkins, String... entries)
      throws ConfigurationException {
    return resolve(uc, jenkins, Map.of(), entries);
  }

  private static Resolution resolve(
      FakeUpdateCenter uc, String jenkins, Map<String, String> bundled, String... entries)
      throws ConfigurationException {
    List<PluginSpec> specs = PluginInputs.read(JenkinsPlugins.of(List.of(entries)));
    return new PluginResolver(uc.center(BASE), Map.of(), jenkins, bundled, false).resolve(specs);
  }

  private static List<String> idsAndVersions(Resolution resolution) {
    return resolution.plugins().stream().map(p -> p.id() + ":" + p.version()).toList();
  }

  @Test
  void aChainIsFollowedWithTheMinimumVersionsItNeeds() throws Exception {
    FakeUpdateCenter uc =
        new FakeUpdateCenter()
            .plugin("a", "1.0", "2.400", "b:2.0")
            .plugin("b", "2.0", "2.400", "c:3.0")
            .plugin("b", "2.5", "2.400", "c:3.5")
            .plugin("c", "3.0", "2.400")
            .plugin("c", "3.5", "2.400")
            .plugin("c", "4.0", "2.400");
    Resolution resolution = resolve(uc, "2.440.1", "a");
    assertThat(idsAndVersions(resolution)).containsExactly("a:1.0", "b:2.0", "c:3.0");
    ResolvedPlugin c = resolution.plugins().get(2);
    assertThat(c.chain()).containsExactly("a", "b", "c");
    assertThat(c.release().sha256()).isEqualTo(uc.release("c", "3.0").sha256Hex());
    assertThat(c.release().url()).isEqualTo(BASE + "/download/plugins/c/3.0/c.hpi");
  }

  @Test
  void aDiamondTakesTheHighestMinimumOfBothSides() throws Exception {
    FakeUpdateCenter uc =
        new FakeUpdateCenter()
            .plugin("top", "1", "2.400", "left:1", "right:1")
            .plugin("left", "1", "2.400", "base:1.1")
            .plugin("right", "1", "2.400", "base:1.3")
            .plugin("base", "1.1", "2.400")
            .plugin("base", "1.3", "2.400")
            .plugin("base", "2.0", "2.400");
    assertThat(idsAndVersions(resolve(uc, "2.440", "top")))
        .containsExactly("base:1.3", "left:1", "right:1", "top:1");
  }

  @Test
  void aRaisedVersionBringsItsOwnNewerDependencies() throws Exception {
    FakeUpdateCenter uc =
        new FakeUpdateCenter()
            .plugin("a", "1", "2.400", "lib:1", "b:1")
            .plugin("b", "1", "2.400", "lib:2")
            .plugin("lib", "1", "2.400")
            .plugin("lib", "2", "2.400", "extra:5")
            .plugin("lib", "3", "2.400")
            .plugin("extra", "5", "2.400")
            .plugin("extra", "6", "2.400");
    assertThat(idsAndVersions(resolve(uc, "2.440", "a")))
        .containsExactly("a:1", "b:1", "extra:5", "lib:2");
  }

  @Test
  void pinsAreHonouredExactlyAndUnpinnedRequestsGetTheLatest() throws Exception {
    FakeUpdateCenter uc =
        new FakeUpdateCenter()
            .plugin("a", "1", "2.400", "lib:1")
            .plugin("lib", "1", "2.400")
            .plugin("lib", "2", "2.400")
            .plugin("lib", "3", "2.400")
            .plugin("other", "1", "2.400")
            .plugin("other", "2", "2.400");
    assertThat(idsAndVersions(resolve(uc, "2.440", "a", "lib:2", "other")))
        .containsExactly("a:1", "lib:2", "other:2");
  }

  @Test
  void aPinBelowWhatADependencyNeedsNamesBoth() {
    FakeUpdateCenter uc =
        new FakeUpdateCenter()
            .plugin("git", "5", "2.400", "scm-api:600")
            .plugin("scm-api", "500", "2.400")
            .plugin("scm-api", "600", "2.400");
    assertThatThrownBy(() -> resolve(uc, "2.440", "git", "scm-api:500"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("plugin scm-api is pinned to 500 in plugins (entry 2 'scm-api:500')")
        .hasMessageContaining("git 5 (asked for in plugins (entry 1 'git')) requires scm-api 600")
        .satisfies(
            e -> {
              ConfigurationException c = (ConfigurationException) e;
              assertThat(c.setting()).contains(Setting.PLUGINS);
              assertThat(c.suggestion().orElseThrow()).contains("pin scm-api to 600 or newer");
            });
  }

  @Test
  void aRequiredCoreAboveTheJenkinsVersionIsAnErrorWithTheChain() {
    FakeUpdateCenter uc =
        new FakeUpdateCenter().plugin("a", "1", "2.400", "b:1").plugin("b", "1", "2.479.1");
    assertThatThrownBy(() -> resolve(uc, "2.440.3", "a"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("plugin b 1 (pulled in by a -> b, where a is asked for in plugins")
        .hasMessageContaining("requires Jenkins 2.479.1 or newer, but the base has Jenkins 2.440.3")
        .satisfies(
            e ->
                assertThat(((ConfigurationException) e).suggestion().orElseThrow())
                    .contains("from")
                    .contains("jenkinsVersion"));
  }

  @Test
  void anUnknownPluginIsAnErrorNamingTheChain() {
    FakeUpdateCenter uc = new FakeUpdateCenter().plugin("a", "1", "2.400", "gone:1");
    assertThatThrownBy(() -> resolve(uc, "2.440", "a"))
        .hasMessageContaining("plugin gone is not in the update center (pulled in by a -> gone");
    assertThatThrownBy(() -> resolve(uc, "2.440", "typo"))
        .hasMessageContaining("plugin typo is not in the update center (asked for in plugins");
  }

  @Test
  void aMissingVersionIsAnError() {
    FakeUpdateCenter uc =
        new FakeUpdateCenter().plugin("a", "1", "2.400", "b:9").plugin("b", "1", "2.400");
    assertThatThrownBy(() -> resolve(uc, "2.440", "a:2"))
        .hasMessageContaining("plugin a has no version 2");
    assertThatThrownBy(() -> resolve(uc, "2.440", "a"))
        .hasMessageContaining("must be version 9 or newer, as a 1 requires")
        .hasMessageContaining("its latest is 1");
  }

  @Test
  void aCycleIsAnError() {
    FakeUpdateCenter uc =
        new FakeUpdateCenter()
            .plugin("a", "1", "2.400", "b:1")
            .plugin("b", "1", "2.400", "c:1")
            .plugin("c", "1", "2.400", "a:1");
    assertThatThrownBy(() -> resolve(uc, "2.440", "a"))
        .hasMessageContaining("the plugins a -> b -> c -> a depend on each other in a cycle");
  }

  @Test
  void pluginsTheWarBundlesAreLeftOutUnlessANewerVersionIsNeeded() throws Exception {
    FakeUpdateCenter uc =
        new FakeUpdateCenter()
            .plugin("a", "1", "2.400", "bundled:1.5", "old:3")
            .plugin("bundled", "1.5", "2.400", "deep:1")
            .plugin("old", "2", "2.400")
            .plugin("old", "3", "2.400")
            .plugin("deep", "1", "2.400");
    Resolution resolution = resolve(uc, "2.440", Map.of("bundled", "1.6", "old", "2"), "a");
    assertThat(idsAndVersions(resolution)).containsExactly("a:1", "old:3");
    assertThat(resolution.leftOutBundled()).containsExactly(Map.entry("bundled", "1.6"));
  }

  @Test
  void anOptionalDependencyCountsOnlyWhenItsPluginIsInTheSet() throws Exception {
    FakeUpdateCenter uc =
        new FakeUpdateCenter()
            .plugin("a", "1", "2.400", "opt:2?")
            .plugin("b", "1", "2.400", "opt:1")
            .plugin("opt", "1", "2.400")
            .plugin("opt", "2", "2.400")
            .plugin("opt", "3", "2.400");
    assertThat(idsAndVersions(resolve(uc, "2.440", "a"))).containsExactly("a:1");
    assertThat(idsAndVersions(resolve(uc, "2.440", "a", "b")))
        .containsExactly("a:1", "b:1", "opt:2");
  }

  @Test
  void securityWarningsWarnOrFail() throws Exception {
    FakeUpdateCenter uc =
        new FakeUpdateCenter()
            .plugin("a", "1", "2.400", "b:1")
            .plugin("b", "1", "2.400")
            .warning("SECURITY-15", "b", "1(|[.-].*)");
    assertThat(resolve(uc, "2.440", "a").warnings())
        .singleElement()
        .asString()
        .contains("plugin b 1 (pulled in by a -> b")
        .contains("SECURITY-15");
    List<PluginSpec> specs = PluginInputs.read(JenkinsPlugins.of(List.of("a")));
    assertThatThrownBy(
            () ->
                new PluginResolver(uc.center(BASE), Map.of(), "2.440", Map.of(), true)
                    .resolve(specs))
        .hasMessageContaining("has a security warning: SECURITY-15")
        .satisfies(
            e ->
                assertThat(((ConfigurationException) e).suggestion().orElseThrow())
                    .contains("failOnPluginWarnings=false"));
  }

  @Test
  void experimentalTakesTheNewestOfAllAndLatestTheUpdateCentersLatest() throws Exception {
    FakeUpdateCenter uc =
        new FakeUpdateCenter().plugin("a", "1.0", "2.400").plugin("a", "1.1-beta-1", "2.400");
    assertThat(idsAndVersions(resolve(uc, "2.440", "a:latest"))).containsExactly("a:1.0");
    assertThat(idsAndVersions(resolve(uc, "2.440", "a:experimental")))
        .containsExactly("a:1.1-beta-1");
  }

  @Test
  void versionsNotLoadedAreAskedFor() throws Exception {
    FakeUpdateCenter uc =
        new FakeUpdateCenter()
            .plugin("a", "1", "2.400", "b:1")
            .plugin("b", "1", "2.400")
            .plugin("b", "2", "2.400");
    UpdateCenter full = uc.center(BASE);
    UpdateCenter latestOnly = new UpdateCenter(full.latest(), Map.of(), Set.of(), List.of());
    List<PluginSpec> specs = PluginInputs.read(JenkinsPlugins.of(List.of("a")));
    assertThatThrownBy(
            () -> new PluginResolver(latestOnly, Map.of(), null, Map.of(), false).resolve(specs))
        .isInstanceOf(UpdateCenter.VersionsNeeded.class)
        .hasMessageContaining("versions of b");
    assertThat(
            new PluginResolver(latestOnly, Map.of(), null, Map.of(), false)
                .resolve(PluginInputs.read(JenkinsPlugins.of(List.of("b"))))
                .plugins())
        .extracting(ResolvedPlugin::version)
        .containsExactly("2");
  }
}
