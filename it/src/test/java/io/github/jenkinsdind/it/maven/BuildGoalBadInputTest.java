package io.github.jenkinsdind.it.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jenkinsdind.it.maven.TestProject.MavenRun;
import io.github.jenkinsdind.it.support.CliPluginFiles;
import io.github.jenkinsdind.it.support.Commands;
import io.github.jenkinsdind.it.support.DockerCliServer;
import io.github.jenkinsdind.it.support.JenkinsBaseImages;
import io.github.jenkinsdind.it.support.TestServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each bad input of the {@code build} goal, one quick {@code mvn package} with {@code -D} overrides
 * on one shared project: Maven fails, the message names the POM element and the {@code -D} property
 * and says what to do, and nothing is pushed (every case but the reference ones targets a fresh
 * repository of the plain registry).
 */
class BuildGoalBadInputTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final String RUN_ID = Long.toString(System.currentTimeMillis(), 36);

  @TempDir static Path work;

  private static TestServices services;
  private static DockerCliServer cliServer;
  private static TestProject project;

  @BeforeAll
  static void setUp() {
    services = TestServices.get().requireRunning();
    cliServer = DockerCliServer.start();
    project =
        TestProject.build(
            work,
            JenkinsBaseImages.inRegistry(JenkinsBaseImages.Variant.PLAIN).reference(),
            "jenkins-dind-it/bad-input:" + RUN_ID,
            cliServer.urlTemplate(),
            work.resolve("cache"));
  }

  @AfterAll
  static void stop() {
    if (cliServer != null) {
      cliServer.close();
    }
  }

  /**
   * One bad input.
   *
   * @param name what is wrong
   * @param setting the POM element the message must name
   * @param arguments the {@code -D} overrides (the target is a registry unless they say otherwise)
   * @param environment extra environment variables of the Maven run
   * @param expected texts the log must contain
   */
  record Case(
      String name,
      String setting,
      List<String> arguments,
      Map<String, String> environment,
      List<String> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Case of(String name, String setting, List<String> arguments, String... expected) {
    return new Case(name, setting, arguments, Map.of(), List.of(expected));
  }

  private static String property(String setting, String value) {
    return "-Djenkins-dind." + setting + "=" + value;
  }

  static Stream<Arguments> cases() {
    String plain = services().plainRegistry();
    String cliUrlOf99 = "/linux/static/stable/x86_64/docker-99.0.0.tgz";
    String multiPlatform =
        JenkinsBaseImages.inRegistry(JenkinsBaseImages.Variant.MULTI_PLATFORM).reference();
    List<Case> cases =
        new ArrayList<>(
            List.of(
                of(
                    "invalid from reference",
                    "from",
                    List.of(property("from", "Not A//Reference")),
                    "the base image 'Not A//Reference' is not a valid image reference"),
                of(
                    "invalid image reference",
                    "image",
                    List.of(property("image", plain + "/UPPER/Case:1")),
                    "'" + plain + "/UPPER/Case:1' is not a valid image reference"),
                of(
                    "unknown target",
                    "target",
                    List.of(property("target", "cloud")),
                    "'cloud' is not a target: use one of docker, registry, tar"),
                of(
                    "tarFile that cannot be written",
                    "tarFile",
                    List.of(
                        property("target", "tar"),
                        property("tarFile", "/proc/jenkins-dind/image.tar")),
                    "The tar file /proc/jenkins-dind/image.tar cannot be written"),
                of(
                    "dockerGid not a number",
                    "dockerGid",
                    List.of(property("dockerGid", "docker")),
                    "'docker' is not a GID"),
                of(
                    "dockerGid out of range",
                    "dockerGid",
                    List.of(property("dockerGid", "4294967296")),
                    "GID 4294967296 is out of range: a GID is from 0 to 2147483647"),
                new Case(
                    "dockerGid auto without a socket",
                    "dockerGid",
                    List.of(property("dockerGid", "auto")),
                    Map.of("DOCKER_HOST", "unix:///nonexistent/docker.sock"),
                    List.of(
                        "dockerGid is 'auto' but there is no Docker socket at /nonexistent/docker.sock")),
                of(
                    "invalid user name",
                    "user",
                    List.of(property("user", "jen:kins")),
                    "'jen:kins' is not a valid user name"),
                of(
                    "invalid group name",
                    "dockerGroup",
                    List.of(property("dockerGroup", "dock:er")),
                    "'dock:er' is not a valid group name"),
                of(
                    "dockerClient that does not exist",
                    "dockerClient",
                    List.of(property("dockerClient", "/nonexistent/docker")),
                    "the docker CLI file /nonexistent/docker does not exist"),
                of(
                    "dockerClient neither tarball nor ELF binary",
                    "dockerClient",
                    List.of(property("dockerClient", "pom.xml")),
                    "pom.xml",
                    "is neither a gzip-compressed tarball nor an ELF binary"),
                of(
                    "dockerClient for another architecture",
                    "dockerClient",
                    List.of(
                        property("dockerClient", DockerCliServer.tarball().toString()),
                        property("platform", "linux/arm64"),
                        property("from", multiPlatform)),
                    "holds a docker CLI for x86-64",
                    "linux/arm64"),
                of(
                    "malformed dockerClientSha256",
                    "dockerClientSha256",
                    List.of(property("dockerClientSha256", "abc123")),
                    "'abc123' is not a sha256"),
                of(
                    "mismatching dockerClientSha256",
                    "dockerClientSha256",
                    List.of(property("dockerClientSha256", "0".repeat(64))),
                    "has sha256 "
                        + DockerCliServer.tarballSha256()
                        + ", but dockerClientSha256 expects "
                        + "0".repeat(64)),
                of(
                    "missing dockerClientSha256 when required",
                    "dockerClientSha256",
                    List.of(property("requireDockerClientSha256", "true")),
                    "requireDockerClientSha256 is set, but dockerClientSha256 is not",
                    DockerCliServer.tarballSha256()),
                of(
                    "dockerVersion the server does not have",
                    "dockerVersion",
                    List.of(property("dockerVersion", "99.0.0")),
                    "docker CLI version 99.0.0 not found at " + cliServer.baseUrl() + cliUrlOf99),
                of(
                    "malformed platform",
                    "platform",
                    List.of(property("platform", "arm64")),
                    "'arm64'"),
                of(
                    "base without the platform",
                    "platform",
                    List.of(
                        property("platform", "linux/arm64"),
                        property("dockerClient", aarch64Header())),
                    "is a linux/amd64 image, not linux/arm64"),
                of(
                    "unreachable registry",
                    "image",
                    List.of(property("image", "127.0.0.1:5999/it/unreachable:1")),
                    "registry 127.0.0.1:5999 is unreachable"),
                of(
                    "registry asking for credentials (401)",
                    "image",
                    List.of(
                        property(
                            "image",
                            services().authRegistry() + "/it-maven/no-creds-" + RUN_ID + ":1"),
                        "-DsendCredentialsOverHttp=true"),
                    "registry " + services().authRegistry() + " denied access",
                    "a <server> with <id>"
                        + services().authRegistry()
                        + "</id> in ~/.m2/settings.xml"),
                of(
                    "plain-http registry asking for credentials",
                    "image",
                    List.of(
                        property(
                            "image",
                            services().authRegistry() + "/it-maven/no-creds-" + RUN_ID + ":1")),
                    "credentials are not sent over plain http",
                    "-DsendCredentialsOverHttp=true",
                    "a <server> with <id>"
                        + services().authRegistry()
                        + "</id> in ~/.m2/settings.xml"),
                of(
                    "unknown CLI plugin",
                    "cliPlugins",
                    List.of(property("cliPlugins", "buildx,scan")),
                    "'scan' is not a docker CLI plugin this build knows; known: buildx, compose"),
                of(
                    "buildxFile for another architecture",
                    "buildxFile",
                    List.of(
                        property("cliPlugins", "buildx"),
                        property("buildxVersion", CliPluginFiles.get().buildxVersion()),
                        property("buildxFile", aarch64Header())),
                    "holds a docker buildx plugin for",
                    "the platform linux/amd64 needs one for e_machine 62"),
                of(
                    "composeSha256 that does not match",
                    "composeSha256",
                    List.of(
                        property("cliPlugins", "compose"),
                        property("composeVersion", CliPluginFiles.get().composeVersion()),
                        property("composeFile", CliPluginFiles.get().compose().toString()),
                        property("composeSha256", "0".repeat(64))),
                    "composeSha256 expects " + "0".repeat(64)),
                of(
                    "buildx download that is not the published file",
                    "buildxSha256",
                    List.of(
                        property("cliPlugins", "buildx"),
                        property("buildxUrl", cliServer.buildxUrlTemplate())),
                    "is published with sha256 0144479d5a1cd710be3464ae898628cfa68033e16b225aef52f81930c45ac9b5",
                    "the download has been discarded"),
                of(
                    "buildxUrl without {version}",
                    "buildxUrl",
                    List.of(
                        property("cliPlugins", "buildx"),
                        property("buildxUrl", cliServer.baseUrl() + "/buildx-{arch}")),
                    "has no {version}"),
                of(
                    "insecure registry not allowed",
                    "allowInsecureRegistries",
                    List.of(property("allowInsecureRegistries", "false")),
                    "does not speak https",
                    "Perhaps you should set <allowInsecureRegistries>true</allowInsecureRegistries>"
                        + " (-Djenkins-dind.allowInsecureRegistries=true)")));
    return cases.stream().map(Arguments::of);
  }

  /**
   * A file that starts like an aarch64 ELF binary (64-bit, little-endian, e_machine 183): enough
   * for the build to accept it as the arm64 docker CLI and go on to the base image's platforms.
   */
  private static String aarch64Header() {
    byte[] header = new byte[64];
    header[0] = 0x7f;
    header[1] = 'E';
    header[2] = 'L';
    header[3] = 'F';
    header[4] = 2;
    header[5] = 1;
    header[6] = 1;
    header[18] = (byte) 183;
    Path file = work.resolve("docker-aarch64");
    try {
      Files.write(file, header);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file.toString();
  }

  private static TestServices services() {
    return TestServices.get().requireRunning();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void failsNamingTheSettingAndPushesNothing(Case bad) {
    String image =
        services.plainRegistry()
            + "/it-maven/bad-"
            + RUN_ID
            + ":"
            + bad.name().replaceAll("[^A-Za-z0-9]+", "-");
    List<String> arguments =
        new ArrayList<>(
            List.of("package", property("target", "registry"), property("image", image)));
    arguments.addAll(bad.arguments());

    MavenRun run = project.mvn(bad.environment(), arguments.toArray(String[]::new)).assertFailed();

    assertThat(run.log())
        .contains(
            "Setting: <"
                + bad.setting()
                + "> in the plugin's <configuration>, or -Djenkins-dind."
                + bad.setting())
        .contains("  Perhaps");
    for (String text : bad.expected()) {
      assertThat(run.log()).as("%s: %s", bad.name(), text).contains(text);
    }
    assertThat(
            Commands.run(TIMEOUT, "skopeo", "inspect", "--tls-verify=false", "docker://" + image)
                .succeeded())
        .as("nothing pushed")
        .isFalse();
  }
}
