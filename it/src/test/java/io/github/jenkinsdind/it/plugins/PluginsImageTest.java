package io.github.jenkinsdind.it.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.BuildResult;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.DockerCli;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.ImageTarget;
import io.github.jenkinsdind.core.api.JenkinsConfig;
import io.github.jenkinsdind.core.api.JenkinsDind;
import io.github.jenkinsdind.core.api.JenkinsPlugin;
import io.github.jenkinsdind.core.api.JenkinsPlugins;
import io.github.jenkinsdind.it.support.Commands;
import io.github.jenkinsdind.it.support.DockerCliServer;
import io.github.jenkinsdind.it.support.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jenkins plugins, configuration as code, init scripts and skipSetupWizard through the core's API
 * against the shared registry, with an update center of the test's own on loopback ({@link
 * StandInUpdateCenter}) and a Jenkins-shaped base ({@link PluginBases}). Every image is checked
 * independently of the code under test: skopeo for the config, skopeo and umoci for the files.
 */
class PluginsImageTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(3);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CORE = "2.400";

  private static TestServices services;
  private static DockerCliServer cliServer;

  @TempDir Path temp;

  private final List<Event> events = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void services() {
    services = TestServices.get();
    services.requireRunning();
    cliServer = DockerCliServer.start();
  }

  @AfterAll
  static void stopCliServer() {
    cliServer.close();
  }

  /** git needs scm-api and credentials, scm-api needs credentials: a diamond. */
  static StandInUpdateCenter updateCenter() {
    return StandInUpdateCenter.serve(
        List.of(
            new StandInUpdateCenter.Release("credentials", "1.0", CORE, List.of()),
            new StandInUpdateCenter.Release("credentials", "1.1", CORE, List.of()),
            new StandInUpdateCenter.Release("scm-api", "2.0", CORE, List.of("credentials:1.0")),
            new StandInUpdateCenter.Release(
                "git", "5.2.0", CORE, List.of("scm-api:2.0", "credentials:1.0")),
            new StandInUpdateCenter.Release("configuration-as-code", "1.0", CORE, List.of()),
            new StandInUpdateCenter.Release("configuration-as-code", "2.0", CORE, List.of()),
            new StandInUpdateCenter.Release("too-new", "1.0", "2.999", List.of())));
  }

  private BuildRequest.Builder from(String base, Path cache) {
    return BuildRequest.from(base)
        .dockerCli(
            DockerCli.download(DockerCliServer.VERSION).withUrlTemplate(cliServer.urlTemplate()))
        .cliPlugins(List.of())
        .allowInsecureRegistries(true)
        .cacheDirectory(cache);
  }

  private String registryImage() {
    return services.plainRegistry()
        + "/it/plugins-"
        + UUID.randomUUID().toString().substring(0, 8)
        + ":1.0";
  }

  private static JsonNode skopeoConfig(String image) throws Exception {
    return JSON.readTree(
        Commands.stdout(
            TIMEOUT, "skopeo", "inspect", "--tls-verify=false", "--config", "docker://" + image));
  }

  /** The image's root file system, unpacked by umoci from skopeo's OCI copy. */
  private Path rootfs(String image) {
    Path layout = temp.resolve("oci-" + UUID.randomUUID());
    Commands.runOrFail(
        TIMEOUT,
        "skopeo",
        "copy",
        "--src-tls-verify=false",
        "docker://" + image,
        "oci:" + layout + ":image");
    Path bundle = temp.resolve("bundle-" + UUID.randomUUID());
    Commands.runOrFail(TIMEOUT, "umoci", "unpack", "--image", layout + ":image", bundle.toString());
    return bundle.resolve("rootfs");
  }

  private static void assertOwnerAndMode(Path path, int uid, int gid, String mode)
      throws Exception {
    assertThat(Files.getAttribute(path, "unix:uid")).as("uid of %s", path).isEqualTo(uid);
    assertThat(Files.getAttribute(path, "unix:gid")).as("gid of %s", path).isEqualTo(gid);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path)))
        .as("mode of %s", path)
        .isEqualTo(mode);
  }

  private static List<String> env(JsonNode config) {
    List<String> env = new ArrayList<>();
    config.path("config").path("Env").forEach(e -> env.add(e.asText()));
    return env;
  }

  @Test
  void pluginsCascInitScriptsAndWizardGoIntoTheImageAndTheLockRebuildsItWithTheCenterDown()
      throws Exception {
    String base = PluginBases.push(temp.resolve("base"), null);
    Path casc = Files.createDirectories(temp.resolve("casc"));
    Files.writeString(casc.resolve("jenkins.yaml"), "jenkins:\n  systemMessage: from casc\n");
    Files.createDirectories(casc.resolve("more"));
    Files.writeString(casc.resolve("more/tools.yaml"), "tool: {}\n");
    Path script = Files.writeString(temp.resolve("executors.groovy"), "println 'init'\n");
    Path cache = temp.resolve("cache");
    String image = registryImage();

    BuildResult first;
    try (StandInUpdateCenter center = updateCenter()) {
      first =
          JenkinsDind.build(
              from(base, cache)
                  .to(ImageTarget.registry(image, Set.of()))
                  .plugins(
                      JenkinsPlugins.of(List.of("git", "configuration-as-code:1.0"))
                          .withUpdateCenterUrl(center.centerUrl()))
                  .jenkinsConfig(new JenkinsConfig(casc, List.of(script), true))
                  .build(),
              events::add);
    }

    // the result: the diamond resolved to the minimum versions, the pin kept, the war's version
    assertThat(first.jenkinsVersion()).isEqualTo(PluginBases.WAR_VERSION);
    assertThat(first.plugins())
        .extracting(JenkinsPlugin::id, JenkinsPlugin::version)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("configuration-as-code", "1.0"),
            org.assertj.core.groups.Tuple.tuple("credentials", "1.0"),
            org.assertj.core.groups.Tuple.tuple("git", "5.2.0"),
            org.assertj.core.groups.Tuple.tuple("scm-api", "2.0"));
    assertThat(first.pluginsLock()).contains("git 5.2.0 ");

    // the config, by skopeo: env appended and kept, labels
    JsonNode config = skopeoConfig(image);
    assertThat(env(config))
        .contains(
            "CASC_JENKINS_CONFIG=/usr/share/jenkins/casc",
            "JAVA_OPTS=" + PluginBases.JAVA_OPTS + " -Djenkins.install.runSetupWizard=false",
            PluginBases.OTHER_ENV,
            "JENKINS_HOME=/var/jenkins_home")
        .noneMatch(e -> e.startsWith("JENKINS_VERSION="));
    assertThat(
            config
                .path("config")
                .path("Labels")
                .path("io.github.jenkinsdind.jenkins.version")
                .asText())
        .isEqualTo(PluginBases.WAR_VERSION);
    assertThat(
            config
                .path("config")
                .path("Labels")
                .path("io.github.jenkinsdind.jenkins-plugins.count")
                .asText())
        .isEqualTo("4");

    // the files, by umoci: paths, owners, modes
    Path rootfs = rootfs(image);
    Path plugins = rootfs.resolve("usr/share/jenkins/ref/plugins");
    try (var listing = Files.list(plugins)) {
      assertThat(listing.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "configuration-as-code.jpi", "credentials.jpi", "git.jpi", "scm-api.jpi");
    }
    for (JenkinsPlugin plugin : first.plugins()) {
      Path file = plugins.resolve(plugin.id() + ".jpi");
      assertOwnerAndMode(file, 1000, 1000, "rw-r--r--");
      assertThat(StandInUpdateCenter.sha256Hex(Files.readAllBytes(file)))
          .isEqualTo(plugin.sha256());
    }
    assertOwnerAndMode(plugins, 1000, 1000, "rwxr-xr-x");
    assertOwnerAndMode(rootfs.resolve("usr/share/jenkins/ref"), 1000, 1000, "rwxr-xr-x");
    Path initScript = rootfs.resolve("usr/share/jenkins/ref/init.groovy.d/executors.groovy");
    assertThat(initScript).hasContent("println 'init'");
    assertOwnerAndMode(initScript, 1000, 1000, "rw-r--r--");
    assertThat(rootfs.resolve("usr/share/jenkins/casc/jenkins.yaml"))
        .hasContent("jenkins:\n  systemMessage: from casc");
    assertThat(rootfs.resolve("usr/share/jenkins/casc/more/tools.yaml")).hasContent("tool: {}");
    assertOwnerAndMode(rootfs.resolve("usr/share/jenkins/casc/jenkins.yaml"), 0, 0, "rw-r--r--");
    assertThat(rootfs.resolve("usr/share/jenkins/jenkins.war")).exists();

    // the lock file, with the update center down: the same image
    Path lock = Files.writeString(temp.resolve("plugins.lock"), first.pluginsLock());
    String again = registryImage();
    BuildResult fromLock =
        JenkinsDind.build(
            from(base, cache)
                .to(ImageTarget.registry(again, Set.of()))
                .plugins(
                    JenkinsPlugins.of(List.of("git", "configuration-as-code:1.0"))
                        .withLockFile(lock)
                        .withUpdateCenterUrl("http://127.0.0.1:9/update-center.actual.json"))
                .jenkinsConfig(new JenkinsConfig(casc, List.of(script), true))
                .build(),
            events::add);
    assertThat(fromLock.digest()).isEqualTo(first.digest());
    assertThat(fromLock.pluginsLock()).isEqualTo(first.pluginsLock());

    // to a tar, online (Jib's cache gets the base), then offline with the cache warm: the same
    // image ID as the registry image
    BuildResult tarOnline = fromLockToTar(base, cache, lock, casc, script, false);
    BuildResult tarOffline = fromLockToTar(base, cache, lock, casc, script, true);
    assertThat(tarOnline.imageId()).isEqualTo(first.imageId());
    assertThat(tarOffline.imageId()).isEqualTo(first.imageId());
  }

  private BuildResult fromLockToTar(
      String base, Path cache, Path lock, Path casc, Path script, boolean offline)
      throws Exception {
    Path tar = temp.resolve("out/jenkins-" + (offline ? "offline" : "online") + ".tar");
    BuildResult result =
        JenkinsDind.build(
            from(base, cache)
                .to(ImageTarget.tarFile("example/jenkins:1.0", tar))
                .offline(offline)
                .plugins(
                    JenkinsPlugins.of(List.of("git", "configuration-as-code:1.0"))
                        .withLockFile(lock)
                        .withUpdateCenterUrl("http://127.0.0.1:9/update-center.actual.json"))
                .jenkinsConfig(new JenkinsConfig(casc, List.of(script), true))
                .build(),
            events::add);
    assertThat(tar).exists();
    return result;
  }

  @Test
  void aPluginNeedingANewerJenkinsThanTheBaseFailsAndPushesNothing() throws Exception {
    String base = PluginBases.push(temp.resolve("base"), "2.452.1");
    String image = registryImage();
    try (StandInUpdateCenter center = updateCenter()) {
      assertThatThrownBy(
              () ->
                  JenkinsDind.build(
                      from(base, temp.resolve("cache"))
                          .to(ImageTarget.registry(image, Set.of()))
                          .plugins(
                              JenkinsPlugins.of(List.of("too-new"))
                                  .withUpdateCenterUrl(center.centerUrl()))
                          .build(),
                      events::add))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("too-new")
          .hasMessageContaining("2.999")
          .hasMessageContaining("2.452.1");
    }
    assertThat(
            Commands.run(TIMEOUT, "skopeo", "inspect", "--tls-verify=false", "docker://" + image)
                .succeeded())
        .as("nothing was pushed")
        .isFalse();
  }

  @Test
  void aDependencyTheWarBundlesIsLeftOutUnlessANewerOneIsNeeded() throws Exception {
    // the war bundles credentials 1.1; git and scm-api need credentials 1.0: it is left out
    String base =
        PluginBases.push(
            temp.resolve("bundling"),
            "2.452.1",
            List.of(new StandInUpdateCenter.Release("credentials", "1.1", CORE, List.of())));
    String image = registryImage();
    BuildResult result;
    try (StandInUpdateCenter center = updateCenter()) {
      result =
          JenkinsDind.build(
              from(base, temp.resolve("cache"))
                  .to(ImageTarget.registry(image, Set.of()))
                  .plugins(
                      JenkinsPlugins.of(List.of("git")).withUpdateCenterUrl(center.centerUrl()))
                  .build(),
              events::add);
    }

    assertThat(result.plugins()).extracting(JenkinsPlugin::id).containsExactly("git", "scm-api");
    assertThat(events)
        .anySatisfy(
            e ->
                assertThat(e.toString())
                    .contains("Plugin credentials is left out: the war bundles 1.1"));
    Path rootfs = rootfs(image);
    assertThat(rootfs.resolve("usr/share/jenkins/ref/plugins/git.jpi")).exists();
    assertThat(rootfs.resolve("usr/share/jenkins/ref/plugins/credentials.jpi")).doesNotExist();
  }

  @Test
  void intoTheDaemonTheWarIsReadFromTheDaemonsCopyOfTheBase() throws Exception {
    // no JENKINS_VERSION: the version comes from the war, read where the daemon pulled the base
    String base = PluginBases.push(temp.resolve("daemon-base"), null);
    String image = "jenkins-dind-it/plugins-daemon:" + UUID.randomUUID().toString().substring(0, 8);
    try (StandInUpdateCenter center = updateCenter()) {
      BuildResult result =
          JenkinsDind.build(
              from(base, temp.resolve("cache"))
                  .to(ImageTarget.dockerDaemon(image, Set.of()))
                  .plugins(
                      JenkinsPlugins.of(List.of("git")).withUpdateCenterUrl(center.centerUrl()))
                  .build(),
              events::add);

      assertThat(result.jenkinsVersion()).isEqualTo(PluginBases.WAR_VERSION);
      String listed =
          Commands.stdout(
              TIMEOUT,
              "docker",
              "run",
              "--rm",
              "--entrypoint",
              "/bin/busybox",
              image,
              "ls",
              "/usr/share/jenkins/ref/plugins");
      assertThat(listed).contains("git.jpi", "scm-api.jpi", "credentials.jpi");
      assertThat(
              Commands.stdout(
                  TIMEOUT,
                  "docker",
                  "image",
                  "inspect",
                  "--format",
                  "{{index .Config.Labels \"io.github.jenkinsdind.jenkins.version\"}}",
                  image))
          .isEqualTo(PluginBases.WAR_VERSION);
    } finally {
      Commands.run(TIMEOUT, "docker", "image", "rm", "--force", image);
    }
  }
}
