package io.github.jenkinsdind.core.internal.imagebuild;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.ImageTarget;
import io.github.jenkinsdind.core.internal.base.BaseReference;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BaseRouteTest {

  private static BaseRoute route(String from, ImageTarget target, boolean daemonPullsBase)
      throws Exception {
    BuildRequest request =
        BuildRequest.from(from).to(target).daemonPullsBase(daemonPullsBase).build();
    return BaseRoute.of(request, BaseReference.parse(from));
  }

  @Test
  void aRegistryBaseIntoADaemonIsPulledByTheDaemon() throws Exception {
    BaseRoute route = route("jenkins/jenkins:lts", ImageTarget.dockerDaemon("j:1", Set.of()), true);

    assertThat(route).isEqualTo(new BaseRoute(route.base(), true, true, true));
  }

  @Test
  void theDaemonPullsNothingWhenTold() throws Exception {
    BaseRoute route =
        route("jenkins/jenkins:lts", ImageTarget.dockerDaemon("j:1", Set.of()), false);

    assertThat(route).isEqualTo(new BaseRoute(route.base(), true, true, false));
  }

  @Test
  void aDaemonBaseNeedsTheDaemonWhateverTheTarget() throws Exception {
    BaseRoute route =
        route("docker://jenkins/jenkins:lts", ImageTarget.tarFile("j:1", Path.of("j.tar")), true);

    assertThat(route).isEqualTo(new BaseRoute(route.base(), true, false, false));
  }

  @Test
  void aRegistryBaseToARegistryNeedsNoDaemon() throws Exception {
    BaseRoute route =
        route("jenkins/jenkins:lts", ImageTarget.registry("r.example.com/j:1", Set.of()), true);

    assertThat(route).isEqualTo(new BaseRoute(route.base(), false, false, false));
  }
}
