package io.github.jenkinsdind.maven;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.RegistryAuthenticationException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What every jenkins-dind goal shares: {@code skip}, honoured before anything else; the core's
 * events logged through Maven's log; the core's failures turned into Maven's, naming the POM
 * element and the {@code -D} property to change.
 */
public abstract class AbstractJenkinsDindMojo extends AbstractMojo {

  /** The prefix of every user property of this plugin. */
  public static final String PROPERTY_PREFIX = "jenkins-dind.";

  /**
   * Skips the goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = PROPERTY_PREFIX + "skip", defaultValue = "false")
  protected boolean skip;

  /**
   * Runs the goal unless {@link #skip} is set.
   *
   * @throws MojoExecutionException if something outside the configuration failed
   * @throws MojoFailureException if the configuration is wrong
   */
  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping jenkins-dind:" + goal() + " (skip is true)");
      return;
    }
    try {
      run();
    } catch (ConfigurationException e) {
      throw new MojoFailureException(describe(e), e);
    } catch (JenkinsDindException e) {
      throw new MojoExecutionException(describe(e), e);
    }
  }

  /**
   * Returns the goal's name, for messages.
   *
   * @return for example {@code build}
   */
  protected abstract String goal();

  /**
   * Does the goal's work.
   *
   * @throws JenkinsDindException if the core failed
   * @throws MojoExecutionException if something outside the configuration failed
   * @throws MojoFailureException if the configuration is wrong
   */
  protected abstract void run()
      throws JenkinsDindException, MojoExecutionException, MojoFailureException;

  /**
   * Returns an event handler that logs the core's events through this goal's log.
   *
   * @return the handler
   */
  protected MavenEventLog events() {
    return new MavenEventLog(getLog());
  }

  /**
   * Says what went wrong, which setting to change (the POM element and the {@code -D} property),
   * and what to do about it. A configuration error becomes a {@link MojoFailureException}, anything
   * else a {@link MojoExecutionException}; the cause is kept.
   *
   * @param e the core failure
   * @return the message for Maven's exception
   */
  static String describe(JenkinsDindException e) {
    StringBuilder text = new StringBuilder(e.getMessage());
    e.setting()
        .ifPresent(
            p ->
                text.append(System.lineSeparator())
                    .append("  Setting: <")
                    .append(p.key())
                    .append(">")
                    .append(
                        p == io.github.jenkinsdind.core.api.Setting.LABELS
                                || p == io.github.jenkinsdind.core.api.Setting.ENV
                            ? " in the plugin's <configuration>"
                            : " in the plugin's <configuration>, or -D" + PROPERTY_PREFIX + p.key())
                    .append(e.value().map(v -> " (now: " + v + ")").orElse("")));
    if (e instanceof RegistryAuthenticationException auth) {
      text.append(System.lineSeparator())
          .append("  Credentials: a <server> with <id>")
          .append(auth.registry())
          .append("</id> in ~/.m2/settings.xml, or `docker login ")
          .append(auth.registry())
          .append("`");
    }
    e.suggestion()
        .ifPresent(s -> text.append(System.lineSeparator()).append("  ").append(asHint(s)));
    return text.toString();
  }

  /** "perhaps you should ..." reads as "Perhaps you should ..."; anything else gets the prefix. */
  private static String asHint(String suggestion) {
    return suggestion.startsWith("perhaps ")
        ? "P" + suggestion.substring(1)
        : "Perhaps: " + suggestion;
  }
}
