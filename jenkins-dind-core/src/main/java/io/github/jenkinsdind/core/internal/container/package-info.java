/**
 * The container operations {@code run}, {@code stop} and {@code check}: the requests checked into
 * plans ({@code RunPlan}, {@code PortSpec}, {@code JenkinsHomeSpec}, {@code GroupAddPolicy}, ...),
 * the pure mapping of a plan to the Jenkins container's spec ({@code ContainerSpec}), name
 * conflicts and replacement, the jenkins_home volume, readiness and the initial admin password, the
 * published URL, and the verdict of {@code check}. It may use {@code daemon} (the Engine client,
 * throwaway containers, the managed labels) and the public API; nothing outside the API's {@code
 * JenkinsContainers} uses it. Its suggestions name settings and operations as {@code
 * api.Suggestion} parts, never in a front end's syntax.
 */
package io.github.jenkinsdind.core.internal.container;
