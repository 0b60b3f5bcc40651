package io.github.jenkinsdind.it.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jenkinsdind.it.support.Commands;
import io.github.jenkinsdind.it.support.JenkinsBaseImages;
import io.github.jenkinsdind.it.support.TestServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the trust tests share: the fixture base copied onto the authenticating registries, the
 * registries' access logs read from a mark, the Docker daemon's images removed afterwards, and a
 * scan of a Maven log for a secret, in clear or base64-encoded (as in an {@code X-Registry-Auth}
 * header or a basic {@code Authorization} header).
 */
final class TrustFixtures {
  static final Duration TIMEOUT = Duration.ofMinutes(2);

  private static final Pattern BASE64_TOKEN = Pattern.compile("[A-Za-z0-9+/_=-]{16,}");

  private TrustFixtures() {}

  /**
   * Copies the plain fixture base onto an authenticating registry with skopeo.
   *
   * @param services the services
   * @param registry the auth or TLS registry
   * @param repository the repository there, for example {@code it-trust/base-abc}
   * @return the reference copied to, tag {@code 1}
   */
  static String copyBase(TestServices services, String registry, String repository) {
    String source = JenkinsBaseImages.inRegistry(JenkinsBaseImages.Variant.PLAIN).reference();
    String target = registry + "/" + repository + ":1";
    Commands.runOrFail(
        TIMEOUT,
        "skopeo",
        "copy",
        "--src-tls-verify=false",
        "--dest-tls-verify=false",
        "--dest-creds",
        services.registryUser() + ":" + services.registryPassword(),
        "docker://" + source,
        "docker://" + target);
    return target;
  }

  /**
   * Returns the access log of a registry ({@code registry.auth.log} or {@code registry.tls.log}).
   *
   * @param services the services
   * @param key {@code auth} or {@code tls}
   * @return the log file
   */
  static Path registryLog(TestServices services, String key) {
    return Path.of(services.property("registry." + key + ".log"));
  }

  /**
   * The number of lines of a log now, to read only what comes after.
   *
   * @param log the log
   * @return its line count
   */
  static int mark(Path log) {
    return lines(log, 0).size();
  }

  /**
   * The log's lines after a mark.
   *
   * @param log the log
   * @param mark the line count before
   * @return the lines written since
   */
  static List<String> lines(Path log, int mark) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return all.subList(Math.min(mark, all.size()), all.size());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The Docker daemon's requests for a repository, as the registry logged them (the daemon's user
   * agent starts with {@code docker/}; Jib's and skopeo's do not): one line per request, the
   * registry's "authorized request" line for a request with valid credentials, a warning "error
   * authorizing context" for one without.
   *
   * @param lines the log's lines
   * @param repository the repository
   * @return the daemon's lines for it
   */
  static List<String> daemonRequests(List<String> lines, String repository) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      if (line.contains("http.request.useragent=\"docker/")
          && line.contains("/v2/" + repository + "/")) {
        out.add(line);
      }
    }
    return out;
  }

  /**
   * Whether a daemon request line is one the registry authorized.
   *
   * @param line a log line
   * @return whether it says "authorized request"
   */
  static boolean authorized(String line) {
    return line.contains("msg=\"authorized request\"");
  }

  /**
   * Fails if a text holds the secret in clear, or inside a base64 (standard or URL-safe) token.
   *
   * @param text the text, a Maven log say
   * @param secret the secret
   */
  static void assertNoSecret(String text, String secret) {
    assertThat(text).doesNotContain(secret);
    Matcher tokens = BASE64_TOKEN.matcher(text);
    while (tokens.find()) {
      String token = tokens.group();
      for (Base64.Decoder decoder : List.of(Base64.getDecoder(), Base64.getUrlDecoder())) {
        for (String candidate : List.of(token, token.replaceAll("=+$", ""))) {
          try {
            String decoded = new String(decoder.decode(pad(candidate)), StandardCharsets.UTF_8);
            assertThat(decoded).as("a base64 token in the log: %s", token).doesNotContain(secret);
          } catch (IllegalArgumentException notBase64) {
            // not a token of this alphabet
          }
        }
      }
    }
  }

  private static String pad(String token) {
    String bare = token.replaceAll("=+$", "");
    return bare + "=".repeat((4 - bare.length() % 4) % 4);
  }

  /**
   * Removes images from the Docker daemon by name (untags them when another name shares them), and
   * ignores names the daemon does not hold.
   *
   * @param names the names
   */
  static void removeImages(List<String> names) {
    for (String name : names) {
      Commands.run(TIMEOUT, "docker", "image", "rm", name);
    }
  }

  /**
   * The names under which the daemon holds images of a repository, {@code repo:tag} or {@code
   * repo@digest}.
   *
   * @param repository the repository as the daemon names it, {@code 127.0.0.1:5001/it-trust/x}
   * @return the names
   */
  static List<String> daemonNames(String repository) {
    List<String> names = new ArrayList<>();
    String out =
        Commands.run(
                TIMEOUT,
                "docker",
                "image",
                "ls",
                "--digests",
                "--format",
                "{{.Repository}} {{.Tag}} {{.Digest}}",
                repository)
            .stdout();
    for (String line : out.split("\\R")) {
      String[] parts = line.trim().split(" ");
      if (parts.length == 3) {
        if (!parts[1].equals("<none>")) {
          names.add(parts[0] + ":" + parts[1]);
        }
        if (!parts[2].equals("<none>")) {
          names.add(parts[0] + "@" + parts[2]);
        }
      }
    }
    return names;
  }

  /**
   * The environment of a Maven run that trusts the TLS registry's certificate.
   *
   * @param services the services
   * @return {@code MAVEN_OPTS} with the truststore
   */
  static Map<String, String> trustingTls(TestServices services) {
    return Map.of(
        "MAVEN_OPTS",
        "-Djavax.net.ssl.trustStore="
            + services.tlsTruststore()
            + " -Djavax.net.ssl.trustStorePassword="
            + services.tlsTruststorePassword()
            + " -Djavax.net.ssl.trustStoreType=PKCS12");
  }
}
