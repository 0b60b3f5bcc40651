package io.github.jenkinsdind.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jenkinsdind.core.api.AccountSpec;
import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.BuildResult;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.DockerCli;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.ImageTarget;
import io.github.jenkinsdind.core.api.JenkinsDind;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.it.support.Commands;
import io.github.jenkinsdind.it.support.DockerCliServer;
import io.github.jenkinsdind.it.support.JenkinsBaseImages;
import io.github.jenkinsdind.it.support.JenkinsBaseImages.Variant;
import io.github.jenkinsdind.it.support.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image build against the real local registry and dockerd, from Jenkins-shaped bases the
 * fixtures build. Every result is inspected with tools other than the code under test: skopeo for
 * the registry and tar images, the docker CLI and dockerd for the daemon image.
 */
class ImageBuildTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(3);
  private static final ObjectMapper JSON = new ObjectMapper();

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

  private BuildRequest.Builder from(String base) {
    return BuildRequest.from(base)
        .cliPlugins(List.of())
        .dockerCli(
            DockerCli.download(DockerCliServer.VERSION).withUrlTemplate(cliServer.urlTemplate()))
        .allowInsecureRegistries(true)
        .cacheDirectory(temp.resolve("cache"));
  }

  private BuildResult build(BuildRequest request) throws JenkinsDindException {
    return JenkinsDind.build(request, events::add);
  }

  private static String unique(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private String registryImage(String name) {
    return services.plainRegistry() + "/it/" + unique(name) + ":1.0";
  }

  private static JsonNode skopeo(String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = "skopeo";
    System.arraycopy(args, 0, command, 1, args.length);
    return JSON.readTree(Commands.stdout(TIMEOUT, command));
  }

  private static String docker(String... args) {
    String[] command = new String[args.length + 1];
    command[0] = "docker";
    System.arraycopy(args, 0, command, 1, args.length);
    return Commands.stdout(TIMEOUT, command).trim();
  }

  /** Runs busybox in the image (as the image's user) and returns what it printed. */
  private static String inImage(String image, String... busyboxArgs) {
    return inImageAs(null, image, busyboxArgs);
  }

  /** Runs busybox in the image as a user (null: the image's) and returns what it printed. */
  private static String inImageAs(String user, String image, String... busyboxArgs) {
    List<String> command = new java.util.ArrayList<>(List.of("docker", "run", "--rm"));
    if (user != null) {
      command.addAll(List.of("--user", user));
    }
    command.addAll(List.of("--entrypoint", "/bin/busybox", image));
    command.addAll(List.of(busyboxArgs));
    return Commands.stdout(TIMEOUT, command.toArray(String[]::new)).trim();
  }

  @Test
  void registryBaseToRegistryKeepsTheBaseAndAddsCliAndGroup() throws Exception {
    JenkinsBaseImages.Built base = JenkinsBaseImages.inRegistry(Variant.PLAIN);
    String image = registryImage("jenkins");

    BuildResult result =
        build(
            from(base.reference())
                .to(ImageTarget.registry(image, Set.of("latest", "extra")))
                .labels(Map.of("team", "ci"))
                .build());

    assertThat(result.digest()).startsWith("sha256:");
    assertThat(result.baseDigest()).isEqualTo(base.digest());
    assertThat(result.tags()).contains("1.0", "latest", "extra");

    JsonNode baseConfig =
        skopeo("inspect", "--tls-verify=false", "--config", "docker://" + base.reference());
    JsonNode config = skopeo("inspect", "--tls-verify=false", "--config", "docker://" + image);
    JsonNode raw = skopeo("inspect", "--tls-verify=false", "--raw", "docker://" + image);
    JsonNode baseRaw =
        skopeo("inspect", "--tls-verify=false", "--raw", "docker://" + base.reference());

    // everything of the base is kept
    for (String key :
        List.of("User", "Entrypoint", "Cmd", "Env", "Volumes", "ExposedPorts", "WorkingDir")) {
      assertThat(config.path("config").path(key))
          .as(key)
          .isEqualTo(baseConfig.path("config").path(key));
    }
    assertThat(config.path("config").path("User").asText()).isEqualTo("jenkins");
    // the base's layers, then docker-cli and accounts
    assertThat(raw.path("layers")).hasSize(baseRaw.path("layers").size() + 2);
    for (int i = 0; i < baseRaw.path("layers").size(); i++) {
      assertThat(raw.path("layers").get(i).path("digest"))
          .isEqualTo(baseRaw.path("layers").get(i).path("digest"));
    }
    JsonNode labels = config.path("config").path("Labels");
    assertThat(labels.path(JenkinsBaseImages.LABEL).isMissingNode()).isFalse();
    assertThat(labels.path("team").asText()).isEqualTo("ci");
    assertThat(labels.path("org.opencontainers.image.base.name").asText())
        .isEqualTo(base.reference());
    assertThat(labels.path("org.opencontainers.image.base.digest").asText())
        .isEqualTo(base.digest());
    assertThat(labels.path("io.github.jenkinsdind.docker-cli.version").asText())
        .isEqualTo(DockerCliServer.VERSION);
    assertThat(labels.path("io.github.jenkinsdind.docker.gid").asText()).isEqualTo("999");
    // every tag points at the same image
    for (String tag : List.of("latest", "extra")) {
      String other = image.substring(0, image.lastIndexOf(':') + 1) + tag;
      assertThat(
              skopeo("inspect", "--tls-verify=false", "docker://" + other).path("Digest").asText())
          .isEqualTo(result.digest());
    }

    // the files, seen by dockerd after a pull
    docker("pull", "-q", image);
    try {
      assertThat(inImage(image, "grep", "^docker:", "/etc/group"))
          .isEqualTo("docker:x:999:jenkins");
      assertThat(inImage(image, "id", "-Gn")).contains("jenkins", "docker");
      assertThat(inImage(image, "stat", "-c", "%a %u:%g", "/usr/local/bin/docker"))
          .isEqualTo("755 0:0");
      assertThat(inImage(image, "stat", "-c", "%a %u:%g", "/etc/gshadow")).isEqualTo("640 0:42");
      assertThat(inImage(image, "stat", "-c", "%a %u:%g", "/etc/group")).isEqualTo("644 0:0");
      assertThat(inImageAs("0", image, "grep", "^docker:", "/etc/gshadow"))
          .isEqualTo("docker:!::jenkins");
      assertThat(inImage(image, "whoami")).isEqualTo("jenkins");
    } finally {
      Commands.run(TIMEOUT, "docker", "rmi", "-f", image);
    }
  }

  @Test
  void theSameInputsGiveTheSameDigestWarmOrCold() throws Exception {
    JenkinsBaseImages.Built base = JenkinsBaseImages.inRegistry(Variant.PLAIN);
    String image = registryImage("reproducible");
    BuildResult first =
        build(from(base.reference()).to(ImageTarget.registry(image, Set.of())).build());
    // rebuild: a warm build, not the check of an unchanged rebuild (UpToDateTest)
    BuildResult warm =
        build(
            from(base.reference()).rebuild(true).to(ImageTarget.registry(image, Set.of())).build());
    BuildResult cold =
        build(
            from(base.reference())
                .cacheDirectory(temp.resolve("other-cache"))
                .to(ImageTarget.registry(image, Set.of()))
                .build());

    assertThat(warm.digest()).isEqualTo(first.digest());
    assertThat(cold.digest()).isEqualTo(first.digest());
    assertThat(warm.imageId()).isEqualTo(first.imageId());
    assertThat(events)
        .filteredOn(e -> e instanceof Event.Log log && log.message().contains("from cache"))
        .isNotEmpty();
  }

  @Test
  void aColdBuildOnTheBaseRegistryMountsTheBaseLayersInsteadOfCopyingThem() throws Exception {
    JenkinsBaseImages.Built base = JenkinsBaseImages.inRegistry(Variant.PLAIN);
    JsonNode baseLayers =
        skopeo("inspect", "--tls-verify=false", "--raw", "docker://" + base.reference())
            .path("layers");
    Path log =
        services
            .plainRegistryLog()
            .orElseThrow(() -> new AssertionError("the registry's log is unknown"));
    long offset = Files.size(log);
    String image = registryImage("mounted");

    build(from(base.reference()).to(ImageTarget.registry(image, Set.of())).build());

    String requests =
        new String(Files.readAllBytes(log), java.nio.charset.StandardCharsets.UTF_8)
            .substring((int) offset);
    String targetRepository = image.substring(image.indexOf('/') + 1, image.lastIndexOf(':'));
    long pulled = 0;
    long baseSize = 0;
    for (JsonNode layer : baseLayers) {
      String digest = layer.path("digest").asText();
      baseSize += layer.path("size").asLong();
      java.util.regex.Matcher get =
          java.util.regex.Pattern.compile(
                  "\"GET /v2/[^ ]+/blobs/"
                      + java.util.regex.Pattern.quote(digest)
                      + " HTTP/1.1\" 200 (\\d+)")
              .matcher(requests);
      int gets = 0;
      while (get.find()) {
        gets++;
        pulled += Long.parseLong(get.group(1));
      }
      assertThat(gets).as("downloads of base layer %s", digest).isLessThanOrEqualTo(1);
      assertThat(requests)
          .containsPattern(
              "POST /v2/"
                  + targetRepository
                  + "/blobs/uploads/\\?mount="
                  + digest
                  + "&from=fixtures/jenkins HTTP/1.1\" 201")
          .doesNotContain("PATCH /v2/" + targetRepository + "/blobs/uploads/" + digest);
    }
    // only the account files were read (here every layer, as passwd and group are in the lowest):
    // never twice
    assertThat(pulled).isLessThanOrEqualTo(baseSize);
    assertThat(events)
        .filteredOn(
            e -> e instanceof Event.Log l && l.message().startsWith("Mounted " + baseLayers.size()))
        .hasSize(1);
  }

  @Test
  void daemonTargetRunsDockerAgainstTheHostDaemonThroughTheSocket() throws Exception {
    JenkinsBaseImages.Built base = baseNeverSeen(2_345_678);
    String pulledBase = pulledName(base);
    String image = unique("it-jenkins-daemon") + ":1.0";
    BuildRequest request =
        from(base.reference())
            .dockerGid(services.dockerSocketGid())
            .to(ImageTarget.dockerDaemon(image, Set.of()))
            .build();
    try {
      BuildResult result = build(request);
      // the daemon pulled the base itself, the account files came from its copy (no layer read from
      // the
      // registry), and docker load got only the two new layers
      assertThat(events).filteredOn(ImageBuildTest::daemonPulledTheBase).hasSize(1);
      assertThat(events)
          .filteredOn(
              e ->
                  e instanceof Event.Log l
                      && l.message().startsWith("read /etc/group")
                      && l.message().contains("/etc/passwd"))
          .singleElement()
          .satisfies(
              e ->
                  assertThat(((Event.Log) e).message())
                      .endsWith("from /etc of the Docker daemon's copy " + pulledBase));
      assertThat(docker("ps", "-aq", "--filter", "label=io.github.jenkinsdind.role=probe"))
          .isEmpty();
      assertThat(events).filteredOn(ImageBuildTest::leftOutBaseLayers).hasSize(1);
      assertThat(docker("image", "inspect", "--format", "{{json .RootFS.Layers}}", pulledBase))
          .as("the base, by its digest")
          .contains("sha256:");
      assertThat(docker("image", "inspect", "--format", "{{.Id}}", base.reference()))
          .as("and by its tag, as docker pull leaves it")
          .isEqualTo(docker("image", "inspect", "--format", "{{.Id}}", pulledBase));
      assertThat(docker("image", "inspect", "--format", "{{.Id}}", image))
          .isEqualTo(result.imageId());
      // the same image, to the byte, as Jib builds when it downloads the base (a tar target)
      Path tar = temp.resolve("same-image.tar");
      BuildResult viaTar =
          build(
              from(base.reference())
                  .dockerGid(services.dockerSocketGid())
                  .cacheDirectory(temp.resolve("cache-of-the-tar-build"))
                  .to(ImageTarget.tarFile(image, tar))
                  .build());
      assertThat(viaTar.imageId()).isEqualTo(result.imageId());
      // baked with the socket's GID: no --group-add needed
      String version =
          docker(
              "run",
              "--rm",
              "-v",
              services.dockerSocket() + ":/var/run/docker.sock",
              "--entrypoint",
              "/usr/local/bin/docker",
              image,
              "version",
              "--format",
              "{{.Server.Version}}");
      assertThat(version).isEqualTo(services.dockerServerVersion());

      // a rebuild: the base is in the daemon, docker load gets only the new layers again
      events.clear();
      BuildResult again =
          build(
              from(base.reference())
                  .dockerGid(services.dockerSocketGid())
                  .rebuild(true)
                  .to(ImageTarget.dockerDaemon(image, Set.of()))
                  .build());
      assertThat(again.imageId()).isEqualTo(result.imageId());
      assertThat(events).filteredOn(ImageBuildTest::leftOutBaseLayers).hasSize(1);
      assertThat(docker("image", "inspect", "--format", "{{.Id}}", image))
          .isEqualTo(result.imageId());
      assertThat(docker("run", "--rm", "--entrypoint", "/usr/local/bin/docker", image, "--version"))
          .contains(DockerCliServer.VERSION);
      // nothing of the stand-ins is left, and Jib's own cache holds no base layer
      try (var left = Files.list(temp.resolve("cache/tmp"))) {
        assertThat(left).isEmpty();
      }
      assertThat(temp.resolve("cache/jib/base/layers")).doesNotExist();
    } finally {
      Commands.run(TIMEOUT, "docker", "rmi", "-f", image, pulledBase, base.reference());
    }
  }

  @Test
  void withoutTheDaemonPullingTheBaseJibDownloadsItAndTheSameImageIsLoadedWhole() throws Exception {
    JenkinsBaseImages.Built base = baseNeverSeen(5_678_901);
    String image = unique("it-jenkins-no-daemon-pull") + ":1.0";
    try {
      BuildResult result =
          build(
              from(base.reference())
                  .daemonPullsBase(false)
                  .to(ImageTarget.dockerDaemon(image, Set.of()))
                  .build());
      assertThat(events).noneMatch(ImageBuildTest::daemonPulledTheBase);
      assertThat(events).noneMatch(ImageBuildTest::leftOutBaseLayers);
      assertThat(events)
          .anyMatch(
              e ->
                  e instanceof Event.Log l
                      && l.message().startsWith("read /etc/")
                      && l.message().contains(" from layer "));
      assertThat(temp.resolve("cache/jib/base/layers")).isDirectory();
      assertThat(Commands.run(TIMEOUT, "docker", "image", "inspect", pulledName(base)).succeeded())
          .as("the daemon did not pull the base")
          .isFalse();
      assertThat(docker("image", "inspect", "--format", "{{.Id}}", image))
          .isEqualTo(result.imageId());
      // the same image as when the daemon pulls the base
      BuildResult pulled =
          build(
              from(base.reference())
                  .cacheDirectory(temp.resolve("cache-pulled"))
                  .to(ImageTarget.dockerDaemon(image, Set.of()))
                  .build());
      assertThat(pulled.imageId()).isEqualTo(result.imageId());
    } finally {
      Commands.run(TIMEOUT, "docker", "rmi", "-f", image, pulledName(base), base.reference());
    }
  }

  @Test
  void aWrongBeliefAboutTheDaemonsLayersFallsBackToTheWholeImage() throws Exception {
    // a base the daemon has never seen (its own war size), in Jib's cache from a tar build;
    // offline, the daemon
    // pulls nothing, and a record wrongly says an image of it is in the daemon: docker load refuses
    // the tar
    // without the base layers, the whole image follows
    JenkinsBaseImages.Built base = baseNeverSeen(1_234_567);
    String image = unique("it-jenkins-fallback") + ":1.0";
    build(
        from(base.reference()).to(ImageTarget.tarFile(image, temp.resolve("warm-up.tar"))).build());
    String someImageId =
        docker(
            "image",
            "inspect",
            "--format",
            "{{.Id}}",
            JenkinsBaseImages.inDaemon(Variant.PLAIN).reference());
    java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
    sha.update(
        (services.dockerHost() + "\n" + base.digest())
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Path record =
        temp.resolve("cache/daemon-images")
            .resolve(java.util.HexFormat.of().formatHex(sha.digest()));
    Files.createDirectories(record.getParent());
    Files.writeString(record, someImageId);
    try {
      events.clear();
      BuildResult result =
          build(
              from(base.reference())
                  .offline(true)
                  .to(ImageTarget.dockerDaemon(image, Set.of()))
                  .build());
      assertThat(events).noneMatch(ImageBuildTest::daemonPulledTheBase);
      assertThat(events).noneMatch(ImageBuildTest::leftOutBaseLayers);
      assertThat(events)
          .filteredOn(
              e ->
                  e instanceof Event.Log l
                      && l.message().startsWith("Loading without the base layers failed"))
          .singleElement()
          .satisfies(
              e -> assertThat(((Event.Log) e).message()).contains("no such file or directory"));
      assertThat(docker("image", "inspect", "--format", "{{.Id}}", image))
          .isEqualTo(result.imageId());
      assertThat(inImage(image, "grep", "^docker:", "/etc/group"))
          .isEqualTo("docker:x:999:jenkins");
    } finally {
      Commands.run(TIMEOUT, "docker", "rmi", "-f", image);
    }
  }

  @Test
  void offlineAfterAnOnlineDaemonBuildUsesTheBaseTheDaemonPulled() throws Exception {
    JenkinsBaseImages.Built base = baseNeverSeen(3_456_789);
    String pulledBase = pulledName(base);
    String image = unique("it-jenkins-offline") + ":1.0";
    try {
      BuildResult online =
          build(from(base.reference()).to(ImageTarget.dockerDaemon(image, Set.of())).build());
      docker("rmi", image);
      events.clear();
      BuildResult offline =
          build(
              from(base.reference())
                  .offline(true)
                  .to(ImageTarget.dockerDaemon(image, Set.of()))
                  .build());
      // Jib's cache has the base's manifest but none of its layers: only the daemon has them
      assertThat(temp.resolve("cache/jib/base/layers")).doesNotExist();
      assertThat(events).noneMatch(ImageBuildTest::daemonPulledTheBase);
      assertThat(events).filteredOn(ImageBuildTest::leftOutBaseLayers).hasSize(1);
      assertThat(offline.imageId()).isEqualTo(online.imageId());
      assertThat(docker("image", "inspect", "--format", "{{.Id}}", image))
          .isEqualTo(online.imageId());
    } finally {
      Commands.run(TIMEOUT, "docker", "rmi", "-f", image, pulledBase, base.reference());
    }
  }

  /**
   * A plain base of its own (its war size about warBytes): neither the daemon nor the cache has
   * seen it.
   */
  private static JenkinsBaseImages.Built baseNeverSeen(long warBytes) throws Exception {
    return JenkinsBaseImages.inRegistry(
        new JenkinsBaseImages.Spec(Variant.PLAIN, warBytes + System.nanoTime() % 1000));
  }

  /** The name under which the daemon holds a registry base it pulled by digest. */
  private static String pulledName(JenkinsBaseImages.Built base) {
    String name = base.reference();
    int colon = name.lastIndexOf(':');
    return (colon > name.lastIndexOf('/') ? name.substring(0, colon) : name) + "@" + base.digest();
  }

  private static boolean daemonPulledTheBase(Event event) {
    return event instanceof Event.Log log
        && log.message().startsWith("The Docker daemon pulls the base ");
  }

  private static boolean leftOutBaseLayers(Event event) {
    return event instanceof Event.Log log && log.message().contains("already holds the");
  }

  @Test
  void imageBakedWith999NeedsTheSocketGidAsSupplementaryGroup() throws Exception {
    JenkinsBaseImages.Built base = JenkinsBaseImages.inRegistry(Variant.PLAIN);
    String image = unique("it-jenkins-999") + ":1.0";
    build(from(base.reference()).to(ImageTarget.dockerDaemon(image, Set.of())).build());
    try {
      Commands.Result without =
          Commands.run(
              TIMEOUT,
              "docker",
              "run",
              "--rm",
              "-v",
              services.dockerSocket() + ":/var/run/docker.sock",
              "--entrypoint",
              "/usr/local/bin/docker",
              image,
              "ps");
      if (services.dockerSocketGid() == 999) {
        // the socket's own GID is the baked one (Ubuntu with docker-ce): no group-add needed
        assertThat(without.exitCode()).as(without.describe()).isZero();
      } else {
        assertThat(without.exitCode()).isNotZero();
        assertThat(without.output()).contains("permission denied");
      }

      String version =
          docker(
              "run",
              "--rm",
              "-v",
              services.dockerSocket() + ":/var/run/docker.sock",
              "--group-add",
              Long.toString(services.dockerSocketGid()),
              "--entrypoint",
              "/usr/local/bin/docker",
              image,
              "version",
              "--format",
              "{{.Server.Version}}");
      assertThat(version).isEqualTo(services.dockerServerVersion());
    } finally {
      Commands.run(TIMEOUT, "docker", "rmi", "-f", image);
    }
  }

  @Test
  void tarTargetIsALoadableDockerArchive() throws Exception {
    JenkinsBaseImages.Built base = JenkinsBaseImages.inRegistry(Variant.PLAIN);
    Path tar = temp.resolve("out/jenkins.tar");
    BuildResult result =
        build(from(base.reference()).to(ImageTarget.tarFile("it/jenkins-tar:1.0", tar)).build());

    assertThat(tar).isRegularFile();
    try (var listing = Files.list(tar.getParent())) {
      assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("jenkins.tar");
    }
    JsonNode config = skopeo("inspect", "--config", "docker-archive:" + tar);
    assertThat(
            config.path("config").path("Labels").path("io.github.jenkinsdind.docker.gid").asText())
        .isEqualTo("999");
    assertThat(config.path("config").path("User").asText()).isEqualTo("jenkins");
    assertThat(result.imageId()).startsWith("sha256:");
  }

  @Test
  void daemonAndTarBasesWork() throws Exception {
    JenkinsBaseImages.Built daemonBase = JenkinsBaseImages.inDaemon(Variant.PLAIN);
    Path saved = JenkinsBaseImages.dockerSaveTar(Variant.PLAIN);
    String fromDaemon = registryImage("from-daemon");
    String fromTar = registryImage("from-tar");

    BuildResult a =
        build(
            from("docker://" + daemonBase.reference())
                .to(ImageTarget.registry(fromDaemon, Set.of()))
                .build());
    BuildResult b =
        build(from("tar://" + saved).to(ImageTarget.registry(fromTar, Set.of())).build());

    assertThat(a.baseDigest()).isEqualTo(daemonBase.imageId());
    assertThat(b.baseDigest()).startsWith("sha256:");
    for (String image : List.of(fromDaemon, fromTar)) {
      JsonNode config = skopeo("inspect", "--tls-verify=false", "--config", "docker://" + image);
      assertThat(config.path("config").path("User").asText()).isEqualTo("jenkins");
      assertThat(
              config
                  .path("config")
                  .path("Labels")
                  .path("io.github.jenkinsdind.docker.gid")
                  .asText())
          .isEqualTo("999");
    }
  }

  @Test
  void anotherGroupHoldingTheGidGetsTheUserAndAWarning() throws Exception {
    JenkinsBaseImages.Built base = JenkinsBaseImages.inRegistry(Variant.SYSTEMD_JOURNAL_GROUP);
    Path tar = temp.resolve("journal.tar");
    build(from(base.reference()).to(ImageTarget.tarFile("it/journal:1", tar)).build());
    String image = docker("load", "-q", "-i", tar.toString()).replace("Loaded image: ", "").trim();
    try {
      assertThat(inImage(image, "grep", ":999:", "/etc/group"))
          .isEqualTo("systemd-journal:x:999:jenkins");
      assertThat(inImage(image, "cat", "/etc/group")).doesNotContain("\ndocker:");
    } finally {
      Commands.run(TIMEOUT, "docker", "rmi", "-f", image);
    }
    assertThat(events)
        .filteredOn(e -> e instanceof Event.Log log && log.level() == Event.Level.WARN)
        .extracting(e -> ((Event.Log) e).message())
        .anyMatch(m -> m.contains("systemd-journal"));
  }

  @Test
  void aBaseWithoutAJenkinsUserGetsOneCreated() throws Exception {
    JenkinsBaseImages.Built base = JenkinsBaseImages.inRegistry(Variant.NO_JENKINS_USER);
    Path tar = temp.resolve("nouser.tar");
    build(from(base.reference()).to(ImageTarget.tarFile("it/nouser:1", tar)).build());
    String image = docker("load", "-q", "-i", tar.toString()).replace("Loaded image: ", "").trim();
    try {
      assertThat(inImage(image, "grep", "^jenkins:", "/etc/passwd"))
          .isEqualTo("jenkins:x:1000:1000::/var/jenkins_home:/bin/bash");
      assertThat(inImage(image, "id", "-u")).isEqualTo("1000");
    } finally {
      Commands.run(TIMEOUT, "docker", "rmi", "-f", image);
    }
    assertThat(events)
        .filteredOn(e -> e instanceof Event.Log log && log.level() == Event.Level.WARN)
        .isNotEmpty();
  }

  @Test
  void badInputFailsBeforeAnythingIsPushed() throws Exception {
    JenkinsBaseImages.Built noGroup = JenkinsBaseImages.inRegistry(Variant.NO_ETC_GROUP);
    JenkinsBaseImages.Built plain = JenkinsBaseImages.inRegistry(Variant.PLAIN);
    String image = registryImage("never-pushed");

    assertThatThrownBy(
            () ->
                build(from(noGroup.reference()).to(ImageTarget.registry(image, Set.of())).build()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(noGroup.reference())
        .hasMessageContaining("/etc/group")
        .satisfies(e -> assertThat(((ConfigurationException) e).setting()).contains(Setting.FROM));

    assertThatThrownBy(
            () ->
                build(
                    from(plain.reference())
                        .accounts(AccountSpec.defaults().withGid(-5))
                        .to(ImageTarget.registry(image, Set.of()))
                        .build()))
        .isInstanceOf(ConfigurationException.class)
        .satisfies(
            e -> assertThat(((ConfigurationException) e).setting()).contains(Setting.DOCKER_GID));

    assertThatThrownBy(
            () ->
                build(
                    from(plain.reference())
                        .to(ImageTarget.registry("Not A Reference", Set.of()))
                        .build()))
        .isInstanceOf(ConfigurationException.class)
        .satisfies(e -> assertThat(((ConfigurationException) e).setting()).contains(Setting.IMAGE));

    Path directory = Files.createDirectories(temp.resolve("a-directory"));
    assertThatThrownBy(
            () ->
                build(from(plain.reference()).to(ImageTarget.tarFile("x/y:1", directory)).build()))
        .isInstanceOf(ConfigurationException.class)
        .satisfies(
            e -> assertThat(((ConfigurationException) e).setting()).contains(Setting.TAR_FILE));

    Commands.Result inspect =
        Commands.run(TIMEOUT, "skopeo", "inspect", "--tls-verify=false", "docker://" + image);
    assertThat(inspect.exitCode()).as("nothing was pushed: %s", inspect.output()).isNotZero();
  }
}
