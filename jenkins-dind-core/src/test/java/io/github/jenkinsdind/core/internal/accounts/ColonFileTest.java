package io.github.jenkinsdind.core.internal.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ColonFileTest {

  private static byte[] latin1(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void givesBackExactlyTheBytesItRead() {
    byte[][] samples = {
      new byte[0],
      latin1("\n"),
      latin1("\n\n\r\n"),
      latin1("root:x:0:\n"),
      latin1("root:x:0:"),
      latin1("root:x:0:\r\nbin:x:2:\r\n"),
      latin1("root:x:0:\r\nbin:x:2:"),
      latin1("# comment\n\n   \n  root:x:0: \t\nbin:x:2:\rstill-bin\n"),
      latin1("mixed:x:1:\r\nendings:x:2:\n"),
      latin1("caf\u00e9:x:1:\n\u00ff\u0000:bytes\n"),
    };
    for (byte[] sample : samples) {
      assertThat(ColonFile.parse(sample).toBytes()).isEqualTo(sample);
    }
  }

  @Test
  void splitsLinesAtNewlinesAndKeepsTheirEndings() {
    ColonFile file = ColonFile.parse(latin1("a:1\r\nb:2\nc\rd:3"));

    assertThat(file.lines())
        .containsExactly(new Line("a:1", "\r\n"), new Line("b:2", "\n"), new Line("c\rd:3", ""));
  }

  @Test
  void appendsWithNewlineToANewlineTerminatedFile() {
    assertThat(ColonFile.parse(latin1("a:1\n")).append("b:2").toBytes())
        .isEqualTo(latin1("a:1\nb:2\n"));
  }

  @Test
  void appendsWithCrlfToACrlfFile() {
    assertThat(ColonFile.parse(latin1("a:1\r\nb:2\r\n")).append("c:3").toBytes())
        .isEqualTo(latin1("a:1\r\nb:2\r\nc:3\r\n"));
  }

  @Test
  void keepsAMissingFinalNewlineMissing() {
    assertThat(ColonFile.parse(latin1("a:1\nb:2")).append("c:3").toBytes())
        .isEqualTo(latin1("a:1\nb:2\nc:3"));
    assertThat(ColonFile.parse(latin1("a:1\r\nb:2")).append("c:3").toBytes())
        .isEqualTo(latin1("a:1\r\nb:2\r\nc:3"));
  }

  @Test
  void appendsToAnEmptyFile() {
    assertThat(ColonFile.parse(new byte[0]).append("a:1").toBytes()).isEqualTo(latin1("a:1\n"));
  }

  @Test
  void refusesALineBreakInANewLine() {
    ColonFile file = ColonFile.parse(latin1("a:1\n"));

    assertThatThrownBy(() -> file.append("b:2\nroot::0:0::/:/bin/sh"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> file.append("b:2\r")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void replacesOneFieldAndKeepsTheRestOfTheLine() {
    Line line = new Line("  docker:x:998: alice ,bob", "\r\n");

    assertThat(line.withField(2, "999")).isEqualTo(new Line("  docker:x:999: alice ,bob", "\r\n"));
    assertThat(new Line("docker:x:999", "\n").withField(3, "jenkins"))
        .isEqualTo(new Line("docker:x:999:jenkins", "\n"));
  }

  @Test
  void tellsEntriesFromCommentsBlanksAndNisLines() {
    assertThat(new Line("root:x:0:", "\n").isEntry()).isTrue();
    assertThat(new Line("  root:x:0:", "\n").isEntry()).isTrue();
    assertThat(new Line("", "\n").isEntry()).isFalse();
    assertThat(new Line(" \t", "\n").isEntry()).isFalse();
    assertThat(new Line("# root:x:0:", "\n").isEntry()).isFalse();
    assertThat(new Line("  #root:x:0:", "\n").isEntry()).isFalse();
    assertThat(new Line("+", "\n").isEntry()).isFalse();
    assertThat(new Line("-@netgroup", "\n").isEntry()).isFalse();
  }

  @Test
  void addsMembersAfterTheExistingText() {
    assertThat(ColonFile.addMember("", "jenkins")).isEqualTo("jenkins");
    assertThat(ColonFile.addMember(" ", "jenkins")).isEqualTo("jenkins");
    assertThat(ColonFile.addMember("alice", "jenkins")).isEqualTo("alice,jenkins");
    assertThat(ColonFile.addMember("alice, bob", "jenkins")).isEqualTo("alice, bob,jenkins");
    assertThat(ColonFile.addMember("alice,", "jenkins")).isEqualTo("alice,jenkins");
    assertThat(ColonFile.members(" alice, bob,,")).containsExactly("alice", "bob");
  }

  @Test
  void parsesIds() {
    assertThat(ColonFile.parseId("999")).isEqualTo(999);
    assertThat(ColonFile.parseId(" 999 ")).isEqualTo(999);
    assertThat(ColonFile.parseId("4294967294")).isEqualTo(4294967294L);
    assertThat(ColonFile.parseId("")).isEqualTo(-1);
    assertThat(ColonFile.parseId("-1")).isEqualTo(-1);
    assertThat(ColonFile.parseId("x")).isEqualTo(-1);
    assertThat(ColonFile.parseId("12345678901234567890")).isEqualTo(-1);
  }
}
