package io.github.jenkinsdind.core.internal.accounts;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.files.ImageFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An image's user database: {@code /etc/passwd} and {@code /etc/group}, which every Linux base with
 * users has, and {@code /etc/gshadow} and {@code /etc/shadow}, which some have (Debian, Ubuntu,
 * RHEL) and some do not (busybox, distroless).
 *
 * @param passwd {@code /etc/passwd}
 * @param group {@code /etc/group}
 * @param gshadow {@code /etc/gshadow}, or {@code null} if the image has none
 * @param shadow {@code /etc/shadow}, or {@code null} if the image has none
 */
public record AccountFiles(ImageFile passwd, ImageFile group, ImageFile gshadow, ImageFile shadow) {
  /** The path of the passwd file. */
  public static final String PASSWD = "/etc/passwd";

  /** The path of the group file. */
  public static final String GROUP = "/etc/group";

  /** The path of the gshadow file. */
  public static final String GSHADOW = "/etc/gshadow";

  /** The path of the shadow file. */
  public static final String SHADOW = "/etc/shadow";

  /**
   * Checks the parts.
   *
   * @param passwd {@code /etc/passwd}
   * @param group {@code /etc/group}
   * @param gshadow {@code /etc/gshadow}, or {@code null}
   * @param shadow {@code /etc/shadow}, or {@code null}
   * @throws IllegalArgumentException if a file has another path than its slot's
   */
  public AccountFiles {
    checkPath(Objects.requireNonNull(passwd, "passwd"), PASSWD);
    checkPath(Objects.requireNonNull(group, "group"), GROUP);
    if (gshadow != null) {
      checkPath(gshadow, GSHADOW);
    }
    if (shadow != null) {
      checkPath(shadow, SHADOW);
    }
  }

  private static void checkPath(ImageFile file, String path) {
    if (!file.path().equals(path)) {
      throw new IllegalArgumentException("Expected " + path + ", got " + file.path());
    }
  }

  /**
   * Picks the user database out of a base image's files.
   *
   * @param filesByAbsolutePath files of the base image by absolute path ({@code /etc/group}); other
   *     files are ignored
   * @param baseImageName the base image, for messages
   * @return the files
   * @throws ConfigurationException naming {@link Setting#FROM} if the base has no {@code
   *     /etc/passwd} or no {@code /etc/group}
   */
  public static AccountFiles of(Map<String, ImageFile> filesByAbsolutePath, String baseImageName)
      throws ConfigurationException {
    ImageFile passwd = filesByAbsolutePath.get(PASSWD);
    ImageFile group = filesByAbsolutePath.get(GROUP);
    if (passwd == null || group == null) {
      String missing =
          passwd == null && group == null
              ? PASSWD + " nor " + GROUP
              : passwd == null ? PASSWD : GROUP;
      throw new ConfigurationException(
          "The base image "
              + baseImageName
              + " has no "
              + missing
              + ": jenkins-dind adds the docker group and its member to the base's user database,"
              + " so the base must have one",
          Setting.FROM,
          baseImageName,
          "perhaps you should choose a Linux base image with a user database, such as"
              + " jenkins/jenkins:lts-jdk21");
    }
    return new AccountFiles(
        passwd, group, filesByAbsolutePath.get(GSHADOW), filesByAbsolutePath.get(SHADOW));
  }

  /**
   * Returns the files there are, in the order passwd, group, gshadow, shadow.
   *
   * @return the files
   */
  public List<ImageFile> files() {
    List<ImageFile> files = new ArrayList<>(List.of(passwd, group));
    if (gshadow != null) {
      files.add(gshadow);
    }
    if (shadow != null) {
      files.add(shadow);
    }
    return List.copyOf(files);
  }
}
