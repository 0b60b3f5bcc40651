package io.github.jenkinsdind.core.internal.imagebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MultiPlatformBuild} with steps that do no work ({@link PlatformSteps}): the platforms are
 * prepared and written at once, the results do not depend on the order the platforms end in, a
 * failing platform cancels the others and writes nothing, and the Jenkins plugins are resolved
 * once.
 */
class MultiPlatformBuildTest {
  private static final ImagePlatform AMD64 = ImagePlatform.LINUX_AMD64;
  private static final ImagePlatform ARM64 = new ImagePlatform("linux", "arm64");
  private static final ImagePlatform PPC64LE = new ImagePlatform("linux", "ppc64le");
  private static final List<ImagePlatform> PLATFORMS = List.of(AMD64, ARM64, PPC64LE);

  @TempDir Path temp;

  private final List<Event> events = Collections.synchronizedList(new ArrayList<>());

  /** Targets that record what is written, and give the index the hash of its platforms' digests. */
  private static final class Targets implements PlatformTargets {
    private final PlatformSteps steps;
    final List<IndexTargets.Written> index = new ArrayList<>();
    boolean indexWritten;

    Targets(PlatformSteps steps) {
      this.steps = steps;
    }

    @Override
    public TargetWriter platformWriter(ImagePlatform platform, Path ociTar) {
      return steps.writer(platform);
    }

    @Override
    public IndexTargets.WrittenIndex writeIndex(
        List<IndexTargets.Written> images, List<Path> ociTars) {
      indexWritten = true;
      index.addAll(images);
      StringBuilder text = new StringBuilder();
      images.forEach(i -> text.append(i.platform()).append('=').append(i.image().digest()));
      return new IndexTargets.WrittenIndex(
          "sha256:" + PlatformSteps.hash(text.toString()), List.of("1.0"));
    }
  }

