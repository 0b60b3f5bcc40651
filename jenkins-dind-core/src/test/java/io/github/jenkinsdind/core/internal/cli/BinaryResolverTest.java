package io.github.jenkinsdind.core.internal.cli;

import static io.github.jenkinsdind.core.internal.cli.CliFixtures.REAL_DOCKER;
import static io.github.jenkinsdind.core.internal.cli.CliFixtures.REAL_VERSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.DockerCli;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.download.Sha256;
import io.github.jenkinsdind.core.internal.files.CacheLayout;
import io.github.jenkinsdind.core.testing.LoopbackHttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinaryResolverTest {
  private static final String PATH_TEMPLATE = "/linux/static/stable/{arch}/docker-{version}.tgz";
  private static final String AMD64_PATH = "/linux/static/stable/x86_64/docker-28.2.2.tgz";
  private static final ImagePlatform ARM64 = new ImagePlatform("linux", "arm64");

  @TempDir static Path fixtures;

  /** docker-28.2.2.tgz in the official layout, holding the real x86_64 CLI at docker/docker. */
  static Path realTgz;

  static String realTgzSha;
  static String realDockerSha;

  /** An ELF header for aarch64 with random bytes after it. */
  static Path aarch64Elf;

  /** A tarball in the official layout whose docker/docker is {@link #aarch64Elf}. */
  static Path aarch64Tgz;

  /** A tarball with daemon binaries only. */
  static Path tgzWithoutCli;

  /** A shell script. */
  static Path script;

  @TempDir Path cache;
  @TempDir Path work;

  LoopbackHttpServer server;
  final List<Event> events = new ArrayList<>();

  @BeforeAll
  static void makeFixtures() throws IOException {
    Path daemon = Files.writeString(fixtures.resolve("dockerd"), "not really a daemon");
    realTgz =
        CliFixtures.tgz(
            fixtures.resolve("docker-28.2.2.tgz"),
            entries("docker/containerd", daemon, "docker/docker", REAL_DOCKER));
    realTgzSha = Sha256.ofFile(realTgz);
    realDockerSha = Sha256.ofFile(REAL_DOCKER);
    aarch64Elf = CliFixtures.elf(fixtures.resolve("docker-aarch64"), true, false, 183);
    aarch64Tgz =
        CliFixtures.tgz(
            fixtures.resolve("docker-aarch64.tgz"), entries("docker/docker", aarch64Elf));
    tgzWithoutCli =
        CliFixtures.tgz(fixtures.resolve("daemon-only.tgz"), entries("docker/dockerd", daemon));
    script = Files.writeString(fixtures.resolve("docker.sh"), "#!/bin/sh\necho docker\n");
  }

  @BeforeEach
  void startServer() throws IOException {
    server = new LoopbackHttpServer();
    server.serve(AMD64_PATH, realTgz);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private static Map<String, Path> entries(Object... nameThenFile) {
    Map<String, Path> map = new LinkedHashMap<>();
    for (int i = 0; i < nameThenFile.length; i += 2) {
      map.put((String) nameThenFile[i], (Path) nameThenFile[i + 1]);
    }
    return map;
  }

  private BinaryResolver resolver(boolean offline) {
    return new BinaryResolver(new CacheLayout(cache), offline, events::add);
  }

  private DockerCli download(String version) {
    return DockerCli.download(version).withUrlTemplate(server.base() + PATH_TEMPLATE);
  }

  private ResolvedBinary resolve(DockerCli spec) throws JenkinsDindException {
    return resolver(false).resolve(spec, ImagePlatform.LINUX_AMD64);
  }

  private static <T extends Throwable> T failure(Class<T> type, ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(type);
    return type.cast(thrown);
  }

  /** All files of the cache, temporary ones included. */
  private List<Path> cachedFiles() throws IOException {
    try (Stream<Path> files = Files.walk(cache)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  private List<Event.Progress> progress() {
    return events.stream()
        .filter(Event.Progress.class::isInstance)
        .map(Event.Progress.class::cast)
        .toList();
  }

  private List<String> infos() {
    return events.stream()
        .filter(Event.Log.class::isInstance)
        .map(Event.Log.class::cast)
        .filter(log -> log.level() == Event.Level.INFO)
        .map(Event.Log::message)
        .toList();
  }

  @Nested
  class Download {
    @Test
    void downloadsOnceExtractsTheCliAndReusesTheCache() throws Exception {
      ResolvedBinary first = resolve(download(REAL_VERSION));

      assertThat(first.binary()).isRegularFile().startsWith(cache).isExecutable();
      assertThat(first.binary().getFileName()).hasToString("docker");
      assertThat(first.binarySha256()).isEqualTo(realDockerSha);
      assertThat(Sha256.ofFile(first.binary())).isEqualTo(realDockerSha);
      assertThat(first.fileSha256()).isEqualTo(realTgzSha);
      assertThat(first.version()).isEqualTo(REAL_VERSION);
      assertThat(first.source()).isEqualTo(server.base() + AMD64_PATH);
      assertThat(server.requests(AMD64_PATH)).isEqualTo(1);
      assertThat(cachedFiles()).noneMatch(f -> f.getFileName().toString().endsWith(".part"));

      ResolvedBinary second = resolve(download(REAL_VERSION));
      ResolvedBinary offline =
          resolver(true).resolve(download(REAL_VERSION), ImagePlatform.LINUX_AMD64);

      assertThat(server.totalRequests()).isEqualTo(1);
      assertThat(second).isEqualTo(first);
      assertThat(offline).isEqualTo(first);
    }

    @Test
    void reportsProgressInBytesWithoutChatter() throws Exception {
      resolve(download(REAL_VERSION));

      List<Event.Progress> progress = progress();
      long size = Files.size(realTgz);
      assertThat(progress).hasSizeBetween(3, 13);
      assertThat(progress)
          .allSatisfy(
              p -> {
                assertThat(p.unit()).isEqualTo("bytes");
                assertThat(p.total()).isEqualTo(size);
                assertThat(p.task()).contains(REAL_VERSION);
              });
      assertThat(progress.get(progress.size() - 1).done()).isEqualTo(size);
      assertThat(progress).extracting(Event.Progress::done).isSorted();
    }

    @Test
    void withoutPinnedSha256SaysHowToPinIt() throws Exception {
      resolve(download(REAL_VERSION));

      assertThat(infos())
          .anySatisfy(
              message ->
                  assertThat(message)
                      .contains("dockerClientSha256=" + realTgzSha)
                      .contains(server.base() + AMD64_PATH));
    }

    @Test
    void followsRedirects() throws Exception {
      server.redirect("/mirror/x86_64/docker-28.2.2.tgz", server.base() + AMD64_PATH);

      ResolvedBinary cli =
          resolve(
              DockerCli.download(REAL_VERSION)
                  .withUrlTemplate(server.base() + "/mirror/{arch}/docker-{version}.tgz"));

      assertThat(cli.binarySha256()).isEqualTo(realDockerSha);
      assertThat(server.requests(AMD64_PATH)).isEqualTo(1);
    }

    @Test
    void versionNotFoundNamesTheVersionAndTheUrl() {
      ConfigurationException e =
          failure(ConfigurationException.class, () -> resolve(download("0.0.1")));

      String url = server.base() + "/linux/static/stable/x86_64/docker-0.0.1.tgz";
      assertThat(e.setting()).contains(Setting.DOCKER_VERSION);
      assertThat(e.value()).contains("0.0.1");
      assertThat(e.getMessage()).contains("0.0.1").contains("not found").contains(url);
      assertThat(e.suggestion().orElseThrow())
          .startsWith("perhaps you should")
          .contains("dockerClientUrl");
      assertThat(server.requests("/linux/static/stable/x86_64/docker-0.0.1.tgz")).isEqualTo(1);
    }

    @Test
    void serverErrorIsAnEnvironmentFailureNamingTheUrl() throws IOException {
      server.status(AMD64_PATH, 503);

      EnvironmentException e =
          failure(EnvironmentException.class, () -> resolve(download(REAL_VERSION)));

      assertThat(e.setting()).contains(Setting.DOCKER_CLIENT_URL);
      assertThat(e.value()).contains(server.base() + AMD64_PATH);
      assertThat(e.getMessage()).contains("503").contains(server.base() + AMD64_PATH);
      assertThat(e.suggestion().orElseThrow()).contains("dockerClient");
      assertThat(cachedFiles()).isEmpty();
    }

    @Test
    void connectionRefusedIsAnEnvironmentFailureNamingTheUrl() throws IOException {
      int closedPort;
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        closedPort = socket.getLocalPort();
      }
      String template = "http://127.0.0.1:" + closedPort + PATH_TEMPLATE;

      EnvironmentException e =
          failure(
              EnvironmentException.class,
              () -> resolve(DockerCli.download(REAL_VERSION).withUrlTemplate(template)));

      assertThat(e.setting()).contains(Setting.DOCKER_CLIENT_URL);
      assertThat(e.getMessage())
          .contains("http://127.0.0.1:" + closedPort + "/linux/static/stable/x86_64/");
      assertThat(e.suggestion().orElseThrow()).contains("mirror").contains("dockerClient");
      assertThat(cachedFiles()).isEmpty();
    }

    @Test
    void unknownHostIsAnEnvironmentFailure() throws IOException {
      EnvironmentException e =
          failure(
              EnvironmentException.class,
              () ->
                  resolve(
                      DockerCli.download(REAL_VERSION)
                          .withUrlTemplate("http://docker-cli.invalid" + PATH_TEMPLATE)));

      assertThat(e.setting()).contains(Setting.DOCKER_CLIENT_URL);
      assertThat(e.getMessage()).contains("docker-cli.invalid").contains("unknown host");
      assertThat(cachedFiles()).isEmpty();
    }

    @Test
    void downloadCutOffAfterContentLengthLeavesNoFileAndIsRetried() throws Exception {
      server.cutOff(AMD64_PATH, realTgz, false);

      EnvironmentException e =
          failure(EnvironmentException.class, () -> resolve(download(REAL_VERSION)));

      assertThat(e.setting()).contains(Setting.DOCKER_CLIENT_URL);
      assertThat(e.getMessage()).contains("cut off");
      assertThat(cachedFiles()).isEmpty();

      server.serve(AMD64_PATH, realTgz);
      ResolvedBinary cli = resolve(download(REAL_VERSION));

      assertThat(cli.binarySha256()).isEqualTo(realDockerSha);
      assertThat(server.requests(AMD64_PATH)).isEqualTo(2);
    }

    @Test
    void chunkedDownloadCutOffLeavesNoFile() throws IOException {
      server.cutOff(AMD64_PATH, realTgz, true);

      EnvironmentException e =
          failure(EnvironmentException.class, () -> resolve(download(REAL_VERSION)));

      assertThat(e.setting()).contains(Setting.DOCKER_CLIENT_URL);
      assertThat(cachedFiles()).isEmpty();
    }

    @Test
    void offlineWithoutCachedDownloadSaysToRunOnlineOnce() {
      ConfigurationException e =
          failure(
              ConfigurationException.class,
              () -> resolver(true).resolve(download(REAL_VERSION), ImagePlatform.LINUX_AMD64));

      assertThat(e.setting()).contains(Setting.OFFLINE);
      assertThat(e.getMessage()).contains(REAL_VERSION).contains(server.base() + AMD64_PATH);
      assertThat(e.suggestion().orElseThrow()).contains("online").contains("dockerClient");
      assertThat(server.totalRequests()).isZero();
    }

    @Test
    void downloadsTheArchitectureOfThePlatform() throws Exception {
      String path = "/linux/static/stable/aarch64/docker-28.2.2.tgz";
      server.serve(path, aarch64Tgz);

      ResolvedBinary cli = resolver(false).resolve(download(REAL_VERSION), ARM64);

      assertThat(cli.source()).isEqualTo(server.base() + path);
      assertThat(cli.binarySha256()).isEqualTo(Sha256.ofFile(aarch64Elf));
    }

    @Test
    void linuxArmDownloadsArmhf() throws Exception {
      Path armElf = CliFixtures.elf(work.resolve("docker"), false, false, 40);
      Path armTgz = CliFixtures.tgz(work.resolve("arm.tgz"), entries("docker/docker", armElf));
      String path = "/linux/static/stable/armhf/docker-28.2.2.tgz";
      server.serve(path, armTgz);

      ResolvedBinary cli =
          resolver(false).resolve(download(REAL_VERSION), new ImagePlatform("linux", "arm"));

      assertThat(cli.source()).isEqualTo(server.base() + path);
      assertThat(cli.binarySha256()).isEqualTo(Sha256.ofFile(armElf));
    }

    @Test
    void fileUrlsWorkOfflineToo() throws Exception {
      Path mirror = work.resolve("mirror/x86_64");
      Files.createDirectories(mirror);
      Files.copy(realTgz, mirror.resolve("docker-28.2.2.tgz"));
      String template = work.toUri() + "mirror/{arch}/docker-{version}.tgz";

      ResolvedBinary cli =
          resolver(true)
              .resolve(
                  DockerCli.download(REAL_VERSION).withUrlTemplate(template),
                  ImagePlatform.LINUX_AMD64);

      assertThat(cli.binarySha256()).isEqualTo(realDockerSha);
      assertThat(cli.source()).startsWith("file:").endsWith("mirror/x86_64/docker-28.2.2.tgz");

      ConfigurationException e =
          failure(
              ConfigurationException.class,
              () -> resolve(DockerCli.download("0.0.1").withUrlTemplate(template)));
      assertThat(e.setting()).contains(Setting.DOCKER_VERSION);
    }

    @Test
    void unusableTemplatesNameTheUrlSetting() {
      List<String> templates =
          List.of("ftp://example.com/{arch}/docker-{version}.tgz", "http://[bad/{arch}", "docker");
      for (String template : templates) {
        ConfigurationException e =
            failure(
                ConfigurationException.class,
                () -> resolve(DockerCli.download(REAL_VERSION).withUrlTemplate(template)));
        assertThat(e.setting()).as(template).contains(Setting.DOCKER_CLIENT_URL);
        assertThat(e.value()).contains(template);
      }
    }

    @Test
    void versionsThatAreNotVersionsAreRefusedBeforeAnyRequest() {
      ConfigurationException e =
          failure(ConfigurationException.class, () -> resolve(download("../../etc/passwd")));

      assertThat(e.setting()).contains(Setting.DOCKER_VERSION);
      assertThat(server.totalRequests()).isZero();
    }
  }

  @Nested
  class Checksums {
    @Test
    void matchingSha256IsAcceptedInAnyCaseWithPrefix() throws Exception {
      ResolvedBinary cli =
          resolve(
              download(REAL_VERSION)
                  .withSha256(" sha256:" + realTgzSha.toUpperCase(Locale.ROOT) + "\n")
                  .withRequireSha256(true));

      assertThat(cli.fileSha256()).isEqualTo(realTgzSha);
      assertThat(infos()).noneMatch(message -> message.contains("dockerClientSha256="));
    }

    @Test
    void mismatchOnCachedDownloadDiscardsIt() throws Exception {
      resolve(download(REAL_VERSION));
      String wrong = "0".repeat(64);

      ConfigurationException e =
          failure(
              ConfigurationException.class,
              () -> resolve(download(REAL_VERSION).withSha256(wrong)));

      assertThat(e.setting()).contains(Setting.DOCKER_CLIENT_SHA256);
      assertThat(e.getMessage()).contains(wrong).contains(realTgzSha).contains("discarded");
      assertThat(cachedFiles()).noneMatch(f -> f.getFileName().toString().endsWith(".tgz"));

      resolve(download(REAL_VERSION).withSha256(realTgzSha));
      assertThat(server.requests(AMD64_PATH)).isEqualTo(2);
    }

    @Test
    void mismatchOnFreshDownloadKeepsNothing() throws IOException {
      ConfigurationException e =
          failure(
              ConfigurationException.class,
              () -> resolve(download(REAL_VERSION).withSha256("f".repeat(64))));

      assertThat(e.setting()).contains(Setting.DOCKER_CLIENT_SHA256);
      assertThat(cachedFiles()).isEmpty();
    }

    @Test
    void mismatchOnLocalFileNamesThePath() {
      ConfigurationException e =
          failure(
              ConfigurationException.class,
              () -> resolve(DockerCli.localFile(realTgz, REAL_VERSION).withSha256("a".repeat(64))));

      assertThat(e.setting()).contains(Setting.DOCKER_CLIENT_SHA256);
      assertThat(e.getMessage()).contains(realTgz.toString()).contains(realTgzSha);
      assertThat(realTgz).isRegularFile();
    }

    @Test
    void malformedSha256IsRefusedBeforeAnyRequest() {
      for (String malformed : List.of("abc", "sha512:" + "0".repeat(64), "g".repeat(64))) {
        ConfigurationException e =
            failure(
                ConfigurationException.class,
                () -> resolve(download(REAL_VERSION).withSha256(malformed)));
        assertThat(e.setting()).as(malformed).contains(Setting.DOCKER_CLIENT_SHA256);
        assertThat(e.value()).contains(malformed);
      }
      assertThat(server.totalRequests()).isZero();
    }

    @Test
    void requiredSha256MissingGivesTheValueToPin() {
      ConfigurationException e =
          failure(
              ConfigurationException.class,
              () -> resolve(download(REAL_VERSION).withRequireSha256(true)));

      assertThat(e.setting()).contains(Setting.DOCKER_CLIENT_SHA256);
      assertThat(e.getMessage()).contains("requireDockerClientSha256").contains(realTgzSha);
      assertThat(e.suggestion().orElseThrow()).contains("dockerClientSha256").contains(realTgzSha);
    }
  }

  @Nested
  class Content {
    @Test
    void corruptDownloadedTarballIsDiscarded() throws Exception {
      Path corrupt = work.resolve("corrupt.tgz");
      byte[] bytes = Files.readAllBytes(aarch64Tgz);
      for (int i = bytes.length / 3; i < bytes.length / 3 + 64; i++) {
        bytes[i] ^= 0x5a;
      }
      Files.write(corrupt, bytes);
      String path = "/linux/static/stable/aarch64/docker-28.2.2.tgz";
      server.serve(path, corrupt);

      EnvironmentException e =
          failure(
              EnvironmentException.class,
              () -> resolver(false).resolve(download(REAL_VERSION), ARM64));

      assertThat(e.setting()).contains(Setting.DOCKER_CLIENT_URL);
      assertThat(e.getMessage()).contains("corrupt").contains("discarded");
      assertThat(cachedFiles()).isEmpty();
    }

    @Test
    void truncatedLocalTarballIsCorrupt() throws Exception {
      Path truncated = work.resolve("docker-28.2.2.tgz");
      byte[] bytes = Files.readAllBytes(aarch64Tgz);
      Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));

      ConfigurationException e =
          failure(
              ConfigurationException.class,
              () -> resolver(false).resolve(DockerCli.localFile(truncated, REAL_VERSION), ARM64));

      assertThat(e.setting()).contains(Setting.DOCKER_CLIENT);
      assertThat(e.getMessage()).contains("corrupt").contains(truncated.toString());
      assertThat(truncated).isRegularFile();
      assertThat(cachedFiles()).isEmpty();
    }

    @Test
    void gzipThatIsNotTarIsCorrupt() throws Exception {
      Path notTar = work.resolve("not-tar.gz");
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(notTar))) {
        out.write("just some text, not a tar archive".repeat(40).getBytes(StandardCharsets.UTF_8));
      }

      ConfigurationException e =
          failure(
              ConfigurationException.class,
              () -> resolve(DockerCli.localFile(notTar, REAL_VERSION)));

      assertThat(e.setting()).contains(Setting.DOCKER_CLIENT);
      assertThat(e.getMessage()).contains(notTar.toString());
    }

    @Test
    void tarballWithoutCliIsRefused() throws Exception {
      ConfigurationException local =
          failure(
              ConfigurationException.class,
              () -> resolve(DockerCli.localFile(tgzWithoutCli, REAL_VERSION)));

      assertThat(local.setting()).contains(Setting.DOCKER_CLIENT);
      assertThat(local.getMessage()).contains("docker/docker").contains(tgzWithoutCli.toString());

      server.serve(AMD64_PATH, tgzWithoutCli);
      ConfigurationException downloaded =
          failure(ConfigurationException.class, () -> resolve(download(REAL_VERSION)));

      assertThat(downloaded.setting()).contains(Setting.DOCKER_CLIENT_URL);
      assertThat(downloaded.getMessage()).contains("docker/docker").contains("discarded");
      assertThat(cachedFiles()).isEmpty();
    }

    @Test
    void localFileThatIsNeitherTarballNorElfIsRefused() throws IOException {
      ConfigurationException e =
          failure(
              ConfigurationException.class,
              () -> resolve(DockerCli.localFile(script, REAL_VERSION)));

      assertThat(e.setting()).contains(Setting.DOCKER_CLIENT);
      assertThat(e.getMessage()).contains(script.toString()).contains("ELF");
      assertThat(cachedFiles()).isEmpty();
    }

    @Test
    void downloadedErrorPageIsRefusedAndDiscarded() throws IOException {
      server.text(AMD64_PATH, "<html><body>Welcome to the captive portal</body></html>");

      ConfigurationException e =
          failure(ConfigurationException.class, () -> resolve(download(REAL_VERSION)));

      assertThat(e.setting()).contains(Setting.DOCKER_CLIENT_URL);
      assertThat(e.getMessage()).contains("ELF").contains("discarded");
      assertThat(cachedFiles()).isEmpty();
    }

    @Test
    void wrongArchitectureElfNamesWhatWasFoundAndWanted() throws IOException {
      ConfigurationException e =
          failure(
              ConfigurationException.class,
              () -> resolve(DockerCli.localFile(aarch64Elf, REAL_VERSION)));

      assertThat(e.setting()).contains(Setting.DOCKER_CLIENT);
      assertThat(e.getMessage()).contains("aarch64").contains("linux/amd64").contains("62");
      assertThat(cachedFiles()).isEmpty();
    }

    @Test
    void realX86CliIsRefusedForArm64() {
      ConfigurationException e =
          failure(
              ConfigurationException.class,
              () -> resolver(false).resolve(DockerCli.localFile(realTgz, REAL_VERSION), ARM64));

      assertThat(e.getMessage()).contains("x86-64").contains("linux/arm64");
    }

    @Test
    void wrongArchitectureDownloadIsDiscarded() throws IOException {
      server.serve(AMD64_PATH, aarch64Tgz);

      ConfigurationException e =
          failure(ConfigurationException.class, () -> resolve(download(REAL_VERSION)));

      assertThat(e.setting()).contains(Setting.DOCKER_CLIENT_URL);
      assertThat(e.getMessage()).contains("aarch64").contains("discarded");
      assertThat(cachedFiles()).isEmpty();
    }
  }

  @Nested
  class LocalFile {
    @Test
    void bareBinaryWinsOverTheDownloadAndIsCopiedIntoTheCache() throws Exception {
      Path local = Files.copy(REAL_DOCKER, work.resolve("docker.tgz"));

      ResolvedBinary cli =
          resolve(new DockerCli(REAL_VERSION, server.base() + PATH_TEMPLATE, local, null, false));

      assertThat(server.totalRequests()).isZero();
      assertThat(cli.binary()).startsWith(cache).isNotEqualTo(local).isExecutable();
      assertThat(cli.binarySha256()).isEqualTo(realDockerSha).isEqualTo(cli.fileSha256());
      assertThat(cli.source()).isEqualTo(local.toString());
      assertThat(infos())
          .anyMatch(message -> message.contains("dockerClientSha256=" + realDockerSha));
    }

    @Test
    void tarballIsToldByContentNotName() throws Exception {
      Path local = Files.copy(realTgz, work.resolve("docker"));

      ResolvedBinary cli = resolve(DockerCli.localFile(local, REAL_VERSION).withSha256(realTgzSha));

      assertThat(cli.binarySha256()).isEqualTo(realDockerSha);
      assertThat(cli.fileSha256()).isEqualTo(realTgzSha);
      assertThat(Files.mismatch(cli.binary(), REAL_DOCKER)).isEqualTo(-1L);
    }

    @Test
    void missingFileNamesThePath() {
      Path missing = work.resolve("no-such-docker.tgz");

      ConfigurationException e =
          failure(
              ConfigurationException.class,
              () -> resolve(DockerCli.localFile(missing, REAL_VERSION)));

      assertThat(e.setting()).contains(Setting.DOCKER_CLIENT);
      assertThat(e.getMessage()).contains(missing.toString());
    }

    @Test
    void directoryIsNotAFile() {
      ConfigurationException e =
          failure(
              ConfigurationException.class, () -> resolve(DockerCli.localFile(work, REAL_VERSION)));

      assertThat(e.setting()).contains(Setting.DOCKER_CLIENT);
      assertThat(e.getMessage()).contains(work.toString());
    }

    @Test
    void localBinaryServesPlatformsDockerPublishesNoCliFor() throws Exception {
      Path ppc = CliFixtures.elf(work.resolve("docker-ppc64le"), true, false, 21);
      Path s390 = CliFixtures.elf(work.resolve("docker-s390x"), true, true, 22);

      ResolvedBinary ppcCli =
          resolver(false)
              .resolve(DockerCli.localFile(ppc, "custom"), new ImagePlatform("linux", "ppc64le"));
      ResolvedBinary s390Cli =
          resolver(false)
              .resolve(DockerCli.localFile(s390, "custom"), new ImagePlatform("linux", "s390x"));

      assertThat(ppcCli.binarySha256()).isEqualTo(Sha256.ofFile(ppc));
      assertThat(s390Cli.binarySha256()).isEqualTo(Sha256.ofFile(s390));
      ConfigurationException e =
          failure(
              ConfigurationException.class,
              () ->
                  resolver(false)
                      .resolve(
                          DockerCli.localFile(ppc, "custom"), new ImagePlatform("linux", "s390x")));
      assertThat(e.getMessage()).contains("ppc64").contains("linux/s390x");
    }
  }

  @Nested
  class Platforms {
    @Test
    void noDownloadForPlatformsWithoutStaticCli() {
      for (String arch : List.of("riscv64", "386")) {
        ConfigurationException e =
            failure(
                ConfigurationException.class,
                () ->
                    resolver(false)
                        .resolve(download(REAL_VERSION), new ImagePlatform("linux", arch)));
        assertThat(e.setting()).as(arch).contains(Setting.PLATFORM);
        assertThat(e.getMessage()).contains("linux/" + arch).contains("no docker CLI is published");
        assertThat(e.suggestion().orElseThrow()).contains("dockerClient");
      }
      assertThat(server.totalRequests()).isZero();
    }

    @Test
    void nonLinuxAndUnknownPlatformsAreRefused() {
      for (ImagePlatform platform :
          List.of(new ImagePlatform("windows", "amd64"), new ImagePlatform("linux", "mips64"))) {
        ConfigurationException e =
            failure(
                ConfigurationException.class,
                () -> resolver(false).resolve(download(REAL_VERSION), platform));
        assertThat(e.setting()).as(platform.toString()).contains(Setting.PLATFORM);
        assertThat(e.value()).contains(platform.toString());
      }
    }
  }
}
