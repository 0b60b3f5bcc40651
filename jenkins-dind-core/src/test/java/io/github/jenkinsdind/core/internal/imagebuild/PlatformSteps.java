package io.github.jenkinsdind.core.internal.imagebuild;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.ContainerBuildPlan;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Platform;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.accounts.AccountEdit;
import io.github.jenkinsdind.core.internal.cli.BinaryKind;
import io.github.jenkinsdind.core.internal.cli.ResolvedBinary;
import io.github.jenkinsdind.core.internal.cli.Toolchain;
import io.github.jenkinsdind.core.internal.plugins.JenkinsPluginsResolver;
import io.github.jenkinsdind.core.internal.plugins.PluginSet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Steps of a multi-platform build that do no work, each platform with a base, a CLI and an image
 * digest of its own (the image's is a hash of the platform, its base and its CLI, as a real image's
 * depends on them and on nothing else). A platform's base read may be given a behaviour: to wait,
 * to fail. The rest is {@link FakeSteps}'s.
 */
final class PlatformSteps implements BuildSteps {

  /** What a platform's base read does before it gives the base. */
  @FunctionalInterface
  interface BaseBehaviour {
    /**
     * Runs in the base read.
     *
     * @param platform the platform
     * @throws Exception what the read throws
     */
    void run(ImagePlatform platform) throws Exception;
  }

  final FakeSteps fake;
  final AtomicInteger pluginResolutions = new AtomicInteger();
  final AtomicInteger readsRunning = new AtomicInteger();
  final AtomicInteger mostReadsAtOnce = new AtomicInteger();
  final List<String> writes = new ArrayList<>();
  private final Map<ImagePlatform, BaseBehaviour> behaviours = new ConcurrentHashMap<>();
  private final Map<ImagePlatform, String> jenkinsVersions = new ConcurrentHashMap<>();

  PlatformSteps(Path temp) {
    this.fake = new FakeSteps(temp, Optional.empty());
  }

  PlatformSteps onBase(ImagePlatform platform, BaseBehaviour behaviour) {
    behaviours.put(platform, behaviour);
    return this;
  }

  PlatformSteps jenkins(ImagePlatform platform, String version) {
    jenkinsVersions.put(platform, version);
    return this;
  }

