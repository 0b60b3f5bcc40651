package io.github.jenkinsdind.it.engine;

import io.github.jenkinsdind.core.api.JenkinsContainers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** What every engine test has: a sandbox that cleans up after it and a connection to dockerd. */
abstract class EngineTestBase {
  /** Names, events and clean-up of the test. */
  Sandbox sandbox;

  /** The core's connection to the real dockerd. */
  JenkinsContainers docker;

  @BeforeEach
  void connect() throws Exception {
    sandbox = new Sandbox();
    docker = JenkinsContainers.connect();
  }

  @AfterEach
  void cleanUp() {
    docker.close();
    sandbox.close();
  }
}
