package io.github.jenkinsdind.core.internal.imagebuild;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.BuildResult;
import io.github.jenkinsdind.core.api.CredentialProvider;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.ImageTarget;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.internal.accounts.AccountEdit;
import io.github.jenkinsdind.core.internal.accounts.AccountFiles;
import io.github.jenkinsdind.core.internal.base.BaseReference;
import io.github.jenkinsdind.core.internal.cli.BinaryKind;
import io.github.jenkinsdind.core.internal.cli.ResolvedBinary;
import io.github.jenkinsdind.core.internal.cli.Toolchain;
import io.github.jenkinsdind.core.internal.files.CacheLayout;
import io.github.jenkinsdind.core.internal.files.ImageFile;
import io.github.jenkinsdind.core.internal.plugins.JenkinsPluginsResolver;
import io.github.jenkinsdind.core.internal.plugins.PluginSet;
import io.github.jenkinsdind.core.internal.registry.RegistryCredentials;
import io.github.jenkinsdind.core.internal.uptodate.BuildInputs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Steps that do no work: each records its name, in the order called, and gives a fixed value; one
 * may be told to fail. The target is a real {@link TarTargetWriter} whose Jib write is a fake that
 * records {@code write} and writes a few bytes into the temporary tar.
 */
final class FakeSteps implements BuildSteps {
  static final String BASE_DIGEST = "sha256:" + "b".repeat(64);
  static final WrittenImage IMAGE =
      new WrittenImage(
          "sha256:" + "d".repeat(64), "sha256:" + "1".repeat(64), Set.of("latest", "1.0"));
  static final Toolchain CLI =
      new Toolchain(
          new ResolvedBinary(
              BinaryKind.DOCKER_CLI,
              Path.of("/cache/docker"),
              "a".repeat(64),
              "c".repeat(64),
              "27.3.1",
              "test"),
          List.of());

  final List<String> calls = new ArrayList<>();

  /** What {@link #remember} was told, as a record store would keep it. */
  private final Map<String, BuildResult> remembered = new java.util.HashMap<>();

  /** Whether the target still holds a remembered image. */
  volatile boolean targetHolds = true;

  final BuildRequest request;
  private final Path cache;
  private final Optional<String> failing;
  private volatile Optional<Boolean> compressed = Optional.empty();

  /**
   * Steps for a build to a tar file.
   *
   * @param temp a directory of the test's
   * @param failing the step that throws, if any
   */
  FakeSteps(Path temp, Optional<String> failing) {
    this.cache = temp.resolve("cache");
    this.request =
        BuildRequest.from("registry.example.com/jenkins/jenkins:lts")
            .to(ImageTarget.tarFile("example/jenkins:1.0", temp.resolve("out").resolve("j.tar")))
            .cacheDirectory(cache)
            .build();
    this.failing = failing;
  }

  /** Whether the CLI step compressed its layer: empty until it has decided. */
  Optional<Boolean> compressed() {
    return compressed;
  }

  private void call(String step) throws JenkinsDindException {
    synchronized (calls) {
      calls.add(step);
    }
    if (failing.equals(Optional.of(step))) {
      throw new EnvironmentException(step + " failed", new RuntimeException(step));
    }
  }

