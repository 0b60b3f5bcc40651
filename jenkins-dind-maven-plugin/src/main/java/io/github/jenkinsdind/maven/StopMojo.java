package io.github.jenkinsdind.maven;

import io.github.jenkinsdind.core.api.JenkinsContainers;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.StopRequest;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Stops and removes the Jenkins container that {@code jenkins-dind:run} made. Its jenkins_home is
 * kept unless {@code removeVolume=true} is given; a host directory is never deleted. A container of
 * that name that this plugin did not make is left alone, with an error. No container is no error.
 *
 * @since 0.1.0
 */
@Mojo(
    name = "stop",
    defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST,
    requiresProject = false,
    threadSafe = true)
public class StopMojo extends AbstractJenkinsDindMojo<StopRequest> {

  /**
   * The name of the container to stop, as {@code jenkins-dind:run} was given it.
   *
   * @since 0.1.0
   */
  @Parameter(property = PROPERTY_PREFIX + "containerName", defaultValue = "jenkins")
  String containerName;

  /**
   * Whether the named volume mounted at {@code /var/jenkins_home} is removed too, with all of
   * Jenkins' data. Never done unless set explicitly.
   *
   * @since 0.1.0
   */
  @Parameter(property = PROPERTY_PREFIX + "removeVolume", defaultValue = "false")
  boolean removeVolume;

  /** Creates the goal; Maven sets the parameters. */
  public StopMojo() {}

  @Override
  protected String goal() {
    return "stop";
  }

  @Override
  protected StopRequest request() {
    return new StopRequest(orEmpty(containerName), removeVolume, dockerHost());
  }

  @Override
  protected void perform(StopRequest request) throws JenkinsDindException {
    try (JenkinsContainers docker = JenkinsContainers.connect(request.dockerHost(), events())) {
      docker.stop(request, events());
    }
  }
}
