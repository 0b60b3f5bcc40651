package io.github.jenkinsdind.it.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jenkinsdind.it.support.DockerCliServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.maven.shared.verifier.VerificationException;
import org.apache.maven.shared.verifier.Verifier;

/**
 * A copy of one of the small projects under {@code src/test/projects}, with its {@code @name@}
 * tokens filled in, and the Maven runs on it: each forks the system {@code mvn} (as a user would
 * run it) through the Maven Verifier and keeps its log in the project directory.
 *
 * <p>The token {@code @pluginVersion@} is always filled in with the version of the plugin on the
 * test class path (the one the reactor just installed).
 */
public final class TestProject {
  private static final Path SOURCES = Path.of("src", "test", "projects");
  private static final Pattern TOKEN = Pattern.compile("@([A-Za-z0-9]+)@");

  private final Path directory;
  private int runs;

  private TestProject(Path directory) {
    this.directory = directory;
  }

  /**
   * Copies the {@code build} project (one module with the build goal bound to {@code package}) and
   * fills in its tokens.
   *
   * @param into where the copy goes (a new directory {@code build} is made in it)
   * @param base the base image ({@code from})
   * @param image the image to build
   * @param cliUrlTemplate the docker CLI download URL, with {@code {arch}} and {@code {version}}
   * @param cache the cache directory
   * @return the copy
   */
  public static TestProject build(
      Path into, String base, String image, String cliUrlTemplate, Path cache) {
    return copy(
        "build",
        into,
        Map.of(
            "base", base,
            "image", image,
            "cliUrl", cliUrlTemplate,
            "cliVersion", DockerCliServer.VERSION,
            "cache", cache.toString()));
  }

  /**
   * Writes a Maven user settings file with one {@code <server>}.
   *
   * @param file the file to write
   * @param id the server's id (the registry, for the build goal)
   * @param username its username
   * @param password its password, in clear or encrypted
   * @return the file
   */
  public static Path settingsWithServer(Path file, String id, String username, String password) {
    try {
      Files.writeString(
          file,
          """
                    <settings>
                      <servers>
                        <server>
                          <id>%s</id>
                          <username>%s</username>
                          <password>%s</password>
                        </server>
                      </servers>
                    </settings>
                    """
              .formatted(id, username, password));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /**
   * Copies a project and fills in its tokens.
   *
   * @param name the project's directory under {@code src/test/projects}
   * @param into where the copy goes (a new directory named as the project is made in it)
   * @param tokens the value of each {@code @name@} token; every token in the project must have one
   * @return the copy
   */
  public static TestProject copy(String name, Path into, Map<String, String> tokens) {
    Path source = SOURCES.resolve(name);
    Path target = into.resolve(name);
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path copy = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.writeString(copy, fill(Files.readString(file), tokens, file));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new TestProject(target);
  }

  private static String fill(String text, Map<String, String> tokens, Path file) {
    Matcher matcher = TOKEN.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String key = matcher.group(1);
      String value = "pluginVersion".equals(key) ? pluginVersion() : tokens.get(key);
      if (value == null) {
        throw new AssertionError("no value for the token @" + key + "@ of " + file);
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /**
   * Returns the version of the jenkins-dind Maven plugin on the test class path, read from its
   * plugin descriptor.
   *
   * @return for example {@code 0.1.0-SNAPSHOT}
   */
  public static String pluginVersion() {
    try {
      for (URL url :
          Collections.list(
              TestProject.class.getClassLoader().getResources("META-INF/maven/plugin.xml"))) {
        String xml;
        try (InputStream in = url.openStream()) {
          xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher m =
            Pattern.compile(
                    "<groupId>io\\.github\\.jenkinsdind</groupId>\\s*"
                        + "<artifactId>jenkins-dind-maven-plugin</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(xml);
        if (m.find()) {
          return m.group(1);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new AssertionError(
        "the jenkins-dind Maven plugin's descriptor is not on the test class path");
  }

  /**
   * Returns the project's directory.
   *
   * @return the directory
   */
  public Path directory() {
    return directory;
  }

  /**
   * Resolves a path in the project.
   *
   * @param relative for example {@code target/jenkins-dind/image.json}
   * @return the path
   */
  public Path file(String relative) {
    return directory.resolve(relative);
  }

  /**
   * Runs Maven on the project.
   *
   * @param arguments goals, phases and options, for example {@code package
   *     -Djenkins-dind.target=tar}
   * @return the run's outcome and log
   */
  public MavenRun mvn(String... arguments) {
    return mvn(Map.of(), arguments);
  }

  /**
   * Runs Maven on the project with extra environment variables.
   *
   * @param environment variables added to the inherited environment
   * @param arguments goals, phases and options
   * @return the run's outcome and log
   */
  public MavenRun mvn(Map<String, String> environment, String... arguments) {
    runs++;
    String logName = "mvn-" + runs + ".log";
    List<String> cli = new ArrayList<>(List.of("-B", "-ntp"));
    cli.addAll(List.of(arguments));
    boolean succeeded;
    try {
      Verifier verifier = new Verifier(directory.toString());
      verifier.setAutoclean(false);
      verifier.setForkJvm(true);
      verifier.setLogFileName(logName);
      environment.forEach(verifier::setEnvironmentVariable);
      verifier.addCliArguments(cli.toArray(String[]::new));
      try {
        verifier.execute();
        succeeded = true;
      } catch (VerificationException e) {
        succeeded = false;
      }
    } catch (VerificationException e) {
      throw new AssertionError("could not set up the Maven Verifier in " + directory, e);
    }
    Path log = directory.resolve(logName);
    try {
      return new MavenRun(cli, succeeded, Files.readString(log), log);
    } catch (IOException e) {
      throw new AssertionError("Maven wrote no log " + log + " for " + cli, e);
    }
  }

  /**
   * One Maven run.
   *
   * @param arguments the command line after {@code mvn}
   * @param succeeded whether Maven exited with 0
   * @param log everything Maven printed
   * @param logFile where that was kept
   */
  public record MavenRun(List<String> arguments, boolean succeeded, String log, Path logFile) {

    /**
     * Fails unless Maven succeeded.
     *
     * @return this run
     */
    public MavenRun assertSucceeded() {
      assertThat(succeeded).as("mvn %s should succeed; log:%n%s", arguments, log).isTrue();
      assertThat(log).contains("BUILD SUCCESS");
      return this;
    }

    /**
     * Fails unless Maven failed.
     *
     * @return this run
     */
    public MavenRun assertFailed() {
      assertThat(succeeded).as("mvn %s should fail; log:%n%s", arguments, log).isFalse();
      assertThat(log).contains("BUILD FAILURE");
      return this;
    }

    /**
     * Returns the {@code [ERROR]} lines Maven printed, without the prefix, joined by newlines; the
     * part users read when a build fails.
     *
     * @return the error text
     */
    public String errors() {
      StringBuilder out = new StringBuilder();
      for (String line : log.split("\\R")) {
        if (line.startsWith("[ERROR] ")) {
          out.append(line.substring("[ERROR] ".length())).append('\n');
        } else if (line.startsWith("[ERROR]")) {
          out.append('\n');
        }
      }
      return out.toString();
    }
  }
}