  private void callUnchecked(String step) {
    try {
      call(step);
    } catch (JenkinsDindException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Returns the steps called, in order.
   *
   * @return the names
   */
  List<String> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  @Override
  public CheckedRequest check() throws JenkinsDindException {
    call("check");
    try {
      return new CheckedRequest(
          BaseReference.parse(request.from()),
          ImageReference.parse(request.target().image()),
          new RegistryCredentials(CredentialProvider.NONE, event -> {}));
    } catch (com.google.cloud.tools.jib.api.InvalidImageReferenceException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public BaseRoute route(CheckedRequest checked) {
    callUnchecked("route");
    return BaseRoute.of(request, checked.base());
  }

  @Override
  public DaemonConnection connect(BaseRoute route) throws JenkinsDindException {
    call("connect");
    return DaemonConnection.none();
  }

  @Override
  public Optional<BuildInputs> inputs(CheckedRequest checked, DaemonConnection daemon) {
    callUnchecked("inputs");
    return Optional.of(new BuildInputs("from: " + request.from() + "\n", "f".repeat(64)));
  }

  @Override
  public Optional<BuildResult> upToDate(
      BuildInputs inputs, CheckedRequest checked, DaemonConnection daemon, long start) {
    callUnchecked("upToDate");
    BuildResult earlier = remembered.get(inputs.fingerprint());
    if (earlier == null || !targetHolds) {
      return Optional.empty();
    }
    return Optional.of(
        new BuildResult(
            earlier.image(),
            earlier.digest(),
            earlier.imageId(),
            earlier.tags(),
            earlier.baseImage(),
            earlier.baseDigest(),
            earlier.dockerCliVersion(),
            earlier.dockerCliSha256(),
            earlier.cliPlugins(),
            earlier.dockerGid(),
            earlier.platformDigests(),
            java.time.Duration.ofNanos(System.nanoTime() - start),
            earlier.jenkinsVersion(),
            earlier.plugins(),
            earlier.pluginsLock(),
            true));
  }

  @Override
  public void remember(BuildInputs inputs, BuildResult result) {
    callUnchecked("remember");
    remembered.put(inputs.fingerprint(), result);
  }

  @Override
  public List<ImagePlatform> platforms(CheckedRequest checked) throws JenkinsDindException {
    call("platforms");
    return request.platforms();
  }

  @Override
  public Optional<String> daemonArchitecture(DaemonConnection daemon) throws JenkinsDindException {
    call("daemonArchitecture");
    return Optional.of("x86_64");
  }

  @Override
  public StartedPull startPull(CheckedRequest checked, BaseRoute route, DaemonConnection daemon) {
    callUnchecked("startPull");
    return StartedPull.none();
  }

  @Override
  public Toolchain prepareCli(ImagePlatform platform, BooleanSupplier baseFailed)
      throws JenkinsDindException {
    call("prepareCli");
    if (failing.equals(Optional.of("readBase"))) {
      // like a slow download: the base fails first, and the layer must then not be compressed
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!baseFailed.getAsBoolean() && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
    }
    compressed = Optional.of(!baseFailed.getAsBoolean());
    return CLI;
  }

  @Override
  public PluginSet preparePlugins(JenkinsPluginsResolver.BaseVersion baseVersion)
      throws JenkinsDindException {
    call("preparePlugins");
    baseVersion.get(); // waits for the base, as the real step does when it resolves
    return PluginSet.NONE;
  }

  @Override
  public BaseRead readBase(CheckedRequest checked, ImagePlatform platform, StartedPull pull)
      throws JenkinsDindException {
    call("readBase");
    return new BaseRead(Map.of(), BASE_DIGEST, List.of());
  }

  @Override
  public void mountBaseLayers(CheckedRequest checked, BaseRead base) {
    callUnchecked("mountBaseLayers");
  }

  @Override
  public TargetWriter target(
      CheckedRequest checked,
      BaseRoute route,
      DaemonConnection daemon,
      StartedPull pull,
      BaseRead base)
      throws JenkinsDindException {
    call("target");
    return new TarTargetWriter(
        checked.target(),
        (ImageTarget.TarFile) request.target(),
        new ContainerizerSettings(request, new CacheLayout(cache), event -> {}),
        (builder, containerizer) -> {
          call("write");
          try (var parts =
              Files.list(((ImageTarget.TarFile) request.target()).file().getParent())) {
            for (Path part : parts.filter(f -> f.toString().endsWith(".part")).toList()) {
              Files.writeString(part, "image", StandardCharsets.UTF_8);
            }
          } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
          }
          return IMAGE;
        });
  }

  @Override
  public AccountEdit editAccounts(BaseRead base) throws JenkinsDindException {
    call("editAccounts");
    return new AccountEdit(
        new AccountFiles(
            new ImageFile(AccountFiles.PASSWD, new byte[0], 0644, 0, 0),
            new ImageFile(AccountFiles.GROUP, new byte[0], 0644, 0, 0),
            null,
            null),
        List.of());
  }

  @Override
  public LayerPlan planLayers(Toolchain cli, AccountEdit edit, PluginSet plugins)
      throws JenkinsDindException {
    call("planLayers");
    return new LayerPlan(
        List.of(LayerPlan.binaryLayer(cli.cli())),
        Optional.empty(),
        FileEntriesLayer.builder().setName("accounts").build());
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
    callUnchecked("assemble");
    return Jib.fromScratch();
  }

  @Override
  public IndexTargets indexTargets(CheckedRequest checked) {
    throw new UnsupportedOperationException("the fake steps build one platform");
  }

  @Override
  public Path tmp() {
    return cache.resolve("tmp");
  }
}
