package io.github.jenkinsdind.core.internal.container;

import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import io.github.jenkinsdind.core.internal.container.ToolchainScript.Outcome;
import io.github.jenkinsdind.core.internal.container.ToolchainScript.Report;
import io.github.jenkinsdind.core.internal.container.ToolchainScript.Step;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Judges the toolchain steps of {@code check} ({@link ToolchainScript}) on top of the verdict of
 * {@code docker version}: a pure function of what the script printed.
 */
final class ToolchainVerdict {
  private static final int MAX_OUTPUT = 600;
  private static final Pattern TOO_NEW =
      Pattern.compile(
          "client version ([0-9.]+) is too new\\. Maximum supported API version is ([0-9.]+)");
  private static final Pattern TOO_OLD =
      Pattern.compile(
          "client version ([0-9.]+) is too old\\. Minimum supported API version is ([0-9.]+)");

  private ToolchainVerdict() {}

  /**
   * Judges the toolchain.
   *
   * @param versionVerdict the verdict of {@code docker version}, a pass
   * @param report what the script printed
   * @param exitCode the script's exit code
   * @param stderr its standard error (what a shell says before any step ran)
   * @return the verdict: a pass that names every step and version, or a failure at one step
   */
  static CheckVerdict judge(
      CheckVerdict versionVerdict, Report report, int exitCode, String stderr) {
    Optional<Outcome> failure = report.failure();
    if (failure.isPresent()) {
      return failed(versionVerdict, failure.get());
    }
    if (exitCode != 0 || report.output(Step.BUILD).isEmpty()) {
      return new CheckVerdict(
          false,
          versionVerdict.serverVersion(),
          "The toolchain check could not run in the image (exit code "
              + exitCode
              + "): "
              + shorten((stderr + " " + report.outcomes()).strip())
              + ". It needs a POSIX sh in the image.",
          Optional.empty());
    }
    StringBuilder text = new StringBuilder(versionVerdict.diagnosis());
    report
        .output(Step.VERSION)
        .ifPresent(v -> text.append(" Client, server, API: ").append(v).append('.'));
    text.append(" Build: ")
        .append(report.output(Step.BUILDX_VERSION).orElse("buildx"))
        .append(" built FROM the image with BuildKit.");
    if (report.composeAbsent()) {
      text.append(" Compose: not in the image, not checked.");
    } else {
      text.append(" Compose: ")
          .append(report.output(Step.COMPOSE_VERSION).orElse("compose"))
          .append(" ran up -d and down of a one-service project.");
    }
    return new CheckVerdict(
        true, versionVerdict.serverVersion(), text.toString(), Optional.empty());
  }

  private static CheckVerdict failed(CheckVerdict versionVerdict, Outcome failure) {
    Step step = failure.step();
    String output = failure.output();
    String where = "The " + step.phase() + " step failed at `" + step.command() + "`";
    Matcher tooNew = TOO_NEW.matcher(output);
    Matcher tooOld = TOO_OLD.matcher(output);
    String diagnosis;
    Suggestion fix;
    if (tooNew.find()) {
      diagnosis =
          where
              + ": the client in the image speaks API "
              + tooNew.group(1)
              + ", newer than the daemon's maximum, "
              + tooNew.group(2)
              + ".";
      fix =
          Suggestion.perhaps()
              .text(
                  "build the image with a docker CLI whose API is at most "
                      + tooNew.group(2)
                      + " (")
              .setting(Setting.DOCKER_VERSION)
              .text("), or update the Docker Engine")
              .build();
    } else if (tooOld.find()) {
      diagnosis =
          where
              + ": the client in the image speaks API "
              + tooOld.group(1)
              + ", older than the daemon's minimum, "
              + tooOld.group(2)
              + ".";
      fix =
          Suggestion.perhaps()
              .text("build the image with a newer docker CLI (")
              .setting(Setting.DOCKER_VERSION)
              .text(")")
              .build();
    } else if (step == Step.BUILD && output.contains("moby/buildkit")) {
      diagnosis =
          where
              + ": the daemon has no BuildKit of its own (Podman's API, for one), so buildx started"
              + " a BuildKit container, and the moby/buildkit image it needs is not there: "
              + shorten(output);
      fix =
          Suggestion.perhaps()
              .text(
                  "let the daemon pull moby/buildkit:buildx-stable-1 (or load it there), so that"
                      + " docker build works in Jenkins jobs, or set ")
              .setting(Setting.CHECK_TOOLCHAIN)
              .text(" to false to check docker version only")
              .build();
    } else if (step == Step.BUILDX_VERSION && notACommand(output)) {
      diagnosis =
          where
              + ": the image has no buildx plugin, and docker build needs it since Docker 23"
              + " (BuildKit): "
              + shorten(output);
      fix =
          Suggestion.perhaps()
              .text("add buildx to ")
              .setting(Setting.CLI_PLUGINS)
              .text(" (it is there by default) and rebuild the image with ")
              .run(Suggestion.Operation.BUILD)
              .build();
    } else {
      diagnosis = where + " in the image: " + shorten(output);
      fix =
          Suggestion.perhaps()
              .text(
                  "run `"
                      + step.command()
                      + "` by hand in a container of the image, as its user, with the socket"
                      + " mounted, to see more")
              .build();
    }
    return new CheckVerdict(
        false,
        versionVerdict.serverVersion(),
        diagnosis + " (docker version passed: " + versionVerdict.diagnosis() + ")",
        Optional.of(fix));
  }

  private static boolean notACommand(String output) {
    return output.contains("is not a docker command") || output.contains("unknown command");
  }

  private static String shorten(String text) {
    String flat = text.strip().replaceAll("\\s+", " ");
    return flat.length() <= MAX_OUTPUT ? flat : flat.substring(0, MAX_OUTPUT) + " …";
  }
}
