package io.github.jenkinsdind.core.internal.uptodate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.Credential;
import io.github.jenkinsdind.core.api.DockerCli;
import io.github.jenkinsdind.core.api.ImageTarget;
import io.github.jenkinsdind.core.api.JenkinsConfig;
import io.github.jenkinsdind.core.api.JenkinsPlugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildInputsTest {
  private static final String BASE = "sha256:" + "b".repeat(64);

  @TempDir Path temp;

  private BuildRequest.Builder request() {
    return BuildRequest.from("127.0.0.1:5000/ci/jenkins:lts")
        .to(ImageTarget.registry("127.0.0.1:5000/ci/jenkins-dind:1", Set.of("latest", "b", "a")))
        .cacheDirectory(temp.resolve("cache"));
  }

  private String fingerprint(UnaryOperator<BuildRequest.Builder> change) throws Exception {
    return BuildInputs.of(change.apply(request()).build(), BASE, "test").fingerprint();
  }

  @Test
  void theSameRequestGivesTheSameFingerprint() throws Exception {
    BuildInputs first = BuildInputs.of(request().build(), BASE, "test");
    BuildInputs second = BuildInputs.of(request().build(), BASE, "test");

    assertThat(second).isEqualTo(first);
    assertThat(first.fingerprint()).matches("[0-9a-f]{64}");
    assertThat(first.text()).contains("base: " + BASE, "tags [a, b, latest]");
  }

  @Test
  void everyInputOfTheImageChangesIt() throws Exception {
    String plain = fingerprint(b -> b);
    Path casc = Files.writeString(temp.resolve("casc.yaml"), "jenkins:\n  numExecutors: 0\n");

    assertThat(BuildInputs.of(request().build(), "sha256:" + "c".repeat(64), "test").fingerprint())
        .as("another base")
        .isNotEqualTo(plain);
    assertThat(BuildInputs.of(request().build(), BASE, "other code").fingerprint())
        .as("another producer")
        .isNotEqualTo(plain);
    assertThat(
            List.of(
                fingerprint(b -> b.labels(java.util.Map.of("team", "ci"))),
                fingerprint(b -> b.dockerCli(DockerCli.download("27.3.1"))),
                fingerprint(b -> b.dockerGid(106)),
                fingerprint(b -> b.cliPlugins(List.of())),
                fingerprint(b -> b.jenkinsConfig(JenkinsConfig.NONE.withCasc(casc))),
                fingerprint(
                    b ->
                        b.to(
                            ImageTarget.registry(
                                "127.0.0.1:5000/ci/jenkins-dind:1", Set.of("latest")))),
                fingerprint(b -> b.to(ImageTarget.dockerDaemon("ci/jenkins-dind:1", Set.of())))))
        .doesNotContain(plain)
        .doesNotHaveDuplicates();
  }

  @Test
  void aChangedInputFileChangesIt() throws Exception {
    Path casc = Files.writeString(temp.resolve("casc.yaml"), "jenkins:\n  numExecutors: 0\n");
    String before = fingerprint(b -> b.jenkinsConfig(JenkinsConfig.NONE.withCasc(casc)));

    Files.writeString(casc, "jenkins:\n  numExecutors: 2\n");

    assertThat(fingerprint(b -> b.jenkinsConfig(JenkinsConfig.NONE.withCasc(casc))))
        .isNotEqualTo(before);
  }

  @Test
  void howTheImageIsReachedDoesNotChangeIt() throws Exception {
    String plain = fingerprint(b -> b);

    assertThat(
            List.of(
                fingerprint(b -> b.cacheDirectory(temp.resolve("elsewhere"))),
                fingerprint(b -> b.allowInsecureRegistries(true)),
                fingerprint(b -> b.dockerHost("tcp://127.0.0.1:2376")),
                fingerprint(
                    b -> b.credentials(registry -> Optional.of(new Credential("user", "secret"))))))
        .containsOnly(plain);
  }

  @Test
  void pluginsFromAnUpdateCenterAnOfflineBuildAndARebuildAreNotChecked() {
    assertThat(BuildInputs.uncheckable(request().build())).isEmpty();
    assertThat(
            BuildInputs.uncheckable(request().plugins(JenkinsPlugins.of(List.of("git"))).build()))
        .hasValueSatisfying(why -> assertThat(why).contains("update center"));
    assertThat(
            BuildInputs.uncheckable(
                request()
                    .plugins(JenkinsPlugins.NONE.withLockFile(temp.resolve("plugins.lock")))
                    .build()))
        .isEmpty();
    assertThat(
            BuildInputs.uncheckable(
                request().to(ImageTarget.dockerDaemon("a:1", Set.of())).offline(true).build()))
        .hasValueSatisfying(why -> assertThat(why).contains("offline"));
    assertThat(BuildInputs.uncheckable(request().rebuild(true).build()))
        .hasValueSatisfying(why -> assertThat(why).contains("rebuild"));
  }
}
