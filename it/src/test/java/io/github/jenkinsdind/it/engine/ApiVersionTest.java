package io.github.jenkinsdind.it.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jenkinsdind.core.api.CheckRequest;
import io.github.jenkinsdind.core.api.CheckResult;
import io.github.jenkinsdind.core.api.JenkinsContainers;
import io.github.jenkinsdind.core.api.RunRequest;
import io.github.jenkinsdind.core.api.RunResult;
import io.github.jenkinsdind.core.api.StopRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The client pins no API version: every request goes to an unversioned path, which the daemon
 * serves at its own version. That is what works on Engine 20.10 (at most API 1.41, this machine) as
 * on Engine 29 (which refuses anything below 1.44). Seen through a recording proxy that is also a
 * {@code tcp://} DOCKER_HOST.
 */
class ApiVersionTest {

  @Test
  void everyRequestIsUnversionedAndATcpDockerHostWorks() throws Exception {
    try (Sandbox sandbox = new Sandbox();
        RecordingProxy proxy = new RecordingProxy(sandbox.services().dockerSocket());
        JenkinsContainers docker = JenkinsContainers.connect(proxy.dockerHost())) {
      assertThat(docker.dockerHost()).isEqualTo(proxy.dockerHost());

      CheckResult check =
          docker.check(
              CheckRequest.of(ProductImages.gid999()).withToolchain(false), sandbox.events());
      assertThat(check.passed()).as(check.diagnosis()).isTrue();

      String name = sandbox.container("tcp");
      RunResult run =
          docker.run(
              RunRequest.of(ProductImages.gid999())
                  .containerName(name)
                  .ports(List.of("0:8080"))
                  .waitSeconds(120)
                  .build(),
              sandbox.events());
      assertThat(run.ready()).isTrue();
      assertThat(run.url()).startsWith("http://127.0.0.1:");
      docker.stop(new StopRequest(name, true), sandbox.events());

      List<String> requests = proxy.requests();
      assertThat(requests)
          .anyMatch(r -> r.startsWith("GET /_ping "))
          .anyMatch(r -> r.startsWith("POST /containers/create?name=" + name + " "))
          .anyMatch(r -> r.matches("POST /containers/\\w+/start HTTP/1.1"))
          .anyMatch(r -> r.startsWith("POST /volumes/create "))
          .anyMatch(r -> r.startsWith("DELETE /volumes/" + name + "_home "));
      assertThat(requests).noneMatch(r -> r.matches("\\S+ /v\\d+\\.\\d+/.*"));
    }
  }
}
