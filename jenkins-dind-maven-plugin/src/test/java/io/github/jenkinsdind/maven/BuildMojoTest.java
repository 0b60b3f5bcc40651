package io.github.jenkinsdind.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jenkinsdind.core.api.AccountSpec;
import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.DockerCli;
import io.github.jenkinsdind.core.api.DockerCliPlugin;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.ImageTarget;
import io.github.jenkinsdind.core.api.JenkinsConfig;
import io.github.jenkinsdind.core.api.JenkinsPlugins;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The build goal as Maven configures it from a project: defaults, {@code <configuration>} and
 * {@code -D} properties mapped into the core's {@link BuildRequest}, and a wrong value failing with
 * the message users see. Nothing is built.
 */
class BuildMojoTest {
  @RegisterExtension final MojoHarness maven = new MojoHarness();

  private final RecordingLog log = new RecordingLog();

  private BuildMojo build(String project, MojoHarness.Invocation invocation) throws Exception {
    return maven.goal(project, "build", invocation, log);
  }

  private static Path unit(String project) {
    return new File(MojoHarness.getBasedir(), "src/test/resources/unit/" + project)
        .toPath()
        .toAbsolutePath();
  }

  @Test
  void tagsMaySplitOnCommasAndBlanksAreDropped() {
    assertThat(BuildMojo.tagSet(null)).isEmpty();
    assertThat(BuildMojo.tagSet(List.of("1.0", " latest "))).containsExactly("1.0", "latest");
    assertThat(BuildMojo.tagSet(Arrays.asList("1.0,latest", "", null, "1.0", " , edge")))
        .containsExactly("1.0", "latest", "edge");
  }

