package io.github.jenkinsdind.maven;

import io.github.jenkinsdind.core.api.JenkinsDind;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.JenkinsPlugins;
import io.github.jenkinsdind.core.api.PluginUpdate;
import java.io.File;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Prints the plugins of a {@code plugins.lock} that the update center has newer releases of, as the
 * plugin installation manager's {@code --available-updates} does. Nothing is built and the lock
 * file is not changed: to take the updates, build once without {@code pluginsLockFile} (or pin the
 * new versions) and keep the lock file it writes.
 *
 * <pre>
 * mvn jenkins-dind:plugin-updates
 * [INFO] 2 plugin update(s) for target/jenkins-dind/plugins.lock:
 * [INFO]   git 5.2.0 -&gt; 5.3.0
 * </pre>
 *
 * @since 0.2.0
 */
@Mojo(name = "plugin-updates", threadSafe = true)
public class PluginUpdatesMojo extends AbstractJenkinsDindMojo<JenkinsPlugins> {

  /**
   * The lock file whose plugins are compared with the update center's latest releases; by default
   * the one the last build wrote.
   *
   * @since 0.2.0
   */
  @Parameter(
      property = PROPERTY_PREFIX + "pluginsLockFile",
      defaultValue = "${project.build.directory}/jenkins-dind/plugins.lock")
  File pluginsLockFile;

  /**
   * The Jenkins update center, its plain JSON {@code update-center.actual.json}.
   *
   * @since 0.2.0
   */
  @Parameter(
      property = PROPERTY_PREFIX + "updateCenterUrl",
      defaultValue = JenkinsPlugins.DEFAULT_UPDATE_CENTER_URL)
  String updateCenterUrl;

  /**
   * Where the update center's JSON is cached, shared with the build goal.
   *
   * @since 0.2.0
   */
  @Parameter(
      property = PROPERTY_PREFIX + "cacheDirectory",
      defaultValue = "${user.home}/.cache/jenkins-dind")
  File cacheDirectory;

  /** Creates the goal; Maven sets the parameters. */
  public PluginUpdatesMojo() {}

  @Override
  protected String goal() {
    return "plugin-updates";
  }

  @Override
  protected JenkinsPlugins request() {
    return JenkinsParameters.plugins(null, null, pluginsLockFile, updateCenterUrl);
  }

  @Override
  protected void perform(JenkinsPlugins request) throws JenkinsDindException {
    List<PluginUpdate> updates =
        JenkinsDind.pluginUpdates(request, cacheDirectory.toPath(), session.isOffline(), events());
    if (updates.isEmpty()) {
      getLog().info("Every plugin of " + pluginsLockFile + " is at the update center's latest");
      return;
    }
    getLog().info(updates.size() + " plugin update(s) for " + pluginsLockFile + ":");
    updates.forEach(update -> getLog().info("  " + update));
  }
}
