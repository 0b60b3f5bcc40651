/**
 * The public API of jenkins-dind's core: build a Jenkins image that can drive the host's Docker
 * daemon, and run, stop and check it.
 *
 * <p>Every signature here uses only JDK types and types of this package. Requests are immutable
 * records; progress and messages leave the core as {@link io.github.jenkinsdind.core.api.Event}s
 * handed to an {@link io.github.jenkinsdind.core.api.EventHandler}; failures are {@link
 * io.github.jenkinsdind.core.api.JenkinsDindException}s that name the {@link
 * io.github.jenkinsdind.core.api.Setting} to change, where one is at fault.
 *
 * <pre>{@code
 * BuildResult result = JenkinsDind.build(
 *     BuildRequest.from("jenkins/jenkins:lts-jdk21")
 *         .to(ImageTarget.registry("registry.example.com/ci/jenkins:1.0", Set.of("latest")))
 *         .dockerGid(999)
 *         .build(),
 *     event -> System.out.println(event));
 * }</pre>
 */
package io.github.jenkinsdind.core.api;
