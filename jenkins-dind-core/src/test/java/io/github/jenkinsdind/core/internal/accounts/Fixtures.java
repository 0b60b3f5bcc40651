package io.github.jenkinsdind.core.internal.accounts;

import io.github.jenkinsdind.core.internal.files.ImageFile;
import java.nio.charset.StandardCharsets;

/** Account files as a Debian bookworm image (jenkins/jenkins:lts-jdk21's base) has them. */
final class Fixtures {
  static final String PASSWD =
      """
      root:x:0:0:root:/root:/bin/bash
      daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
      bin:x:2:2:bin:/bin:/usr/sbin/nologin
      sys:x:3:3:sys:/dev:/usr/sbin/nologin
      sync:x:4:65534:sync:/bin:/bin/sync
      games:x:5:60:games:/usr/games:/usr/sbin/nologin
      man:x:6:12:man:/var/cache/man:/usr/sbin/nologin
      lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin
      mail:x:8:8:mail:/var/mail:/usr/sbin/nologin
      news:x:9:9:news:/var/spool/news:/usr/sbin/nologin
      uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin
      proxy:x:13:13:proxy:/bin:/usr/sbin/nologin
      www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
      backup:x:34:34:backup:/var/backups:/usr/sbin/nologin
      list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin
      irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin
      _apt:x:42:65534::/nonexistent:/usr/sbin/nologin
      nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
      """;

  static final String JENKINS_PASSWD = "jenkins:x:1000:1000::/var/jenkins_home:/bin/bash\n";

  static final String GROUP =
      """
      root:x:0:
      daemon:x:1:
      bin:x:2:
      sys:x:3:
      adm:x:4:
      tty:x:5:
      disk:x:6:
      lp:x:7:
      mail:x:8:
      news:x:9:
      uucp:x:10:
      man:x:12:
      proxy:x:13:
      kmem:x:15:
      dialout:x:20:
      fax:x:21:
      voice:x:22:
      cdrom:x:24:
      floppy:x:25:
      tape:x:26:
      sudo:x:27:
      audio:x:29:
      dip:x:30:
      www-data:x:33:
      backup:x:34:
      operator:x:37:
      list:x:38:
      irc:x:39:
      src:x:40:
      shadow:x:42:
      utmp:x:43:
      video:x:44:
      sasl:x:45:
      plugdev:x:46:
      staff:x:50:
      games:x:60:
      users:x:100:
      nogroup:x:65534:
      """;

  static final String JENKINS_GROUP = "jenkins:x:1000:\n";

  static final String GSHADOW =
      """
      root:*::
      daemon:*::
      bin:*::
      sys:*::
      adm:*::
      tty:*::
      disk:*::
      lp:*::
      mail:*::
      news:*::
      uucp:*::
      man:*::
      proxy:*::
      kmem:*::
      dialout:*::
      fax:*::
      voice:*::
      cdrom:*::
      floppy:*::
      tape:*::
      sudo:*::
      audio:*::
      dip:*::
      www-data:*::
      backup:*::
      operator:*::
      list:*::
      irc:*::
      src:*::
      shadow:*::
      utmp:*::
      video:*::
      sasl:*::
      plugdev:*::
      staff:*::
      games:*::
      users:*::
      nogroup:*::
      """;

  static final String JENKINS_GSHADOW = "jenkins:!::\n";

  static final String SHADOW =
      """
      root:*:19676:0:99999:7:::
      daemon:*:19676:0:99999:7:::
      bin:*:19676:0:99999:7:::
      sys:*:19676:0:99999:7:::
      sync:*:19676:0:99999:7:::
      games:*:19676:0:99999:7:::
      man:*:19676:0:99999:7:::
      lp:*:19676:0:99999:7:::
      mail:*:19676:0:99999:7:::
      news:*:19676:0:99999:7:::
      uucp:*:19676:0:99999:7:::
      proxy:*:19676:0:99999:7:::
      www-data:*:19676:0:99999:7:::
      backup:*:19676:0:99999:7:::
      list:*:19676:0:99999:7:::
      irc:*:19676:0:99999:7:::
      _apt:*:19676:0:99999:7:::
      nobody:*:19676:0:99999:7:::
      """;

  static final String JENKINS_SHADOW = "jenkins:!:19690:0:99999:7:::\n";

  private Fixtures() {}

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** A file owned by root:root, mode 0644, as Debian has passwd and group. */
  static ImageFile world(String path, String content) {
    return new ImageFile(path, bytes(content), 0644, 0, 0);
  }

  /** A file owned by root:shadow (GID 42), mode 0640, as Debian has shadow and gshadow. */
  static ImageFile secret(String path, String content) {
    return new ImageFile(path, bytes(content), 0640, 0, 42);
  }

  /** The Jenkins image's database: Debian plus user jenkins 1000:1000, no docker group. */
  static AccountFiles jenkinsImage() {
    return files(
        PASSWD + JENKINS_PASSWD,
        GROUP + JENKINS_GROUP,
        GSHADOW + JENKINS_GSHADOW,
        SHADOW + JENKINS_SHADOW);
  }

  /** The Jenkins image's database with extra group lines (and their gshadow lines) appended. */
  static AccountFiles jenkinsImageWith(String groupLines, String gshadowLines) {
    return files(
        PASSWD + JENKINS_PASSWD,
        GROUP + JENKINS_GROUP + groupLines,
        GSHADOW + JENKINS_GSHADOW + gshadowLines,
        SHADOW + JENKINS_SHADOW);
  }

  /** A plain Debian database, without user jenkins. */
  static AccountFiles debian() {
    return files(PASSWD, GROUP, GSHADOW, SHADOW);
  }

  static AccountFiles files(String passwd, String group, String gshadow, String shadow) {
    return new AccountFiles(
        world(AccountFiles.PASSWD, passwd),
        world(AccountFiles.GROUP, group),
        gshadow == null ? null : secret(AccountFiles.GSHADOW, gshadow),
        shadow == null ? null : secret(AccountFiles.SHADOW, shadow));
  }
}
