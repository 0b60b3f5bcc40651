package io.github.jenkinsdind.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin-updates goal against an update center served on loopback: it prints the plugins of a
 * lock file that have newer releases, and changes nothing.
 */
class PluginUpdatesMojoTest {
  @RegisterExtension final MojoHarness maven = new MojoHarness();
  @TempDir Path temp;

  private final RecordingLog log = new RecordingLog();
  private HttpServer server;
  private String centerUrl;

  @BeforeEach
  void serveAnUpdateCenter() throws Exception {
    String center =
        "{\"id\":\"default\",\"updateCenterVersion\":\"1\",\"plugins\":{"
            + entry("git", "5.3.0")
            + ","
            + entry("credentials", "1.0")
            + "},\"warnings\":[]}";
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/update-center.actual.json",
        exchange -> {
          byte[] body = center.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    centerUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/update-center.actual.json";
  }

  private static String entry(String id, String version) {
    return "\""
        + id
        + "\":{\"name\":\""
        + id
        + "\",\"version\":\""
        + version
        + "\",\"requiredCore\":\"2.400\",\"url\":\"http://127.0.0.1/"
        + id
        + ".hpi\",\"sha256\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\",\"dependencies\":[]}";
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void printsTheNewerReleasesOfTheLockedPlugins() throws Exception {
    Path lock = temp.resolve("plugins.lock");
    String text =
        "# a lock\n"
            + "credentials 1.0 "
            + "a".repeat(64)
            + " http://127.0.0.1/credentials.hpi\n"
            + "git 5.2.0 "
            + "b".repeat(64)
            + " http://127.0.0.1/git.hpi\n";
    Files.writeString(lock, text);

    PluginUpdatesMojo goal =
        maven.goal(
            "plugin-updates",
            "plugin-updates",
            MojoHarness.Invocation.with(
                Map.of(
                    "jenkins-dind.pluginsLockFile", lock.toString(),
                    "jenkins-dind.updateCenterUrl", centerUrl,
                    "jenkins-dind.cacheDirectory", temp.resolve("cache").toString())),
            log);
    goal.execute();

    assertThat(log.lines())
        .contains("[INFO] 1 plugin update(s) for " + lock + ":", "[INFO]   git 5.2.0 -> 5.3.0");
    assertThat(Files.readString(lock)).isEqualTo(text);
  }

  @Test
  void aMissingLockFileFailsNamingTheSetting() throws Exception {
    PluginUpdatesMojo goal =
        maven.goal(
            "plugin-updates",
            "plugin-updates",
            MojoHarness.Invocation.with(
                Map.of(
                    "jenkins-dind.pluginsLockFile", temp.resolve("none.lock").toString(),
                    "jenkins-dind.updateCenterUrl", centerUrl,
                    "jenkins-dind.cacheDirectory", temp.resolve("cache").toString())),
            log);

    assertThatThrownBy(goal::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("plugins lock file")
        .hasMessageContaining("pluginsLockFile");
  }
}
