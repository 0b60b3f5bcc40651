package io.github.jenkinsdind.core.internal.daemon;

import java.util.Map;

/**
 * The labels that mark containers and volumes as made by jenkins-dind. {@code run} and {@code stop}
 * touch no container without {@link #MANAGED}{@code =true}.
 */
public final class ManagedLabels {
  /** Set to {@code true} on everything jenkins-dind creates. */
  public static final String MANAGED = "io.github.jenkinsdind.managed";

  /** The version of jenkins-dind that created it. */
  public static final String VERSION = "io.github.jenkinsdind.version";

  /** What it is: {@link #ROLE_JENKINS}, {@link #ROLE_PROBE} or {@link #ROLE_HOME}. */
  public static final String ROLE = "io.github.jenkinsdind.role";

  /** The role of a Jenkins container made by {@code run}. */
  public static final String ROLE_JENKINS = "jenkins";

  /** The role of a short-lived container that looks into an image. */
  public static final String ROLE_PROBE = "probe";

  /** The role of a jenkins_home volume created by {@code run}. */
  public static final String ROLE_HOME = "jenkins-home";

  private ManagedLabels() {}

  /**
   * Returns the labels for something jenkins-dind creates.
   *
   * @param role its role
   * @return the labels
   */
  public static Map<String, String> of(String role) {
    return Map.of(MANAGED, "true", VERSION, PluginVersion.get(), ROLE, role);
  }

  /**
   * Tells whether labels mark something as made by jenkins-dind.
   *
   * @param labels the labels, perhaps {@code null}
   * @return whether {@link #MANAGED} is {@code true}
   */
  public static boolean isManaged(Map<String, String> labels) {
    return labels != null && "true".equals(labels.get(MANAGED));
  }
}
