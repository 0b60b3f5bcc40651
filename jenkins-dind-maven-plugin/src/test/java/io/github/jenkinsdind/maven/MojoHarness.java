package io.github.jenkinsdind.maven;

import java.io.File;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.testing.AbstractMojoTestCase;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectBuilder;
import org.apache.maven.project.ProjectBuildingRequest;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The plugin testing harness (a JUnit 3 test case) as a JUnit 5 extension: each test gets a fresh
 * Plexus container with this plugin's descriptor, and looks its goals up from the small projects
 * under {@code src/test/resources/unit/}, configured as Maven configures them: the defaults of the
 * descriptor, the plugin's {@code <configuration>} of the project, and {@code jenkins-dind.*} user
 * properties as {@code -D} gives them. No goal is executed against Docker.
 */
final class MojoHarness extends AbstractMojoTestCase
    implements BeforeEachCallback, AfterEachCallback {

  /** One run of Maven: the command line's properties and whether {@code -o} was given. */
  record Invocation(Map<String, String> userProperties, boolean offline) {
    /** No {@code -D}, online. */
    static Invocation plain() {
      return new Invocation(Map.of(), false);
    }

    /** With {@code -D} properties, online. */
    static Invocation with(Map<String, String> userProperties) {
      return new Invocation(userProperties, false);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    setUp();
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    tearDown();
  }

  /**
   * Looks a goal up, configured from a project under {@code src/test/resources/unit/}.
   *
   * @param project the project's directory under {@code unit/}
   * @param goal the goal
   * @param invocation the command line
   * @param log where the goal logs
   * @return the goal
   */
  @SuppressWarnings("unchecked")
  <T extends Mojo> T goal(String project, String goal, Invocation invocation, RecordingLog log)
      throws Exception {
    MavenProject read = readProject(new File(getBasedir(), "src/test/resources/unit/" + project));
    MavenSession session = newMavenSession(read);
    Properties user = new Properties();
    user.putAll(invocation.userProperties());
    session.getRequest().setUserProperties(user);
    session.getRequest().setSystemProperties(System.getProperties());
    session.getRequest().setOffline(invocation.offline());
    MojoExecution execution = newMojoExecution(goal);
    T mojo = (T) lookupConfiguredMojo(session, execution);
    mojo.setLog(log);
    return mojo;
  }

  /**
   * Returns the descriptor of this plugin's goal, as Maven reads it from {@code plugin.xml}.
   *
   * @param goal the goal
   * @return its execution, with the descriptor
   */
  MojoExecution execution(String goal) {
    return newMojoExecution(goal);
  }

  private MavenProject readProject(File basedir) throws Exception {
    MavenExecutionRequest request = new DefaultMavenExecutionRequest();
    request.setBaseDirectory(basedir);
    ProjectBuildingRequest building = request.getProjectBuildingRequest();
    building.setRepositorySession(new DefaultRepositorySystemSession());
    return lookup(ProjectBuilder.class).build(new File(basedir, "pom.xml"), building).getProject();
  }
}
