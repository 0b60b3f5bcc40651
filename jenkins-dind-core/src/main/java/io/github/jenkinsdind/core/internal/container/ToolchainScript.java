package io.github.jenkinsdind.core.internal.container;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The shell script {@code check} runs in a throwaway container, as the image's user, to prove the
 * docker toolchain a Jenkins job uses, through the mounted socket: {@code docker version}, then the
 * build step ({@code docker buildx version} and a real BuildKit build of a one-line Dockerfile
 * whose {@code FROM} is the checked image, which the daemon holds), then, when the image has the
 * compose plugin, the compose step ({@code docker compose version}, {@code up -d} and {@code down}
 * of a one-service project). It removes what it made, also when a step fails. Each command's
 * outcome is printed behind a marker line, which {@link #parse} reads back.
 *
 * @param docker the docker CLI's path in the image
 * @param socket the socket's path in the container
 * @param image the image checked (also the {@code FROM} of the build and the compose service)
 * @param id a short unique name part for what the script makes
 */
public record ToolchainScript(String docker, String socket, String image, String id) {
  static final String MARKER = "@@jenkins-dind ";

  /** The steps, in order: the phase a command belongs to, and the command in words. */
  enum Step {
    /** {@code docker version}. */
    VERSION("version", "docker version"),
    /** {@code docker buildx version}. */
    BUILDX_VERSION("build", "docker buildx version"),
    /** {@code docker buildx build}. */
    BUILD("build", "docker buildx build"),
    /** {@code docker compose version}. */
    COMPOSE_VERSION("compose", "docker compose version"),
    /** {@code docker compose up -d}. */
    COMPOSE_UP("compose", "docker compose up -d"),
    /** {@code docker compose down}. */
    COMPOSE_DOWN("compose", "docker compose down");

    private final String phase;
    private final String command;

    Step(String phase, String command) {
      this.phase = phase;
      this.command = command;
    }

    /** The phase: {@code version}, {@code build} or {@code compose}. */
    String phase() {
      return phase;
    }

    /** The command in words. */
    String command() {
      return command;
    }
  }

  /**
   * One command's outcome.
   *
   * @param step the step
   * @param passed whether it exited 0
   * @param output its first line on success, its whole output on failure
   */
  record Outcome(Step step, boolean passed, String output) {}

  /**
   * What the script printed, read back.
   *
   * @param outcomes the commands run, in order; the last one failed if any did
   * @param composeAbsent whether the image has no compose plugin (its step was not run)
   */
  record Report(List<Outcome> outcomes, boolean composeAbsent) {
    /** The failed command, if one failed. */
    Optional<Outcome> failure() {
      return outcomes.stream().filter(o -> !o.passed()).findFirst();
    }

    /** The first line of a passed command's output. */
    Optional<String> output(Step step) {
      return outcomes.stream()
          .filter(o -> o.step() == step && o.passed())
          .map(Outcome::output)
          .findFirst();
    }
  }

  /** Checks the parts. */
  public ToolchainScript {
    Objects.requireNonNull(docker, "docker");
    Objects.requireNonNull(socket, "socket");
    Objects.requireNonNull(image, "image");
    if (!id.matches("[a-z0-9]{4,32}")) {
      throw new IllegalArgumentException("id: " + id);
    }
  }

  /**
   * Returns the container's command.
   *
   * @return {@code sh -c SCRIPT}
   */
  List<String> command() {
    return List.of("sh", "-c", script());
  }

  private String script() {
    String tag = "jenkins-dind-check-" + id;
    // Shell builtins only (printf, read, test): the image may have no coreutils. The compose
    // project goes to compose on its standard input, so nothing is written in the image.
    return String.join(
        "\n",
        "D=" + quote(docker),
        "export DOCKER_HOST=" + quote("unix://" + socket),
        "IMG=" + quote(image),
        "T=" + tag,
        "NL=$(printf '\\n_'); NL=${NL%_}",
        "project() {",
        "  printf 'services:\\n  probe:\\n    image: %s\\n'" + " \"$IMG\"",
        "  printf '    entrypoint: [\"sh\", \"-c\", \"sleep 60 || exit 0\"]\\n'",
        "}",
        "cleanup() {",
        "  \"$D\" image rm -f \"$T:check\" >/dev/null 2>&1",
        "  project | \"$D\" compose -p \"$T\" -f - down --timeout 0 >/dev/null 2>&1",
        "}",
        "step() {",
        "  s=$1; shift",
        "  out=$(\"$@\" 2>&1); rc=$?",
        "  if [ $rc -ne 0 ]; then",
        "    printf '" + MARKER + "failed %s\\n%s\\n' \"$s\" \"$out\"; cleanup; exit 1",
        "  fi",
        "  printf '" + MARKER + "ok %s %s\\n' \"$s\" \"${out%%\"$NL\"*}\"",
        "}",
        "build() {",
        "  printf 'FROM %s\\n' \"$IMG\" | \"$D\" buildx build --progress=plain -t \"$T:check\" -",
        "}",
        "up() { project | \"$D\" compose -p \"$T\" -f - up -d; }",
        "down() { project | \"$D\" compose -p \"$T\" -f - down --timeout 0; }",
        "step VERSION \"$D\" version --format '{{.Client.Version}} {{.Server.Version}}"
            + " {{.Server.APIVersion}}'",
        "step BUILDX_VERSION \"$D\" buildx version",
        "step BUILD build",
        "\"$D\" image rm -f \"$T:check\" >/dev/null 2>&1",
        "compose=",
        "for d in /usr/local/lib/docker/cli-plugins /usr/local/libexec/docker/cli-plugins"
            + " /usr/lib/docker/cli-plugins /usr/libexec/docker/cli-plugins"
            + " \"${HOME:-/nonexistent}/.docker/cli-plugins\"; do",
        "  if [ -e \"$d/docker-compose\" ]; then compose=1; fi",
        "done",
        "if [ -z \"$compose\" ]; then printf '" + MARKER + "absent compose\\n'; exit 0; fi",
        "step COMPOSE_VERSION \"$D\" compose version",
        "step COMPOSE_UP up",
        "step COMPOSE_DOWN down",
        "");
  }

  private static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }

  /**
   * Reads what the script printed.
   *
   * @param stdout its standard output
   * @return the report: the commands run in order, and whether compose was absent
   */
  static Report parse(String stdout) {
    List<Outcome> outcomes = new ArrayList<>();
    boolean composeAbsent = false;
    String[] lines = stdout.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (!line.startsWith(MARKER)) {
        continue;
      }
      String[] words = line.substring(MARKER.length()).split(" ", 3);
      if (words[0].equals("absent")) {
        composeAbsent = true;
      } else if (words[0].equals("ok") && words.length >= 2) {
        outcomes.add(new Outcome(Step.valueOf(words[1]), true, words.length > 2 ? words[2] : ""));
      } else if (words[0].equals("failed") && words.length >= 2) {
        StringBuilder output = new StringBuilder();
        for (int j = i + 1; j < lines.length && !lines[j].startsWith(MARKER); j++) {
          output.append(lines[j]).append('\n');
        }
        outcomes.add(new Outcome(Step.valueOf(words[1]), false, output.toString().strip()));
        break;
      }
    }
    return new Report(outcomes, composeAbsent);
  }
}