  static String hash(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String baseDigest(ImagePlatform platform) {
    return "sha256:" + hash("base " + platform);
  }

  static String cliSha(ImagePlatform platform) {
    return hash("cli " + platform);
  }

  /**
   * The digest of the image a builder describes: a hash of its platforms, its labels (the base's
   * digest among them) and its layers' files, as a real image's depends on them.
   */
  static String imageDigest(JibContainerBuilder builder) {
    ContainerBuildPlan plan = builder.toContainerBuildPlan();
    StringBuilder text = new StringBuilder();
    plan.getPlatforms()
        .forEach(p -> text.append(p.getOs()).append('/').append(p.getArchitecture()));
    text.append(' ').append(new java.util.TreeMap<>(plan.getLabels()));
    for (var layer : plan.getLayers()) {
      for (var entry : ((FileEntriesLayer) layer).getEntries()) {
        text.append(' ')
            .append(entry.getSourceFile())
            .append('>')
            .append(entry.getExtractionPath());
      }
    }
    return "sha256:" + hash(text.toString());
  }

  /**
   * A writer that records the platform and gives the image's digest.
   *
   * @param platform the platform
   * @return the writer
   */
  TargetWriter writer(ImagePlatform platform) {
    return new PlatformImageWriter(
        (builder, containerizer) -> {
          synchronized (writes) {
            writes.add(platform.toString());
          }
          String digest = imageDigest(builder);
          return new WrittenImage(digest, digest, Set.of());
        },
        ImageFormat.OCI,
        Containerizer.to(
            TarImage.at(Path.of("unused.tar"))
                .named(ImageReference.of(null, "example/jenkins", "1.0"))));
  }

  @Override
  public CheckedRequest check() throws JenkinsDindException {
    return fake.check();
  }

  @Override
  public BaseRoute route(CheckedRequest checked) {
    return fake.route(checked);
  }

  @Override
  public DaemonConnection connect(BaseRoute route) throws JenkinsDindException {
    return fake.connect(route);
  }

  @Override
  public List<ImagePlatform> platforms(CheckedRequest checked) {
    throw new UnsupportedOperationException("the test gives the platforms");
  }

  @Override
  public Optional<io.github.jenkinsdind.core.internal.uptodate.BuildInputs> inputs(
      CheckedRequest checked, DaemonConnection daemon) {
    return Optional.empty();
  }

  @Override
  public Optional<io.github.jenkinsdind.core.api.BuildResult> upToDate(
      io.github.jenkinsdind.core.internal.uptodate.BuildInputs inputs,
      CheckedRequest checked,
      DaemonConnection daemon,
      long start) {
    return Optional.empty();
  }

  @Override
  public void remember(
      io.github.jenkinsdind.core.internal.uptodate.BuildInputs inputs,
      io.github.jenkinsdind.core.api.BuildResult result) {}

  @Override
  public Optional<String> daemonArchitecture(DaemonConnection daemon) {
    throw new UnsupportedOperationException("no daemon");
  }

  @Override
  public StartedPull startPull(CheckedRequest checked, BaseRoute route, DaemonConnection daemon) {
    return StartedPull.none();
  }

  @Override
  public Toolchain prepareCli(ImagePlatform platform, BooleanSupplier baseFailed) {
    String sha = cliSha(platform);
    return new Toolchain(
        new ResolvedBinary(
            BinaryKind.DOCKER_CLI, Path.of("/cache/docker-" + sha), sha, sha, "27.3.1", "test"),
        List.of());
  }

  @Override
  public PluginSet preparePlugins(JenkinsPluginsResolver.BaseVersion baseVersion)
      throws JenkinsDindException {
    pluginResolutions.incrementAndGet();
    String version = baseVersion.get();
    return new PluginSet(List.of(), version, Map.of(), List.of());
  }

  @Override
  public BaseRead readBase(CheckedRequest checked, ImagePlatform platform, StartedPull pull)
      throws JenkinsDindException {
    mostReadsAtOnce.accumulateAndGet(readsRunning.incrementAndGet(), Math::max);
    try {
      BaseBehaviour behaviour = behaviours.get(platform);
      if (behaviour != null) {
        behaviour.run(platform);
      }
    } catch (JenkinsDindException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      readsRunning.decrementAndGet();
    }
    return new BaseRead(
        Map.of(),
        baseDigest(platform),
        List.of(),
        List.of(),
        jenkinsVersions.getOrDefault(platform, "2.479.1"),
        Map.of());
  }

  /**
   * The failure of a platform the base lacks, as the base read throws it.
   *
   * @param platform the platform
   * @return the exception
   */
  static ConfigurationException lacking(ImagePlatform platform) {
    return new ConfigurationException(
        "the base has no " + platform + " image", Setting.PLATFORM, platform.toString(), "");
  }

  @Override
  public void mountBaseLayers(CheckedRequest checked, BaseRead base) {}

  @Override
  public TargetWriter target(
      CheckedRequest checked,
      BaseRoute route,
      DaemonConnection daemon,
      StartedPull pull,
      BaseRead base) {
    throw new UnsupportedOperationException("the platforms' writers are the test's");
  }

  @Override
  public AccountEdit editAccounts(BaseRead base) throws JenkinsDindException {
    return fake.editAccounts(base);
  }

  @Override
  public LayerPlan planLayers(Toolchain cli, AccountEdit edit, PluginSet plugins)
      throws JenkinsDindException {
    return fake.planLayers(cli, edit, plugins);
  }

  @Override
  public JibContainerBuilder assemble(
      CheckedRequest checked,
      DaemonConnection daemon,
      BaseRead base,
      Toolchain cli,
      LayerPlan layers,
      ImagePlatform platform,
      PluginSet plugins) {
    JibContainerBuilder builder =
        Jib.fromScratch()
            .setPlatforms(Set.of(new Platform(platform.architecture(), platform.os())))
            .addLabel("base", base.digest());
    layers.addTo(builder);
    return builder;
  }

  @Override
  public IndexTargets indexTargets(CheckedRequest checked) {
    throw new UnsupportedOperationException("the test's targets");
  }

  @Override
  public Path tmp() {
    return fake.tmp();
  }
}
