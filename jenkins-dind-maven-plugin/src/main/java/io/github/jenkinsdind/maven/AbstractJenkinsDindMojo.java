package io.github.jenkinsdind.maven;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.RegistryAuthenticationException;
import io.github.jenkinsdind.core.api.Suggestion;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every jenkins-dind goal shares: {@code skip}, honoured before anything else; a warning about
 * {@code jenkins-dind.*} properties that the goal does not read; the goal's settings turned into
 * one immutable request of the core, which does the work; the core's events logged through Maven's
 * log; the core's failures turned into Maven's, naming the POM element and the {@code -D} property
 * to change.
 *
 * @param <R> the core's request that the goal makes
 */
public abstract class AbstractJenkinsDindMojo<R> extends AbstractMojo {

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
   * The Docker daemon to talk to, such as {@code tcp://192.0.2.7:2376} or {@code
   * unix:///run/user/1000/docker.sock}. Unset, the daemon is found as the docker CLI finds it:
   * {@code DOCKER_HOST} (with {@code DOCKER_TLS_VERIFY} and {@code DOCKER_CERT_PATH}), {@code
   * DOCKER_CONTEXT}, the current context of {@code ~/.docker/config.json}, the rootless socket
   * {@code $XDG_RUNTIME_DIR/docker.sock}, then {@code /var/run/docker.sock}. A {@code tcp://}
   * address given here uses TLS when {@code DOCKER_TLS_VERIFY} is set. The log says which daemon
   * was chosen and why.
   *
   * @since 0.2.0
   */
  @Parameter(property = PROPERTY_PREFIX + "dockerHost")
  protected String dockerHost;

  /**
   * The Maven session: user properties, offline mode and the settings.
   *
   * @since 0.1.0
   */
  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  protected MavenSession session;

  /**
   * This execution of the goal: its descriptor names the properties the goal reads.
   *
   * @since 0.1.0
   */
  @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
  protected MojoExecution mojoExecution;

  /** Creates the goal; Maven sets the parameters. */
  protected AbstractJenkinsDindMojo() {}

  /**
   * Runs the goal unless {@link #skip} is set: warns about unknown properties, makes the request
   * and hands it to the core.
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
    warnAboutUnknownProperties();
    R request = validatedRequest();
    translated(
        () -> {
          perform(request);
          return request;
        });
  }

  /**
   * Returns the goal's name, for messages.
   *
   * @return for example {@code build}
   */
  protected abstract String goal();

  /**
   * Makes the core's request from the goal's parameters, checking them on the way.
   *
   * @return the request
   * @throws JenkinsDindException if a parameter is wrong
   * @throws MojoFailureException if the configuration is wrong in a way only Maven knows
   */
  protected abstract R request() throws JenkinsDindException, MojoFailureException;

  /**
   * Hands the request to the core and reports what it did.
   *
   * @param request the request
   * @throws JenkinsDindException if the core failed
   * @throws MojoExecutionException if something outside the configuration failed
   * @throws MojoFailureException if the configuration is wrong
   */
  protected abstract void perform(R request)
      throws JenkinsDindException, MojoExecutionException, MojoFailureException;

  /**
   * Makes the request, with a failure turned into Maven's exception as users see it.
   *
   * @return the request
   * @throws MojoExecutionException if the environment is at fault
   * @throws MojoFailureException if the configuration is wrong
   */
  final R validatedRequest() throws MojoExecutionException, MojoFailureException {
    return translated(this::request);
  }

  /**
   * Returns a text parameter as the core takes it: an unset one as empty, for the core to name.
   *
   * @param value the parameter's value, {@code null} if unset
   * @return the value, or empty
   */
  static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  /**
   * Returns the daemon the goal was given, if any.
   *
   * @return the {@code dockerHost} parameter, empty if unset or blank
   */
  protected Optional<String> dockerHost() {
    return dockerHost == null || dockerHost.isBlank()
        ? Optional.empty()
        : Optional.of(dockerHost.trim());
  }

  /**
   * Returns an event handler that logs the core's events through this goal's log.
   *
   * @return the handler
   */
  protected MavenEventLog events() {
    return new MavenEventLog(getLog());
  }

  /**
   * Logs the {@code jenkins-dind.*} properties of the command line and of the project that no
   * parameter of this goal reads.
   */
  final void warnAboutUnknownProperties() {
    MavenProject project = session.getCurrentProject();
    List<UnknownProperties.Finding> findings =
        UnknownProperties.of(mojoExecution.getMojoDescriptor())
            .findings(
                session.getUserProperties().stringPropertyNames(),
                project == null ? Set.of() : project.getProperties().stringPropertyNames());
    for (UnknownProperties.Finding finding : findings) {
      if (finding.warning()) {
        getLog().warn(finding.message());
      } else {
        getLog().info(finding.message());
      }
    }
  }

  /** A call into the core. */
  @FunctionalInterface
  private interface CoreCall<T> {
    T call() throws JenkinsDindException, MojoExecutionException, MojoFailureException;
  }

  private static <T> T translated(CoreCall<T> call)
      throws MojoExecutionException, MojoFailureException {
    try {
      return call.call();
    } catch (ConfigurationException e) {
      throw new MojoFailureException(describe(e), e);
    } catch (JenkinsDindException e) {
      throw new MojoExecutionException(describe(e), e);
    }
  }

  /**
   * Says what went wrong, which setting to change (the POM element and the {@code -D} property),
   * and what to do about it, in Maven's words ({@link MavenHelpfulSuggestions}). A configuration
   * error becomes a {@link MojoFailureException}, anything else a {@link MojoExecutionException};
   * the cause is kept.
   *
   * @param e the core failure
   * @return the message for Maven's exception
   */
  static String describe(JenkinsDindException e) {
    String nl = System.lineSeparator();
    StringBuilder text = new StringBuilder(e.getMessage());
    e.setting()
        .ifPresent(
            s ->
                text.append(nl)
                    .append("  Setting: ")
                    .append(MavenHelpfulSuggestions.whereToChange(s))
                    .append(e.value().map(v -> " (now: " + v + ")").orElse("")));
    if (e instanceof RegistryAuthenticationException auth && !namesCredentials(e)) {
      text.append(nl)
          .append("  Credentials: ")
          .append(MavenHelpfulSuggestions.WORDS.credentials(auth.registry()));
    }
    e.suggestion(MavenHelpfulSuggestions.WORDS)
        .ifPresent(s -> text.append(nl).append("  ").append(asHint(s)));
    return text.toString();
  }

  /** Whether the suggestion already says where credentials go. */
  private static boolean namesCredentials(JenkinsDindException e) {
    return e.suggestionParts()
        .map(s -> s.parts().stream().anyMatch(p -> p instanceof Suggestion.Credentials))
        .orElse(false);
  }

  /** "perhaps you should ..." reads as "Perhaps you should ..."; anything else gets the prefix. */
  private static String asHint(String suggestion) {
    return suggestion.startsWith("perhaps ")
        ? "P" + suggestion.substring(1)
        : "Perhaps: " + suggestion;
  }
}
