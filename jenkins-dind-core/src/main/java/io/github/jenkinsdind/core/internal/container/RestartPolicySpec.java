package io.github.jenkinsdind.core.internal.container;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.Setting;
import java.util.Locale;

/**
 * A container restart policy, parsed from {@code no}, {@code always}, {@code unless-stopped} or
 * {@code on-failure[:N]}.
 *
 * @param name the policy's name
 * @param maximumRetryCount the retry limit of {@code on-failure}, 0 for none
 */
public record RestartPolicySpec(String name, int maximumRetryCount) {

  /**
   * Parses the setting.
   *
   * @param text the policy
   * @return the policy
   * @throws ConfigurationException if it is not one Docker knows
   */
  public static RestartPolicySpec parse(String text) throws ConfigurationException {
    String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    switch (value) {
      case "no", "always", "unless-stopped", "on-failure" -> {
        return new RestartPolicySpec(value, 0);
      }
      default -> {
        if (value.matches("on-failure:\\d{1,6}")) {
          return new RestartPolicySpec("on-failure", Integer.parseInt(value.substring(11)));
        }
        throw new ConfigurationException(
            "restartPolicy '" + text + "' is not a Docker restart policy",
            Setting.RESTART_POLICY,
            text,
            "use no, always, unless-stopped (the default) or on-failure[:N]");
      }
    }
  }
}