  @Test
  void defaultsMakeTheDefaultRequestOfTheCore() throws Exception {
    BuildRequest request = build("defaults", MojoHarness.Invocation.plain()).validatedRequest();

    BuildRequest core =
        BuildRequest.from(BuildRequest.DEFAULT_BASE)
            .to(ImageTarget.dockerDaemon("jenkins-ci:1.2.3", Set.of()))
            .credentials(request.credentials())
            .build();
    assertThat(request).isEqualTo(core);
    assertThat(request.platform()).isEqualTo(ImagePlatform.LINUX_AMD64);
    assertThat(request.dockerCli())
        .isEqualTo(
            new DockerCli(
                DockerCli.DEFAULT_VERSION, DockerCli.DEFAULT_URL_TEMPLATE, null, null, false));
    assertThat(request.accounts()).isEqualTo(AccountSpec.defaults());
    assertThat(request.labels()).isEmpty();
    assertThat(request.allowInsecureRegistries()).isFalse();
    assertThat(request.offline()).isFalse();
    assertThat(request.daemonPullsBase()).isTrue();
    assertThat(request.cacheDirectory())
        .isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "jenkins-dind"));
    assertThat(log.lines()).isEmpty();
  }

  @Test
  void everyParameterOfTheConfigurationGoesIntoTheRequest() throws Exception {
    BuildRequest request =
        build("build-configured", MojoHarness.Invocation.plain()).validatedRequest();

    Path basedir = unit("build-configured");
    assertThat(request.from()).isEqualTo("registry.example.com/base/jenkins:2.500");
    assertThat(request.target())
        .isEqualTo(
            new ImageTarget.TarFile(
                "registry.example.com/ci/jenkins:1.2.3",
                Set.of("latest", "edge", "stable"),
                basedir.resolve("target/out/image.tar")));
    assertThat(request.platform()).isEqualTo(new ImagePlatform("linux", "arm64"));
    assertThat(request.dockerCli())
        .isEqualTo(
            new DockerCli(
                "27.5.1",
                "https://mirror.example.com/{arch}/docker-{version}.tgz",
                basedir.resolve("tools/docker.tgz"),
                "0123456789abcdef".repeat(4),
                true));
    assertThat(request.cliPlugins())
        .containsExactly(
            new DockerCliPlugin(
                DockerCliPlugin.Name.COMPOSE,
                "2.26.1",
                "https://mirror.example.com/compose/{version}/{arch}",
                basedir.resolve("tools/docker-compose"),
                "9876543210abcdef".repeat(4)),
            new DockerCliPlugin(
                DockerCliPlugin.Name.BUILDX,
                "0.13.1",
                "https://mirror.example.com/buildx/{version}/{arch}",
                basedir.resolve("tools/docker-buildx"),
                "abcdef0123456789".repeat(4)));
    assertThat(request.accounts())
        .isEqualTo(new AccountSpec("ci", "dockerhost", 998, AccountSpec.NewUser.defaults()));
    assertThat(request.labels())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "org.opencontainers.image.source", "https://example.com/jenkins-ci",
                "team", "platform"));
    assertThat(request.allowInsecureRegistries()).isTrue();
    assertThat(request.daemonPullsBase()).isFalse();
    assertThat(request.cacheDirectory()).isEqualTo(basedir.resolve("target/cache"));
    assertThat(request.plugins())
        .isEqualTo(
            new JenkinsPlugins(
                List.of("git", "docker-workflow:580.vc0c340686b_54", "configuration-as-code"),
                basedir.resolve("jenkins/plugins.txt"),
                basedir.resolve("jenkins/plugins.lock"),
                "https://mirror.example.com/uc/update-center.actual.json",
                "https://mirror.example.com/uc/plugin-versions.json",
                "https://mirror.example.com/plugins/{id}/{version}/{id}.hpi",
                "2.479.3",
                true));
    assertThat(request.jenkinsConfig())
        .isEqualTo(
            new JenkinsConfig(
                basedir.resolve("jenkins/casc"),
                List.of(
                    basedir.resolve("jenkins/init/admin.groovy"),
                    basedir.resolve("jenkins/init/executors.groovy")),
                true));
  }

  @Test
  void jenkinsParametersHaveNoEffectByDefaultAndAreSetByTheirProperties() throws Exception {
    BuildRequest defaults = build("defaults", MojoHarness.Invocation.plain()).validatedRequest();
    assertThat(defaults.plugins()).isEqualTo(JenkinsPlugins.NONE);
    assertThat(defaults.jenkinsConfig()).isEqualTo(JenkinsConfig.NONE);

    Path basedir = unit("defaults");
    BuildRequest request =
        build(
                "defaults",
                MojoHarness.Invocation.with(
                    Map.ofEntries(
                        Map.entry("jenkins-dind.plugins", "git, docker-workflow:1.0"),
                        Map.entry("jenkins-dind.pluginsFile", "plugins.yaml"),
                        Map.entry("jenkins-dind.pluginsLockFile", "plugins.lock"),
                        Map.entry("jenkins-dind.updateCenterUrl", "http://127.0.0.1:8/uc.json"),
                        Map.entry("jenkins-dind.pluginVersionsUrl", "http://127.0.0.1:8/v.json"),
                        Map.entry("jenkins-dind.pluginDownloadUrl", "http://127.0.0.1:8/d"),
                        Map.entry("jenkins-dind.jenkinsVersion", "2.500"),
                        Map.entry("jenkins-dind.failOnPluginWarnings", "true"),
                        Map.entry("jenkins-dind.casc", "jenkins.yaml"),
                        Map.entry("jenkins-dind.initScripts", "a.groovy,b.groovy"),
                        Map.entry("jenkins-dind.skipSetupWizard", "true"))))
            .validatedRequest();

    assertThat(request.plugins().plugins()).containsExactly("git", "docker-workflow:1.0");
    assertThat(request.plugins().pluginsFile()).isEqualTo(basedir.resolve("plugins.yaml"));
    assertThat(request.plugins().lockFile()).isEqualTo(basedir.resolve("plugins.lock"));
    assertThat(request.plugins().updateCenterUrl()).isEqualTo("http://127.0.0.1:8/uc.json");
    assertThat(request.plugins().effectivePluginVersionsUrl())
        .isEqualTo("http://127.0.0.1:8/v.json");
    assertThat(request.plugins().downloadUrl()).isEqualTo("http://127.0.0.1:8/d");
    assertThat(request.plugins().givenJenkinsVersion()).contains("2.500");
    assertThat(request.plugins().failOnWarnings()).isTrue();
    assertThat(request.jenkinsConfig())
        .isEqualTo(
            new JenkinsConfig(
                basedir.resolve("jenkins.yaml"),
                List.of(basedir.resolve("a.groovy"), basedir.resolve("b.groovy")),
                true));
  }

  @Test
  void propertiesSetWhatTheConfigurationLeavesOpen() throws Exception {
    BuildRequest request =
        build(
                "defaults",
                MojoHarness.Invocation.with(
                    Map.of(
                        "jenkins-dind.target", "registry",
                        "jenkins-dind.image", "localhost:5000/ci/jenkins:1",
                        "jenkins-dind.tags", "edge,latest",
                        "jenkins-dind.platform", "linux/arm64",
                        "jenkins-dind.dockerGid", "4242",
                        "jenkins-dind.allowInsecureRegistries", "true")))
            .validatedRequest();

    assertThat(request.target())
        .isEqualTo(ImageTarget.registry("localhost:5000/ci/jenkins:1", Set.of("edge", "latest")));
    assertThat(request.platform()).isEqualTo(new ImagePlatform("linux", "arm64"));
    assertThat(request.accounts().gid()).isEqualTo(4242);
    assertThat(request.allowInsecureRegistries()).isTrue();
  }

  @Test
  void cliPluginsAreChosenLeftOutAndRefusedByTheirProperties() throws Exception {
    BuildRequest composeOnly =
        build(
                "defaults",
                MojoHarness.Invocation.with(
                    Map.of(
                        "jenkins-dind.cliPlugins", "buildx,compose",
                        "jenkins-dind.skipBuildx", "true",
                        "jenkins-dind.composeVersion", "2.26.1",
                        "jenkins-dind.composeSha256", "ab".repeat(32))))
            .validatedRequest();
    assertThat(composeOnly.cliPlugins())
        .containsExactly(
            DockerCliPlugin.defaults(DockerCliPlugin.Name.COMPOSE)
                .withVersion("2.26.1")
                .withSha256("ab".repeat(32)));

    BuildRequest none =
        build("defaults", MojoHarness.Invocation.with(Map.of("jenkins-dind.cliPlugins", "none")))
            .validatedRequest();
    assertThat(none.cliPlugins()).isEmpty();

    BuildMojo unknown =
        build("defaults", MojoHarness.Invocation.with(Map.of("jenkins-dind.cliPlugins", "scan")));
    assertThatThrownBy(unknown::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("'scan' is not a docker CLI plugin")
        .hasMessageContaining(
            "<cliPlugins> in the plugin's <configuration>, or -Djenkins-dind.cliPlugins");
  }

  @Test
  void platformsListsThePlatformsOrAllOfTheBase() throws Exception {
    BuildRequest listed =
        build(
                "defaults",
                MojoHarness.Invocation.with(
                    Map.of("jenkins-dind.platforms", "linux/amd64, linux/arm64")))
            .validatedRequest();
    assertThat(listed.platforms())
        .containsExactly(ImagePlatform.LINUX_AMD64, new ImagePlatform("linux", "arm64"));
    assertThat(listed.allPlatforms()).isFalse();
    assertThat(listed.multiPlatform()).isTrue();

    BuildRequest all =
        build("defaults", MojoHarness.Invocation.with(Map.of("jenkins-dind.platforms", "ALL")))
            .validatedRequest();
    assertThat(all.allPlatforms()).isTrue();
    assertThat(all.platforms()).isEmpty();
    assertThat(all.multiPlatform()).isTrue();

    BuildRequest none = build("defaults", MojoHarness.Invocation.plain()).validatedRequest();
    assertThat(none.multiPlatform()).isFalse();
  }

  @Test
  void platformsRefusesAllNextToPlatformsAndAMalformedOneNamingTheSetting() throws Exception {
    for (String bad : List.of("all,linux/arm64", "linux/amd64,arm64")) {
      assertThatThrownBy(
              () ->
                  build(
                          "defaults",
                          MojoHarness.Invocation.with(Map.of("jenkins-dind.platforms", bad)))
                      .validatedRequest())
          .isInstanceOf(MojoFailureException.class)
          .hasMessageContaining(
              "  Setting: <platforms> in the plugin's <configuration>, or -Djenkins-dind.platforms"
                  + " (now: "
                  + bad
                  + ")")
          .hasMessageContaining("  Perhaps you should");
    }
  }

  @Test
  void fileSettingsTakeOnePathOrOnePerArchitectureResolvedAgainstTheProject() throws Exception {
    Path basedir = unit("defaults");
    String amd64Pin = "ab".repeat(32);
    String arm64Pin = "cd".repeat(32);
    BuildRequest request =
        build(
                "defaults",
                MojoHarness.Invocation.with(
                    Map.of(
                        "jenkins-dind.platforms", "linux/amd64,linux/arm64",
                        "jenkins-dind.dockerClient",
                            "amd64=tools/docker-x86_64.tgz, arm64=/opt/docker-aarch64.tgz",
                        "jenkins-dind.dockerClientSha256",
                            "amd64=" + amd64Pin + ",arm64=" + arm64Pin,
                        "jenkins-dind.buildxFile", "arm64=tools/buildx-arm64",
                        "jenkins-dind.composeFile", "tools/compose")))
            .validatedRequest();

    assertThat(request.dockerCli().local()).isEmpty();
    assertThat(request.dockerCli().localFiles())
        .isEqualTo(
            Map.of(
                "amd64", basedir.resolve("tools/docker-x86_64.tgz"),
                "arm64", Path.of("/opt/docker-aarch64.tgz")));
    assertThat(request.dockerCli().expectedSha256())
        .contains("amd64=" + amd64Pin + ",arm64=" + arm64Pin);
    DockerCliPlugin buildx = request.cliPlugins().get(0);
    assertThat(buildx.name()).isEqualTo(DockerCliPlugin.Name.BUILDX);
    assertThat(buildx.localFiles())
        .isEqualTo(Map.of("arm64", basedir.resolve("tools/buildx-arm64")));
    DockerCliPlugin compose = request.cliPlugins().get(1);
    assertThat(compose.local()).contains(basedir.resolve("tools/compose"));
    assertThat(compose.localFiles()).isEmpty();

    BuildRequest one =
        build(
                "defaults",
                MojoHarness.Invocation.with(Map.of("jenkins-dind.dockerClient", "tools/docker")))
            .validatedRequest();
    assertThat(one.dockerCli().local()).contains(basedir.resolve("tools/docker"));
    assertThat(one.dockerCli().localFiles()).isEmpty();

    assertThatThrownBy(
            () ->
                build(
                        "defaults",
                        MojoHarness.Invocation.with(
                            Map.of("jenkins-dind.dockerClient", "amd64=a,amd64=b")))
                    .validatedRequest())
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("dockerClient names amd64 twice")
        .hasMessageContaining(
            "  Setting: <dockerClient> in the plugin's <configuration>, or"
                + " -Djenkins-dind.dockerClient");
  }

  @Test
  void theConfigurationWinsOverAProperty() throws Exception {
    BuildRequest request =
        build(
                "build-configured",
                MojoHarness.Invocation.with(Map.of("jenkins-dind.platform", "linux/amd64")))
            .validatedRequest();

    assertThat(request.platform()).isEqualTo(new ImagePlatform("linux", "arm64"));
  }

  @Test
  void projectPropertiesAreReadLikeCommandLineOnes() throws Exception {
    BuildRequest request = build("properties", MojoHarness.Invocation.plain()).validatedRequest();

    assertThat(request.accounts().gid()).isEqualTo(997);
  }

  @Test
  void offlineMavenMakesAnOfflineRequestAndTheCoreJudgesTheTarget() throws Exception {
    BuildRequest request =
        build(
                "defaults",
                new MojoHarness.Invocation(Map.of("jenkins-dind.target", "registry"), true))
            .validatedRequest();

    assertThat(request.offline()).isTrue();
    assertThat(request.target()).isInstanceOf(ImageTarget.Registry.class);
  }

  @Test
  void anUnknownTargetFailsNamingTheSettingAndWhatToDo() throws Exception {
    BuildMojo mojo =
        build("defaults", MojoHarness.Invocation.with(Map.of("jenkins-dind.target", "cloud")));

    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasCauseInstanceOf(ConfigurationException.class)
        .hasMessage(
            String.join(
                System.lineSeparator(),
                "'cloud' is not a target: use one of docker, registry, tar",
                "  Setting: <target> in the plugin's <configuration>, or -Djenkins-dind.target"
                    + " (now: cloud)",
                "  Perhaps you should set it to docker (the local daemon), registry (push) or tar"
                    + " (a file)"));
  }

  @Test
  void aMalformedPlatformOrGidFailsNamingTheSetting() throws Exception {
    assertThatThrownBy(
            () ->
                build(
                        "defaults",
                        MojoHarness.Invocation.with(Map.of("jenkins-dind.platform", "arm64")))
                    .validatedRequest())
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("'arm64'")
        .hasMessageContaining(
            "  Setting: <platform> in the plugin's <configuration>, or -Djenkins-dind.platform"
                + " (now: arm64)")
        .hasMessageContaining("  Perhaps");
    assertThatThrownBy(
            () ->
                build(
                        "defaults",
                        MojoHarness.Invocation.with(Map.of("jenkins-dind.dockerGid", "docker")))
                    .validatedRequest())
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("'docker' is not a GID")
        .hasMessageContaining(
            "  Setting: <dockerGid> in the plugin's <configuration>, or -Djenkins-dind.dockerGid"
                + " (now: docker)");
  }

  @Test
  void skipIsHonouredBeforeAnythingElse() throws Exception {
    BuildMojo mojo =
        build(
            "defaults",
            MojoHarness.Invocation.with(
                Map.of(
                    "jenkins-dind.skip", "true",
                    "jenkins-dind.target", "nowhere",
                    "jenkins-dind.dockerGid", "not-a-number",
                    "jenkins-dind.platfrom", "linux/arm64")));

    mojo.execute();

    assertThat(log.lines()).containsExactly("[INFO] Skipping jenkins-dind:build (skip is true)");
  }

  @Test
  void aMisspelledPropertyIsWarnedAboutBeforeTheRequestIsMade() throws Exception {
    BuildMojo mojo =
        build(
            "defaults",
            MojoHarness.Invocation.with(
                Map.of("jenkins-dind.platfrom", "linux/arm64", "jenkins-dind.target", "cloud")));

    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class);

    assertThat(log.at("WARN"))
        .containsExactly(
            "Unknown property jenkins-dind.platfrom (no parameter of jenkins-dind:build reads"
                + " it); did you mean jenkins-dind.platform?");
  }
}
