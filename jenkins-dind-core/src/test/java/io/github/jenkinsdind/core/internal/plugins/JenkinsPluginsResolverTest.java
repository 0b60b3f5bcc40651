package io.github.jenkinsdind.core.internal.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.JenkinsPlugins;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.download.Sha256;
import io.github.jenkinsdind.core.internal.files.CacheLayout;
import io.github.jenkinsdind.core.testing.LoopbackHttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolution and downloads against a stand-in update center served over HTTP on loopback. */
class JenkinsPluginsResolverTest {
  @TempDir Path dir;
  private LoopbackHttpServer server;
  private CacheLayout cache;
  private final List<Event> events = new CopyOnWriteArrayList<>();

  private final FakeUpdateCenter uc =
      new FakeUpdateCenter()
          .plugin("a", "1.0", "2.400", "b:2.0", "c:1.0")
          .plugin("b", "2.0", "2.400", "d:1.0")
          .plugin("b", "2.1", "2.400", "d:1.0")
          .plugin("c", "1.0", "2.400", "d:1.1")
          .plugin("d", "1.0", "2.400")
          .plugin("d", "1.1", "2.400")
          .plugin("d", "1.2", "2.400");

  @BeforeEach
  void serve() throws Exception {
    server = new LoopbackHttpServer();
    uc.serve(server);
    cache = new CacheLayout(dir.resolve("cache"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private JenkinsPlugins request(String... entries) {
    return JenkinsPlugins.of(List.of(entries))
        .withUpdateCenterUrl(server.base() + "/update-center.actual.json");
  }

  private PluginSet fetch(JenkinsPlugins request, boolean offline) throws Exception {
    return new JenkinsPluginsResolver(cache, offline, events::add)
        .resolveAndFetch(request, "2.440.3", Map.of());
  }

  private static List<String> ids(PluginSet set) {
    return set.locked().stream().map(p -> p.id() + ":" + p.version()).toList();
  }

  @Test
  void aDiamondIsResolvedDownloadedAndChecked() throws Exception {
    PluginSet set = fetch(request("a"), false);
    assertThat(ids(set)).containsExactly("a:1.0", "b:2.0", "c:1.0", "d:1.1");
    for (PluginFile file : set.plugins()) {
      assertThat(Sha256.ofFile(file.file())).isEqualTo(file.plugin().sha256());
      assertThat(file.file()).startsWith(cache.jenkinsPlugins());
      // hashed while downloaded and remembered: a warm build does not read the file again
      assertThat(
              Files.readString(file.file().resolveSibling(file.file().getFileName() + ".sha256")))
          .endsWith(" " + file.plugin().sha256());
    }
    assertThat(set.plugins().get(3).imagePath()).isEqualTo("/usr/share/jenkins/ref/plugins/d.jpi");
    assertThat(set.plugins().get(3).plugin().sha256())
        .isEqualTo(uc.release("d", "1.1").sha256Hex());
    assertThat(events)
        .filteredOn(e -> e instanceof Event.Progress p && p.unit().equals("plugins"))
        .last()
        .isEqualTo(new Event.Progress(DownloadProgress.TASK, 4, 4, "plugins"));
    assertThat(events)
        .filteredOn(
            e -> e instanceof Event.Log log && log.message().startsWith("Jenkins plugins ready"))
        .singleElement()
        .extracting(e -> ((Event.Log) e).message())
        .asString()
        .matches(
            "Jenkins plugins ready: 4 in [0-9.]+ s \\(update center [0-9.]+ s, waiting for the base"
                + " [0-9.]+ s, resolution [0-9.]+ s, files [0-9.]+ s\\)");
    assertThat(events)
        .filteredOn(e -> e instanceof Event.Log l && l.level() == Event.Level.INFO)
        .extracting(e -> ((Event.Log) e).message())
        .anySatisfy(
            m ->
                assertThat(m)
                    .startsWith("Downloaded 4 Jenkins plugin(s), ")
                    .contains("the slowest was"));
  }

  @Test
  void onlyTheLatestNeedsNoPluginVersions() throws Exception {
    assertThat(ids(fetch(request("d"), false))).containsExactly("d:1.2");
    assertThat(server.requests("/plugin-versions.json")).isZero();
    fetch(request("c"), false);
    assertThat(server.requests("/plugin-versions.json")).isEqualTo(1);
  }

  @Test
  void aSha256MismatchIsAnErrorAndTheDownloadIsDiscarded() throws Exception {
    FakeUpdateCenter.Fake d = uc.release("d", "1.2");
    server.bytes(
        d.path(),
        FakeUpdateCenter.hpi("d", "1.2", "2.400", List.of(new PluginDependency("x", "1", true))));
    assertThatThrownBy(() -> fetch(request("d"), false))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(
            "the file of plugin d 1.2 downloaded from " + server.base() + d.path())
        .hasMessageContaining("but " + d.sha256Hex() + " is expected (from updateCenterUrl)")
        .hasMessageContaining("the download has been discarded")
        .satisfies(
            e ->
                assertThat(((ConfigurationException) e).setting())
                    .contains(Setting.UPDATE_CENTER_URL));
    try (var files = Files.walk(cache.jenkinsPlugins())) {
      assertThat(files.filter(f -> f.toString().endsWith(".hpi"))).isEmpty();
    }
  }

  @Test
  void anUnknownPluginIsAnError() {
    assertThatThrownBy(() -> fetch(request("a", "nope:1.0"), false))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("plugin nope is not in the update center");
  }

  @Test
  void offlineWithAWarmCacheGivesTheSameSet() throws Exception {
    PluginSet online = fetch(request("a"), false);
    int requests = server.totalRequests();
    server.close();
    events.clear();
    PluginSet offline = fetch(request("a"), true);
    assertThat(offline).isEqualTo(online);
    assertThat(events)
        .as("a warm build resolves from the remembered resolution, reading no plugin versions")
        .noneMatch(e -> e instanceof Event.Log l && l.message().startsWith("Reading the versions"));
    PluginSet warm = fetch(request("a"), false);
    assertThat(warm).isEqualTo(online);
    assertThat(server.totalRequests()).isEqualTo(requests);
  }

  @Test
  void offlineWithoutACacheIsAnErrorNamingOffline() {
    assertThatThrownBy(() -> fetch(request("a"), true))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("offline mode is on, and the Jenkins update center")
        .satisfies(
            e -> assertThat(((ConfigurationException) e).setting()).contains(Setting.OFFLINE));
  }

  @Test
  void theLockFileRoundTripGivesTheSameSetWithoutAnUpdateCenter() throws Exception {
    PluginSet resolved = fetch(request("a"), false);
    assertThat(events)
        .anyMatch(e -> e instanceof Event.Log l && l.message().startsWith("Reading the versions"));
    Path lock = dir.resolve("plugins.lock");
    PluginLock.write(resolved.locked(), lock);
    assertThat(PluginLock.read(lock)).isEqualTo(resolved.locked());

    server.status("/update-center.actual.json", 500);
    server.status("/plugin-versions.json", 500);
    cache = new CacheLayout(dir.resolve("fresh-cache"));
    PluginSet locked = fetch(request("a").withLockFile(lock), false);
    assertThat(locked.locked()).isEqualTo(resolved.locked());
    assertThat(locked.lockText()).isEqualTo(resolved.lockText()).isEqualTo(Files.readString(lock));
    for (int i = 0; i < locked.plugins().size(); i++) {
      assertThat(Files.readAllBytes(locked.plugins().get(i).file()))
          .isEqualTo(Files.readAllBytes(resolved.plugins().get(i).file()));
    }
    assertThatThrownBy(() -> fetch(request("a", "e").withLockFile(lock), false))
        .hasMessageContaining("does not match plugins (entry 2 'e'): it does not hold plugin e")
        .satisfies(
            e ->
                assertThat(((ConfigurationException) e).setting())
                    .contains(Setting.PLUGINS_LOCK_FILE));
  }

  @Test
  void availableUpdatesOfALock() throws Exception {
    Path lock = dir.resolve("plugins.lock");
    PluginLock.write(fetch(request("a"), false).locked(), lock);
    List<AvailableUpdate> updates =
        new JenkinsPluginsResolver(cache, false, events::add)
            .availableUpdates(request().withLockFile(lock));
    assertThat(updates)
        .containsExactly(
            new AvailableUpdate("b", "2.0", "2.1"), new AvailableUpdate("d", "1.1", "1.2"));
  }

  @Test
  void pluginsTheWarBundlesAreLeftOut() throws Exception {
    JenkinsWar war =
        JenkinsWar.read(
            Files.newInputStream(JenkinsWarTest.war(dir, "2.440.3", Map.of("d", "1.1"))), true);
    PluginSet set =
        new JenkinsPluginsResolver(cache, false, events::add)
            .resolveAndFetch(request("a"), war.version(), war.bundled());
    assertThat(ids(set)).containsExactly("a:1.0", "b:2.0", "c:1.0");
    assertThat(set.leftOutBundled()).containsExactly(Map.entry("d", "1.1"));
    assertThat(set.jenkinsVersion()).isEqualTo("2.440.3");
  }

  @Test
  void aPluginByUrlIsReadFromItsManifestAndItsDependenciesResolved() throws Exception {
    byte[] mine =
        FakeUpdateCenter.hpi(
            "mine", "0.1", "2.400", List.of(new PluginDependency("d", "1.0", false)));
    server.bytes("/custom/mine.hpi", mine);
    PluginSet set = fetch(request("mine::" + server.base() + "/custom/mine.hpi"), false);
    assertThat(ids(set)).containsExactly("d:1.0", "mine:0.1");
    assertThat(set.locked().get(1).url()).isEqualTo(server.base() + "/custom/mine.hpi");
    assertThat(set.locked().get(1).sha256())
        .isEqualTo(java.util.HexFormat.of().formatHex(Sha256.newDigest().digest(mine)));
  }

  @Test
  void aDownloadMirrorIsUsed() throws Exception {
    FakeUpdateCenter.Fake d = uc.release("d", "1.2");
    server.bytes("/mirror/d/1.2/d.hpi", d.hpi());
    server.status(d.path(), 404);
    PluginSet set = fetch(request("d").withDownloadUrl(server.base() + "/mirror/"), false);
    assertThat(set.locked().get(0).url()).isEqualTo(server.base() + "/mirror/d/1.2/d.hpi");
    assertThat(server.requests("/mirror/d/1.2/d.hpi")).isEqualTo(1);
  }
}
