package io.github.jenkinsdind.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs external programs (skopeo, umoci, the docker CLI, mvn) for the integration tests, with a
 * timeout, capturing stdout and stderr.
 *
 * <pre>{@code
 * Commands.Result r = Commands.run(Duration.ofSeconds(30), "skopeo", "inspect", "--tls-verify=false", "docker://...");
 * String json = Commands.stdout(Duration.ofSeconds(30), "docker", "inspect", "some-image");   // fails on exit != 0
 * Commands.of("mvn", "-B", "package").directory(projectDir).env("JAVA_HOME", home)
 *         .timeout(Duration.ofMinutes(5)).runOrFail();
 * }</pre>
 *
 * <p>A program that outlives its timeout is killed (with its child processes) and the call throws
 * an {@link AssertionError} carrying the output it had printed, so a hung command fails the test
 * instead of hanging it.
 */
public final class Commands {

  /**
   * The timeout of {@link #of(String...)} unless changed with {@link Invocation#timeout(Duration)}.
   */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

  private Commands() {}

  /**
   * Starts describing a command; nothing runs until {@link Invocation#run()} or {@link
   * Invocation#runOrFail()}.
   *
   * @param command the program and its arguments
   * @return an invocation with the default timeout, the current directory and the inherited
   *     environment
   */
  public static Invocation of(String... command) {
    return new Invocation(List.of(command), DEFAULT_TIMEOUT, null, Map.of(), null);
  }

  /**
   * Starts describing a command given as a list.
   *
   * @param command the program and its arguments
   * @return an invocation with the default timeout, the current directory and the inherited
   *     environment
   */
  public static Invocation of(List<String> command) {
    return new Invocation(List.copyOf(command), DEFAULT_TIMEOUT, null, Map.of(), null);
  }

  /**
   * Runs a command and returns its result whatever its exit code.
   *
   * @param timeout how long it may run
   * @param command the program and its arguments
   * @return exit code and output
   */
  public static Result run(Duration timeout, String... command) {
    return of(command).timeout(timeout).run();
  }

  /**
   * Runs a command and fails if it exits non-zero.
   *
   * @param timeout how long it may run
   * @param command the program and its arguments
   * @return exit code (0) and output
   * @throws AssertionError with the command and its output if the exit code is not 0
   */
  public static Result runOrFail(Duration timeout, String... command) {
    return of(command).timeout(timeout).runOrFail();
  }

  /**
   * Runs a command, fails if it exits non-zero, and returns its stdout without surrounding
   * whitespace.
   *
   * @param timeout how long it may run
   * @param command the program and its arguments
   * @return the trimmed stdout
   * @throws AssertionError with the command and its output if the exit code is not 0
   */
  public static String stdout(Duration timeout, String... command) {
    return runOrFail(timeout, command).stdout().strip();
  }

  /**
   * An immutable description of one command to run.
   *
   * @param command the program and its arguments
   * @param timeout how long it may run
   * @param directory its working directory, or null for the current one
   * @param environment variables added to (or replacing those of) the inherited environment
   * @param input text written to its stdin, or null for an empty stdin
   */
  public record Invocation(
      List<String> command,
      Duration timeout,
      Path directory,
      Map<String, String> environment,
      String input) {

    /**
     * Copies the invocation with another timeout.
     *
     * @param value how long it may run
     * @return the new invocation
     */
    public Invocation timeout(Duration value) {
      return new Invocation(command, value, directory, environment, input);
    }

    /**
     * Copies the invocation with another working directory.
     *
     * @param value the working directory
     * @return the new invocation
     */
    public Invocation directory(Path value) {
      return new Invocation(command, timeout, value, environment, input);
    }

    /**
     * Copies the invocation with one more environment variable.
     *
     * @param name the variable
     * @param value its value
     * @return the new invocation
     */
    public Invocation env(String name, String value) {
      Map<String, String> copy = new LinkedHashMap<>(environment);
      copy.put(name, value);
      return new Invocation(command, timeout, directory, Map.copyOf(copy), input);
    }

    /**
     * Copies the invocation with text to write to its stdin.
     *
     * @param value the text (UTF-8)
     * @return the new invocation
     */
    public Invocation input(String value) {
      return new Invocation(command, timeout, directory, environment, value);
    }

    /**
     * Runs the command and returns its result whatever its exit code.
     *
     * @return exit code and output
     * @throws AssertionError if it cannot start or outlives its timeout (it is then killed)
     */
    public Result run() {
      ProcessBuilder builder = new ProcessBuilder(command);
      if (directory != null) {
        builder.directory(directory.toFile());
      }
      builder.environment().putAll(environment);
      Process process;
      try {
        process = builder.start();
      } catch (IOException e) {
        throw new AssertionError(
            "Cannot start "
                + command
                + ": "
                + e.getMessage()
                + "; perhaps you should run .ci/services.sh, which installs the tools the tests use",
            e);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Thread outReader = copier(process.getInputStream(), out);
      Thread errReader = copier(process.getErrorStream(), err);
      try {
        try (OutputStream stdin = process.getOutputStream()) {
          if (input != null) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
          }
        } catch (IOException e) {
          // the program closed its stdin early; its exit code and output tell the rest
        }
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly();
          process.waitFor(10, TimeUnit.SECONDS);
          outReader.join(2000);
          errReader.join(2000);
          throw new AssertionError(
              "Timed out after "
                  + timeout
                  + ": "
                  + String.join(" ", command)
                  + "\n--- stdout so far ---\n"
                  + text(out)
                  + "\n--- stderr so far ---\n"
                  + text(err));
        }
        outReader.join();
        errReader.join();
      } catch (InterruptedException e) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted while running " + command, e);
      }
      return new Result(command, process.exitValue(), text(out), text(err));
    }

    /**
     * Runs the command and fails if it exits non-zero.
     *
     * @return exit code (0) and output
     * @throws AssertionError with the command and its output if the exit code is not 0
     */
    public Result runOrFail() {
      Result result = run();
      if (!result.succeeded()) {
        throw new AssertionError("Command failed: " + result.describe());
      }
      return result;
    }

    private static Thread copier(InputStream from, ByteArrayOutputStream to) {
      Thread thread =
          new Thread(
              () -> {
                try (from) {
                  from.transferTo(to);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              },
              "command-output");
      thread.setDaemon(true);
      thread.start();
      return thread;
    }

    private static String text(ByteArrayOutputStream bytes) {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  /**
   * What a finished command did.
   *
   * @param command the program and its arguments
   * @param exitCode its exit code
   * @param stdout everything it printed on stdout (UTF-8)
   * @param stderr everything it printed on stderr (UTF-8)
   */
  public record Result(List<String> command, int exitCode, String stdout, String stderr) {

    /**
     * @return whether the exit code is 0
     */
    public boolean succeeded() {
      return exitCode == 0;
    }

    /**
     * @return stdout followed by stderr, for assertions that do not care which stream
     */
    public String output() {
      return stdout + stderr;
    }

    /**
     * @return the command, its exit code and its output, for failure messages
     */
    public String describe() {
      return String.join(" ", command)
          + "\nexit code "
          + exitCode
          + "\n--- stdout ---\n"
          + stdout
          + "\n--- stderr ---\n"
          + stderr;
    }
  }
}
