package io.github.jenkinsdind.core.internal.imagebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.EnvironmentException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BackgroundTest {

  @Test
  void joinGivesTheValueOfTheWork() throws Exception {
    try (Background<String> background = Background.start("answer", () -> "forty-two")) {
      assertThat(background.join()).isEqualTo("forty-two");
      assertThat(background.isDone()).isTrue();
      // a second join gives the same value
      assertThat(background.join()).isEqualTo("forty-two");
    }
  }

  @Test
  void aJenkinsDindExceptionOfTheWorkComesOutOfJoinUnchanged() {
    ConfigurationException failure =
        new ConfigurationException("bad setting", null, "x", "perhaps you should fix it");
    try (Background<String> background =
        Background.start(
            "failing work",
            () -> {
              throw failure;
            })) {
      assertThatThrownBy(background::join).isSameAs(failure);
      assertThat(background.isDone()).isTrue();
    }
  }

  @Test
  void aRuntimeExceptionOfTheWorkComesOutWrappedInAnEnvironmentException() {
    IllegalStateException failure = new IllegalStateException("broken");
    try (Background<String> background =
        Background.start(
            "crashing work",
            () -> {
              throw failure;
            })) {
      Throwable thrown = catchThrowable(background::join);
      assertThat(thrown)
          .isInstanceOf(EnvironmentException.class)
          .hasMessageContaining("crashing work");
      assertThat(thrown.getCause()).isSameAs(failure);
    }
  }

  @Test
  void closeWaitsUntilTheWorkHasEnded() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean sideEffect = new AtomicBoolean();
    Background<Void> background =
        Background.start(
            "slow work",
            () -> {
              started.countDown();
              try {
                release.await();
                Thread.sleep(50); // still busy a little after being released
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              sideEffect.set(true);
              return null;
            });
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(background.isDone()).isFalse();

    Thread releaser =
        new Thread(
            () -> {
              try {
                Thread.sleep(300);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              release.countDown();
            });
    releaser.start();
    long start = System.nanoTime();
    background.close();
    long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(sideEffect).isTrue();
    assertThat(background.isDone()).isTrue();
    assertThat(waitedMillis).isGreaterThanOrEqualTo(200);
    releaser.join();
  }

  @Test
  void theWorkRunsOnAThreadOfItsOwnNamedAfterIt() throws Exception {
    AtomicReference<Thread> worker = new AtomicReference<>();
    try (Background<String> background =
        Background.start(
            "docker CLI layer",
            () -> {
              worker.set(Thread.currentThread());
              return Thread.currentThread().getName();
            })) {
      String name = background.join();
      assertThat(worker.get()).isNotSameAs(Thread.currentThread());
      assertThat(worker.get().isDaemon()).isTrue();
      assertThat(name).startsWith("jenkins-dind-").isEqualTo("jenkins-dind-docker-CLI-layer");
    }
  }
}