  private MultiPlatformBuild.Outcome build(
      PlatformSteps steps, Targets targets, int parallelism, List<ImagePlatform> platforms)
      throws JenkinsDindException {
    CheckedRequest checked = steps.check();
    BaseRoute route = steps.route(checked);
    PlatformBuild platformBuild = new PlatformBuild(steps, checked, route, DaemonConnection.none());
    return new MultiPlatformBuild(
            platformBuild,
            targets,
            temp.resolve("tmp"),
            new PlatformEvents(events::add),
            new PlatformTasks(parallelism))
        .run(platforms);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void thePlatformsAreReadAtOnce() throws Exception {
    CountDownLatch bothReading = new CountDownLatch(2);
    PlatformSteps.BaseBehaviour waitForTheOther =
        platform -> {
          bothReading.countDown();
          assertThat(bothReading.await(10, TimeUnit.SECONDS))
              .as("the other platform's base is read at the same time")
              .isTrue();
        };
    PlatformSteps steps =
        new PlatformSteps(temp).onBase(AMD64, waitForTheOther).onBase(ARM64, waitForTheOther);
    Targets targets = new Targets(steps);

    build(steps, targets, 2, List.of(AMD64, ARM64));

    assertThat(steps.mostReadsAtOnce).hasValue(2);
    assertThat(steps.writes).containsExactlyInAnyOrder("linux/amd64", "linux/arm64");
  }

  @Test
  void theResultsAreInTheRequestsOrderAndTheSameAsOnePlatformAtATime() throws Exception {
    // the last platform ends first, the first last
    PlatformSteps concurrent =
        new PlatformSteps(temp)
            .onBase(AMD64, p -> sleep(300))
            .onBase(ARM64, p -> sleep(150))
            .onBase(PPC64LE, p -> sleep(0));
    Targets concurrentTargets = new Targets(concurrent);
    PlatformSteps sequential = new PlatformSteps(temp);
    Targets sequentialTargets = new Targets(sequential);

    MultiPlatformBuild.Outcome atOnce = build(concurrent, concurrentTargets, 3, PLATFORMS);
    MultiPlatformBuild.Outcome oneByOne = build(sequential, sequentialTargets, 1, PLATFORMS);

    assertThat(atOnce.platforms())
        .extracting(IndexTargets.Written::platform)
        .containsExactlyElementsOf(PLATFORMS);
    assertThat(concurrentTargets.index)
        .extracting(IndexTargets.Written::platform)
        .containsExactlyElementsOf(PLATFORMS);
    assertThat(atOnce.platforms()).isEqualTo(oneByOne.platforms());
    assertThat(atOnce.index()).isEqualTo(oneByOne.index());
    for (int i = 0; i < PLATFORMS.size(); i++) {
      ImagePlatform platform = PLATFORMS.get(i);
      assertThat(atOnce.outcomes().get(i).base().digest())
          .isEqualTo(PlatformSteps.baseDigest(platform));
      assertThat(atOnce.outcomes().get(i).cli().cli().binarySha256())
          .isEqualTo(PlatformSteps.cliSha(platform));
    }
    assertThat(atOnce.platforms()).extracting(w -> w.image().digest()).doesNotHaveDuplicates();
    assertThat(concurrent.mostReadsAtOnce.get()).isGreaterThan(1);
    assertThat(sequential.mostReadsAtOnce).hasValue(1);
  }

  @Test
  void aFailingPlatformCancelsTheOthersAndWritesNothing() throws Exception {
    AtomicBoolean amd64Ended = new AtomicBoolean();
    AtomicBoolean amd64Interrupted = new AtomicBoolean();
    PlatformSteps steps =
        new PlatformSteps(temp)
            .onBase(
                AMD64,
                p -> {
                  try {
                    Thread.sleep(TimeUnit.SECONDS.toMillis(30)); // a long base read
                  } catch (InterruptedException e) {
                    amd64Interrupted.set(true);
                    throw new IllegalStateException("interrupted", e);
                  } finally {
                    amd64Ended.set(true);
                  }
                })
            .onBase(
                ARM64,
                p -> {
                  sleep(100);
                  throw PlatformSteps.lacking(p);
                });
    Targets targets = new Targets(steps);
    long start = System.nanoTime();

    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class, () -> build(steps, targets, 2, PLATFORMS));

    assertThat(e.setting()).contains(Setting.PLATFORMS);
    assertThat(e.getMessage()).contains("has no linux/arm64 image");
    assertThat(amd64Interrupted).as("the other platform is cancelled").isTrue();
    assertThat(amd64Ended).as("and has ended when the build returns").isTrue();
    assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(20));
    assertThat(steps.writes).as("no platform is written").isEmpty();
    assertThat(targets.indexWritten).isFalse();
  }

  @Test
  void theFirstPlatformsFailureIsReportedNotTheOthersWaitForThePlugins() throws Exception {
    PlatformSteps steps =
        new PlatformSteps(temp)
            .onBase(
                AMD64,
                p -> {
                  sleep(200);
                  throw PlatformSteps.lacking(p);
                });
    Targets targets = new Targets(steps);

    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class, () -> build(steps, targets, 2, List.of(AMD64, ARM64)));

    assertThat(e.getMessage()).contains("has no linux/amd64 image");
    assertThat(e.setting()).contains(Setting.PLATFORMS);
    assertThat(steps.writes).isEmpty();
  }

  @Test
  void theJenkinsPluginsAreResolvedOnceForEveryPlatform() throws Exception {
    PlatformSteps steps = new PlatformSteps(temp);

    MultiPlatformBuild.Outcome outcome = build(steps, new Targets(steps), 2, PLATFORMS);

    assertThat(steps.pluginResolutions).hasValue(1);
    assertThat(outcome.outcomes())
        .extracting(o -> o.plugins().jenkinsVersion())
        .containsOnly("2.479.1");
  }

  @Test
  void aPlatformWithAnotherJenkinsHasItsPluginsResolvedForIt() throws Exception {
    PlatformSteps steps = new PlatformSteps(temp).jenkins(ARM64, "2.480");

    MultiPlatformBuild.Outcome outcome = build(steps, new Targets(steps), 2, PLATFORMS);

    assertThat(steps.pluginResolutions).hasValue(2);
    assertThat(outcome.outcomes())
        .extracting(o -> o.plugins().jenkinsVersion())
        .containsExactly("2.479.1", "2.480", "2.479.1");
  }

  @Test
  void theEventsOfEachPlatformNameIt() throws Exception {
    PlatformSteps steps = new PlatformSteps(temp);

    build(steps, new Targets(steps), 2, List.of(AMD64, ARM64));

    assertThat(events)
        .filteredOn(event -> event instanceof Event.Log)
        .extracting(event -> ((Event.Log) event).message())
        .contains(
            "Preparing the linux/amd64 image",
            "Preparing the linux/arm64 image",
            "Writing the linux/amd64 image",
            "Writing the linux/arm64 image");
  }
}
