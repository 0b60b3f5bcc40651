package io.github.jenkinsdind.it.faults;

import io.github.jenkinsdind.it.maven.TestProject;
import io.github.jenkinsdind.it.maven.TestProject.MavenRun;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One Maven run of a {@link TestProject} (forked by the Maven Verifier, as every Maven-level test
 * does) going on in the background, so that a test can break something while it runs, or kill it.
 *
 * <pre>{@code
 * BackgroundMaven build = BackgroundMaven.start(project, "package");
 * registry.awaitLog("/blobs/uploads/", Duration.ofMinutes(2));
 * build.killMaven();                                  // SIGKILL, as the OOM killer or a power cut would
 * MavenRun run = build.await(Duration.ofMinutes(1));
 * }</pre>
 */
final class BackgroundMaven {
  private final CompletableFuture<MavenRun> run;

  private BackgroundMaven(CompletableFuture<MavenRun> run) {
    this.run = run;
  }

  /**
   * Starts Maven on a project in another thread.
   *
   * @param project the project
   * @param arguments goals, phases and options
   * @return the run going on
   */
  static BackgroundMaven start(TestProject project, String... arguments) {
    CompletableFuture<MavenRun> future = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                future.complete(project.mvn(arguments));
              } catch (Throwable t) {
                future.completeExceptionally(t);
              }
            },
            "background-maven");
    thread.setDaemon(true);
    thread.start();
    return new BackgroundMaven(future);
  }

  /**
   * @return whether Maven has finished (or failed to start)
   */
  boolean isDone() {
    return run.isDone();
  }

  /**
   * Kills the Maven JVM of this test's forked runs with SIGKILL: no shutdown hook, no finally block
   * runs in it. Only this JVM's own descendants are looked at, so other builds on the machine are
   * never touched.
   *
   * @return the process ids killed (at least one)
   * @throws AssertionError if no Maven JVM is running
   */
  List<Long> killMaven() {
    List<ProcessHandle> mavens =
        ProcessHandle.current().descendants().filter(BackgroundMaven::isMavenJvm).toList();
    if (mavens.isEmpty()) {
      throw new AssertionError(
          "no Maven JVM is running under this test JVM (Maven done: " + isDone() + ")");
    }
    for (ProcessHandle maven : mavens) {
      maven.destroyForcibly();
    }
    for (ProcessHandle maven : mavens) {
      try {
        maven.onExit().get(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted while killing Maven", e);
      } catch (ExecutionException | TimeoutException e) {
        throw new AssertionError("Maven (pid " + maven.pid() + ") did not die from SIGKILL", e);
      }
    }
    return mavens.stream().map(ProcessHandle::pid).toList();
  }

  /**
   * Waits for Maven to end.
   *
   * @param timeout how long to wait
   * @return the run, whatever its outcome
   */
  MavenRun await(Duration timeout) {
    try {
      return run.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while waiting for Maven", e);
    } catch (ExecutionException e) {
      throw new AssertionError("Maven could not be run", e.getCause());
    } catch (TimeoutException e) {
      killMaven();
      throw new AssertionError("Maven did not end within " + timeout + " (killed)", e);
    }
  }

  /** A JVM started by the {@code mvn} script: it runs plexus-classworlds' launcher. */
  private static boolean isMavenJvm(ProcessHandle process) {
    ProcessHandle.Info info = process.info();
    boolean java = info.command().map(c -> c.endsWith("/java")).orElse(false);
    boolean classworlds =
        info.arguments()
            .map(
                args ->
                    List.of(args).stream()
                        .anyMatch(
                            a ->
                                a.contains("plexus-classworlds")
                                    || a.equals(
                                        "org.codehaus.plexus.classworlds.launcher.Launcher")))
            .orElse(false);
    return java && classworlds;
  }
}
