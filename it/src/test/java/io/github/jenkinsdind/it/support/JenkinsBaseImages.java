package io.github.jenkinsdind.it.support;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.DockerDaemonImage;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Platform;
import com.google.cloud.tools.jib.api.buildplan.Port;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Jenkins-shaped base images for the integration tests, built with jib-core from scratch (no
 * Dockerfile, no daemon at build time), small and quick to pull, and configured like {@code
 * jenkins/jenkins}.
 *
 * <p>Layers (the same for every variant but the account files):
 *
 * <ol>
 *   <li>"rootfs": Debian's static {@code /bin/busybox}, also as {@code /bin/sh}; the shared
 *       libraries the test docker CLI needs ({@link #cliLibraries()}: glibc's loader and {@code
 *       libc.so.6} for Debian's dynamically linked CLI), at the paths {@code ldd} names, so that
 *       product images built on the fixture run that CLI; {@code /etc/passwd} (root, nobody,
 *       jenkins 1000:1000 with home {@value #JENKINS_HOME} and shell /bin/sh), {@code /etc/group},
 *       {@code /etc/shadow} and {@code /etc/gshadow} (mode 0640, owner 0:42); {@value
 *       #JENKINS_HOME} owned 1000:1000; {@code /root} 0700; {@code /tmp} 0777 (Jib cannot set the
 *       sticky bit);
 *   <li>"war": {@value #WAR_PATH}, pseudo-random (incompressible, but the same for the same size)
 *       bytes;
 *   <li>"entrypoint": {@value #ENTRYPOINT}, a busybox-sh script that on first start writes a random
 *       {@value #PASSWORD_FILE}, prints it after {@value #PASSWORD_BANNER} like Jenkins does,
 *       prints {@code id}, and serves {@code /login} (HTTP 200) with {@code busybox httpd} on port
 *       8080.
 * </ol>
 *
 * Config: user {@code jenkins}, entrypoint {@value #ENTRYPOINT}, {@code JENKINS_HOME}, volume
 * {@value #JENKINS_HOME}, ports 8080/tcp and 50000/tcp, label {@value #LABEL}, working directory
 * {@value #JENKINS_HOME}.
 *
 * <p>Each image is built once per JVM and target; Jib is reproducible, so another JVM building the
 * same spec gets the same digest. Typical use:
 *
 * <pre>{@code
 * String base = JenkinsBaseImages.inRegistry(Variant.PLAIN).reference();   // 127.0.0.1:5000/fixtures/jenkins:plain
 * Path tar = JenkinsBaseImages.dockerSaveTar(Variant.NO_ETC_GROUP);        // docker-save format, for tar:// bases
 * }</pre>
 *
 * Pushing to 127.0.0.1:5000 needs {@code .ci/services.sh}; {@link #inDaemon} needs dockerd and the
 * docker CLI.
 */
public final class JenkinsBaseImages {

  /**
   * Repository of the fixtures in the plain registry: {@code <plain
   * registry>/fixtures/jenkins:<tag>}.
   */
  public static final String REGISTRY_REPOSITORY = "fixtures/jenkins";

  /**
   * Repository of the fixtures loaded into dockerd (and named in the tar files): {@code
   * <this>:<tag>}.
   */
  public static final String DAEMON_REPOSITORY = "jenkins-dind-fixtures/jenkins";

  /** Size of the war layer's file unless a {@link Spec} says otherwise: 3 MiB. */
  public static final long DEFAULT_WAR_BYTES = 3L * 1024 * 1024;

  /** The jenkins user's (and group's) id. */
  public static final int JENKINS_ID = 1000;

  /** Home of the jenkins user, {@code JENKINS_HOME}, a volume and the working directory. */
  public static final String JENKINS_HOME = "/var/jenkins_home";

  /** The entrypoint script. */
  public static final String ENTRYPOINT = "/usr/local/bin/jenkins.sh";

  /** The war stand-in (layer 2). */
  public static final String WAR_PATH = "/usr/share/jenkins/jenkins.war";

  /** Where the first start writes the initial admin password. */
  public static final String PASSWORD_FILE = JENKINS_HOME + "/secrets/initialAdminPassword";

  /** The log line after which (and one empty line) the password is printed, as Jenkins does. */
  public static final String PASSWORD_BANNER =
      "Please use the following password to proceed to installation:";

  /** The line the entrypoint prints just before it starts serving HTTP on 8080. */
  public static final String READY_LINE = "Jenkins is fully up and running";

  /** The HTTP port of the web UI stand-in. */
  public static final int HTTP_PORT = 8080;

  /** The agent port (exposed only). */
  public static final int AGENT_PORT = 50000;

  /** Key of the label every fixture carries; its value is the variant's tag. */
  public static final String LABEL = "io.github.jenkinsdind.fixture";

  /** The static busybox the rootfs copies (Debian package busybox-static). */
  public static final Path BUSYBOX = Path.of("/bin/busybox");

  /** Runs {@code ldd}: quick, but on a busy machine a few seconds are possible. */
  private static final Duration LDD_TIMEOUT = Duration.ofSeconds(30);

  /** The shapes of base image other tests need. */
  public enum Variant {
    /** Jenkins-like: jenkins 1000:1000 in passwd and group, no GID 999 in use. */
    PLAIN("plain", true, true, false, false),
    /** Like {@link #PLAIN}, but {@code /etc/group} already has {@code systemd-journal:x:999:}. */
    SYSTEMD_JOURNAL_GROUP("systemd-journal", true, true, true, false),
    /** No jenkins user and no jenkins group (config still says user jenkins: not runnable). */
    NO_JENKINS_USER("no-jenkins-user", false, true, false, false),
    /** No {@code /etc/group} at all (gshadow is still there). */
    NO_ETC_GROUP("no-etc-group", true, false, false, false),
    /**
     * Like {@link #PLAIN} for linux/amd64 and linux/arm64, each with the busybox of its own
     * architecture ({@link ForeignBinaries}; the CLI libraries only on amd64): a Docker manifest
     * list in the registry, assembled by {@link MultiPlatformBases}. Registry only.
     */
    MULTI_PLATFORM("multi-platform", true, true, false, true);

    private final String tag;
    private final boolean jenkinsUser;
    private final boolean etcGroup;
    private final boolean systemdJournalGroup;
    private final boolean multiPlatform;

    Variant(
        String tag,
        boolean jenkinsUser,
        boolean etcGroup,
        boolean systemdJournalGroup,
        boolean multiPlatform) {
      this.tag = tag;
      this.jenkinsUser = jenkinsUser;
      this.etcGroup = etcGroup;
      this.systemdJournalGroup = systemdJournalGroup;
      this.multiPlatform = multiPlatform;
    }

    /**
     * @return the image tag of this variant with the default war size, e.g. {@code plain}
     */
    public String tag() {
      return tag;
    }

    /**
     * @return whether passwd, shadow, group and gshadow have a jenkins entry
     */
    public boolean hasJenkinsUser() {
      return jenkinsUser;
    }

    /**
     * @return whether the image has an {@code /etc/group}
     */
    public boolean hasEtcGroup() {
      return etcGroup;
    }

    /**
     * @return the platforms the image is built for (linux/amd64, plus linux/arm64 for
     *     multi-platform)
     */
    public Set<Platform> platforms() {
      Set<Platform> platforms = new LinkedHashSet<>();
      platforms.add(new Platform("amd64", "linux"));
      if (multiPlatform) {
        platforms.add(new Platform("arm64", "linux"));
      }
      return platforms;
    }

    /**
     * @return whether the image is a manifest list (registry only)
     */
    public boolean isMultiPlatform() {
      return multiPlatform;
    }
  }

  /**
   * A variant with a war layer of a given size.
   *
   * @param variant the shape
   * @param warBytes the size of {@value #WAR_PATH} in bytes
   */
  public record Spec(Variant variant, long warBytes) {

    /**
     * Validates the spec.
     *
     * @param variant the shape
     * @param warBytes the size of the war file, at least 1
     */
    public Spec {
      if (variant == null || warBytes < 1) {
        throw new IllegalArgumentException(
            "a spec needs a variant and a war size >= 1, got " + variant + ", " + warBytes);
      }
    }

    /**
     * The default-size spec of a variant.
     *
     * @param variant the shape
     * @return the spec with {@link #DEFAULT_WAR_BYTES}
     */
    public static Spec of(Variant variant) {
      return new Spec(variant, DEFAULT_WAR_BYTES);
    }

    /**
     * @return the tag: the variant's tag, plus {@code -war<bytes>} for a non-default war size
     */
    public String tag() {
      return warBytes == DEFAULT_WAR_BYTES ? variant.tag() : variant.tag() + "-war" + warBytes;
    }
  }

  /**
   * Where one image was written.
   *
   * @param reference the image reference (registry or daemon name); for tar files, the name inside
   *     the tar
   * @param digest the manifest (or manifest list) digest, {@code sha256:...}
   * @param imageId the config digest (image id), {@code sha256:...}
   * @param tarFile the tar file for {@link #dockerSaveTar}, else null
   */
  public record Built(String reference, String digest, String imageId, Path tarFile) {

    /**
     * @return {@code reference@digest} for registry images, the digest-pinned reference
     */
    public String pinnedReference() {
      String repository = reference.substring(0, reference.lastIndexOf(':'));
      return repository + "@" + digest;
    }
  }

  private static final Instant FILE_TIME = Instant.ofEpochSecond(1);
  private static final Platform AMD64 = new Platform("amd64", "linux");
  private static final Map<String, Built> BUILT = new HashMap<>();
  private static Path staging;
  private static Map<String, Path> cliLibraries;

  private JenkinsBaseImages() {}

  /**
   * Pushes the variant (default war size) to the plain registry, once per JVM.
   *
   * @param variant the shape
   * @return {@code 127.0.0.1:5000/fixtures/jenkins:<tag>} with its digest
   */
  public static Built inRegistry(Variant variant) {
    return inRegistry(Spec.of(variant));
  }

  /**
   * Pushes the spec to the plain registry, once per JVM.
   *
   * @param spec the shape and war size
   * @return {@code 127.0.0.1:5000/fixtures/jenkins:<tag>-<libraries>} with its digest, see {@link
   *     #fixtureTag}
   */
  public static synchronized Built inRegistry(Spec spec) {
    String reference =
        TestServices.get().plainRegistry() + "/" + REGISTRY_REPOSITORY + ":" + fixtureTag(spec);
    if (spec.variant().isMultiPlatform()) {
      return BUILT.computeIfAbsent(
          "registry " + reference,
          key ->
              MultiPlatformBases.inRegistry(
                      spec, List.copyOf(spec.variant().platforms()), ImageFormat.Docker, reference)
                  .built());
    }
    return BUILT.computeIfAbsent(
        "registry " + reference,
        key ->
            build(spec, Containerizer.to(RegistryImage.named(parse(reference))), reference, null));
  }

  /**
   * Loads the variant (default war size) into dockerd (as {@code docker load} does), once per JVM.
   *
   * @param variant the shape; not {@link Variant#MULTI_PLATFORM}
   * @return {@code jenkins-dind-fixtures/jenkins:<tag>-<libraries>} with its image id, see {@link
   *     #fixtureTag}
   */
  public static Built inDaemon(Variant variant) {
    return inDaemon(Spec.of(variant));
  }

  /**
   * Loads the spec into dockerd (as {@code docker load} does), once per JVM.
   *
   * @param spec the shape and war size; not multi-platform
   * @return {@code jenkins-dind-fixtures/jenkins:<tag>-<libraries>} with its image id, see {@link
   *     #fixtureTag}
   */
  public static synchronized Built inDaemon(Spec spec) {
    requireSinglePlatform(spec, "dockerd");
    String reference = DAEMON_REPOSITORY + ":" + fixtureTag(spec);
    return BUILT.computeIfAbsent(
        "daemon " + reference,
        key ->
            build(
                spec,
                Containerizer.to(DockerDaemonImage.named(parse(reference))),
                reference,
                null));
  }

  /**
   * The tag of a fixture in dockerd and in the plain registry: the spec's tag, plus a short
   * fingerprint of the CLI libraries in its rootfs ({@link #cliLibraries()}: their paths and
   * sizes). dockerd and the registry are shared by every test run on the machine, and a run whose
   * fixtures carry other libraries (or none) must not retag this run's fixture under the same name.
   *
   * @param spec the shape and war size
   * @return for example {@code plain-lib3f9a0c12}
   */
  public static String fixtureTag(Spec spec) {
    StringBuilder libraries = new StringBuilder();
    try {
      for (Map.Entry<String, Path> library : cliLibraries().entrySet()) {
        libraries
            .append(library.getKey())
            .append('=')
            .append(Files.size(library.getValue()))
            .append('\n');
      }
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(libraries.toString().getBytes(StandardCharsets.UTF_8));
      return spec.tag() + "-lib" + HexFormat.of().formatHex(digest, 0, 4);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the CLI libraries " + cliLibraries(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /**
   * Writes the variant (default war size) to a {@code docker save} format tar file, once per JVM.
   *
   * @param variant the shape; not {@link Variant#MULTI_PLATFORM}
   * @return the tar file (in a per-JVM temporary directory) named {@code
   *     jenkins-dind-fixtures/jenkins:<tag>}
   */
  public static Path dockerSaveTar(Variant variant) {
    return dockerSaveTar(Spec.of(variant)).tarFile();
  }

  /**
   * Writes the spec to a {@code docker save} format tar file, once per JVM.
   *
   * @param spec the shape and war size; not multi-platform
   * @return the image written, with {@link Built#tarFile()} set
   */
  public static synchronized Built dockerSaveTar(Spec spec) {
    requireSinglePlatform(spec, "a tar file");
    String reference = DAEMON_REPOSITORY + ":" + spec.tag();
    Path tar = staging().resolve("jenkins-" + spec.tag() + ".tar");
    return BUILT.computeIfAbsent(
        "tar " + reference,
        key ->
            build(
                spec, Containerizer.to(TarImage.at(tar).named(parse(reference))), reference, tar));
  }

  /**
   * The shared libraries the test docker CLI ({@link TestServices#dockerCli()}) loads, as {@code
   * ldd} lists them: its ELF interpreter and every library it resolves (for Debian's {@code
   * docker.io} CLI, {@code /lib64/ld-linux-x86-64.so.2} and {@code
   * /lib/x86_64-linux-gnu/libc.so.6}); none for a static CLI. Read once per JVM.
   *
   * @return each library's path in the image (as {@code ldd} names it), mapped to the real file on
   *     this machine
   */
  public static synchronized Map<String, Path> cliLibraries() {
    if (cliLibraries == null) {
      Path cli = TestServices.get().dockerCli();
      Commands.Result ldd = Commands.run(LDD_TIMEOUT, "ldd", cli.toString());
      Map<String, Path> libraries = new TreeMap<>();
      for (String line : ldd.stdout().split("\\R")) {
        String text = line.strip();
        int arrow = text.indexOf("=> ");
        String path = arrow >= 0 ? text.substring(arrow + 3) : text;
        int space = path.indexOf(' ');
        path = space >= 0 ? path.substring(0, space) : path;
        if (path.startsWith("/")) {
          try {
            libraries.put(path, Path.of(path).toRealPath());
          } catch (IOException e) {
            throw new UncheckedIOException(
                "ldd says " + cli + " loads " + path + ", which cannot be read", e);
          }
        }
      }
      if (libraries.isEmpty() && !ldd.output().contains("not a dynamic executable")) {
        throw new AssertionError(
            "Cannot tell which libraries " + cli + " needs: " + ldd.describe());
      }
      cliLibraries = Collections.unmodifiableMap(libraries);
    }
    return cliLibraries;
  }

  /**
   * The {@code /etc/passwd} of a variant.
   *
   * @param variant the shape
   * @return the file's content
   */
  public static String etcPasswd(Variant variant) {
    return "root:x:0:0:root:/root:/bin/sh\n"
        + "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n"
        + (variant.hasJenkinsUser() ? "jenkins:x:1000:1000::" + JENKINS_HOME + ":/bin/sh\n" : "");
  }

  /**
   * The {@code /etc/group} of a variant.
   *
   * @param variant the shape
   * @return the file's content, or empty for {@link Variant#NO_ETC_GROUP}
   */
  public static Optional<String> etcGroup(Variant variant) {
    if (!variant.hasEtcGroup()) {
      return Optional.empty();
    }
    return Optional.of(
        "root:x:0:\n"
            + "daemon:x:1:\n"
            + "tty:x:5:\n"
            + "shadow:x:42:\n"
            + "staff:x:50:\n"
            + "users:x:100:\n"
            + (variant.systemdJournalGroup ? "systemd-journal:x:999:\n" : "")
            + (variant.hasJenkinsUser() ? "jenkins:x:1000:\n" : "")
            + "nogroup:x:65534:\n");
  }

  /**
   * The {@code /etc/shadow} of a variant (mode 0640, owner 0:42 in the image).
   *
   * @param variant the shape
   * @return the file's content
   */
  public static String etcShadow(Variant variant) {
    return "root:*:19000:0:99999:7:::\n"
        + "nobody:*:19000:0:99999:7:::\n"
        + (variant.hasJenkinsUser() ? "jenkins:!:19000:0:99999:7:::\n" : "");
  }

  /**
   * The {@code /etc/gshadow} of a variant (mode 0640, owner 0:42 in the image).
   *
   * @param variant the shape
   * @return the file's content
   */
  public static String etcGshadow(Variant variant) {
    return "root:*::\n"
        + "daemon:*::\n"
        + "tty:*::\n"
        + "shadow:*::\n"
        + "staff:*::\n"
        + "users:*::\n"
        + (variant.systemdJournalGroup ? "systemd-journal:!::\n" : "")
        + (variant.hasJenkinsUser() ? "jenkins:!::\n" : "")
        + "nogroup:*::\n";
  }

  /**
   * The entrypoint script, {@value #ENTRYPOINT}.
   *
   * @return the script's content
   */
  public static String entrypointScript() {
    return String.join(
        "\n",
        "#!/bin/sh",
        "# Test stand-in for the Jenkins entrypoint (jenkins-dind integration-test fixture).",
        "set -e",
        "bb=/bin/busybox",
        "home=\"${JENKINS_HOME:-" + JENKINS_HOME + "}\"",
        "secret=\"$home/secrets/initialAdminPassword\"",
        "echo \"jenkins.sh: running as $($bb id)\"",
        "if [ ! -s \"$secret\" ]; then",
        "  $bb mkdir -p \"$home/secrets\"",
        "  $bb od -An -N16 -tx1 /dev/urandom | $bb tr -d ' \\n' > \"$secret\"",
        "  $bb chmod 600 \"$secret\"",
        "  echo '*************************************************************'",
        "  echo 'Jenkins initial setup is required. An admin user has been created and a password generated.'",
        "  echo '" + PASSWORD_BANNER + "'",
        "  echo",
        "  $bb cat \"$secret\"",
        "  echo",
        "  echo",
        "  echo \"This may also be found at: $secret\"",
        "  echo '*************************************************************'",
        "fi",
        "www=/tmp/www",
        "$bb mkdir -p \"$www\"",
        "echo '<html><head><title>Sign in [Jenkins]</title></head><body>Welcome to Jenkins!</body></html>'"
            + " > \"$www/login\"",
        "echo '<html><head><meta http-equiv=\"refresh\" content=\"0; url=/login\"></head></html>'"
            + " > \"$www/index.html\"",
        "echo '" + READY_LINE + "'",
        "exec $bb httpd -f -p " + HTTP_PORT + " -h \"$www\"",
        "");
  }

  private static Built build(
      Spec spec, Containerizer containerizer, String reference, Path tarFile) {
    return build(spec, AMD64, ImageFormat.Docker, containerizer, reference, tarFile);
  }

  /**
   * Builds one platform's image of a spec: the busybox of that architecture ({@link
   * ForeignBinaries#busybox}), the CLI libraries on amd64 only (they are this machine's x86-64
   * files).
   *
   * @param spec the shape and war size
   * @param platform the one platform of the image
   * @param format Docker (Jib's default) or OCI manifests
   * @param containerizer where it goes
   * @param reference its reference, for {@link Built}
   * @param tarFile the tar file the containerizer writes, or null
   * @return the image written
   */
  static Built build(
      Spec spec,
      Platform platform,
      ImageFormat format,
      Containerizer containerizer,
      String reference,
      Path tarFile) {
    try {
      Path cache = Path.of(System.getProperty("java.io.tmpdir"), "jenkins-dind-fixtures-cache");
      JibContainer container =
          builder(spec, platform)
              .setFormat(format)
              .containerize(
                  containerizer
                      .setAllowInsecureRegistries(true)
                      .setBaseImageLayersCache(cache.resolve("base"))
                      .setApplicationLayersCache(cache.resolve("application"))
                      .setToolName("jenkins-dind-it-fixtures"));
      return new Built(
          reference, container.getDigest().toString(), container.getImageId().toString(), tarFile);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot build fixture " + reference + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while building fixture " + reference, e);
    } catch (Exception e) {
      throw new AssertionError(
          "Cannot build fixture "
              + reference
              + ": "
              + e
              + " (perhaps you should run .ci/services.sh: the fixtures need the plain registry and dockerd)",
          e);
    }
  }

  private static JibContainerBuilder builder(Spec spec, Platform platform) throws IOException {
    Variant variant = spec.variant();
    Path dir = staging().resolve(spec.tag());
    Files.createDirectories(dir);
    Path empty = Files.createDirectories(dir.resolve("empty-dir"));

    Path busybox = ForeignBinaries.busybox(platform.getArchitecture());
    FileEntriesLayer.Builder rootfs = FileEntriesLayer.builder().setName("rootfs");
    add(rootfs, busybox, "/bin/busybox", "755", "0:0");
    add(rootfs, busybox, "/bin/sh", "755", "0:0");
    if (platform.equals(AMD64)) {
      for (Map.Entry<String, Path> library : cliLibraries().entrySet()) {
        add(rootfs, library.getValue(), library.getKey(), "755", "0:0");
      }
    }
    add(rootfs, empty, "/root", "700", "0:0");
    add(rootfs, empty, "/tmp", "777", "0:0");
    add(rootfs, empty, "/etc", "755", "0:0");
    add(rootfs, empty, JENKINS_HOME, "755", JENKINS_ID + ":" + JENKINS_ID);
    add(rootfs, write(dir, "passwd", etcPasswd(variant)), "/etc/passwd", "644", "0:0");
    Optional<String> group = etcGroup(variant);
    if (group.isPresent()) {
      add(rootfs, write(dir, "group", group.get()), "/etc/group", "644", "0:0");
    }
    add(rootfs, write(dir, "shadow", etcShadow(variant)), "/etc/shadow", "640", "0:42");
    add(rootfs, write(dir, "gshadow", etcGshadow(variant)), "/etc/gshadow", "640", "0:42");

    FileEntriesLayer.Builder war = FileEntriesLayer.builder().setName("war");
    add(war, warFile(spec.warBytes()), WAR_PATH, "644", "0:0");

    FileEntriesLayer.Builder entrypoint = FileEntriesLayer.builder().setName("entrypoint");
    add(entrypoint, write(dir, "jenkins.sh", entrypointScript()), ENTRYPOINT, "755", "0:0");

    return Jib.fromScratch()
        .setPlatforms(Set.of(platform))
        .setFileEntriesLayers(rootfs.build(), war.build(), entrypoint.build())
        .setUser("jenkins")
        .setEntrypoint(ENTRYPOINT)
        .addEnvironmentVariable("JENKINS_HOME", JENKINS_HOME)
        .addEnvironmentVariable("PATH", "/usr/local/bin:/usr/bin:/bin")
        .addVolume(AbsoluteUnixPath.get(JENKINS_HOME))
        .addExposedPort(Port.tcp(HTTP_PORT))
        .addExposedPort(Port.tcp(AGENT_PORT))
        .addLabel(LABEL, spec.tag())
        .setWorkingDirectory(AbsoluteUnixPath.get(JENKINS_HOME));
  }

  private static void add(
      FileEntriesLayer.Builder layer, Path source, String target, String mode, String owner) {
    layer.addEntry(
        source,
        AbsoluteUnixPath.get(target),
        FilePermissions.fromOctalString(mode),
        FILE_TIME,
        owner);
  }

  private static Path write(Path dir, String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  /**
   * The same pseudo-random bytes for the same size, so that builds are reproducible across JVMs.
   */
  private static Path warFile(long size) throws IOException {
    Path file = staging().resolve("war-" + size + ".bin");
    if (Files.exists(file)) {
      return file;
    }
    SplittableRandom random = new SplittableRandom(size);
    byte[] buffer = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = size; left > 0; left -= buffer.length) {
        for (int i = 0; i < buffer.length; i += 8) {
          long value = random.nextLong();
          for (int b = 0; b < 8; b++) {
            buffer[i + b] = (byte) (value >>> (8 * b));
          }
        }
        out.write(buffer, 0, (int) Math.min(buffer.length, left));
      }
    }
    return file;
  }

  private static void requireSinglePlatform(Spec spec, String where) {
    if (spec.variant().isMultiPlatform()) {
      throw new IllegalArgumentException(
          "Jib cannot write the multi-platform fixture to "
              + where
              + "; perhaps you should use inRegistry("
              + spec.variant()
              + ")");
    }
  }

  private static ImageReference parse(String reference) {
    try {
      return ImageReference.parse(reference);
    } catch (InvalidImageReferenceException e) {
      throw new IllegalArgumentException("Not an image reference: " + reference, e);
    }
  }

  static synchronized Path staging() {
    if (staging == null) {
      try {
        Path dir = Files.createTempDirectory("jenkins-dind-fixtures");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(dir)));
        staging = dir;
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot create a temporary directory for the fixtures", e);
      }
    }
    return staging;
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      List<Path> all = new ArrayList<>(paths.sorted(Comparator.reverseOrder()).toList());
      for (Path path : all) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // best effort: a temporary directory left behind is harmless
    }
  }
}
