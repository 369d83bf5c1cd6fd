package dev.rdmaforge.build.exec.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build log as rpmbuild appends to it while the view polls: pieces that end mid-line, a file
 * that does not exist yet, and one replaced by a shorter file.
 */
class LogFollowerTest {
  @TempDir Path dir;

  private void append(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  @Test
  void poll_beforeTheFileExists_isWaiting() throws IOException {
    LogFollower f = new LogFollower(dir.resolve("build.log"));

    assertThat(f.poll()).isEmpty();
    assertThat(f.exists()).isFalse();
  }

  @Test
  void poll_appendedInPieces_returnsOnlyCompleteLinesOnce() throws IOException {
    Path log = dir.resolve("build.log");
    LogFollower f = new LogFollower(log);
    append(log, "$ rpmbuild --rebuild x.src.rpm\nExecuting(%pr");

    assertThat(f.poll()).containsExactly("$ rpmbuild --rebuild x.src.rpm");
    assertThat(f.exists()).isTrue();
    assertThat(f.poll()).isEmpty();

    append(log, "ep): /bin/sh -e /tmp/rpm-tmp.a\r\n  CC [M]  /b/a.o\n  CC [M]");
    assertThat(f.poll()).containsExactly("Executing(%prep): /bin/sh -e /tmp/rpm-tmp.a",
        "  CC [M]  /b/a.o");

    append(log, "  /b/b.o\n");
    assertThat(f.poll()).containsExactly("  CC [M]  /b/b.o");
    assertThat(f.offset()).isEqualTo(Files.size(log));
  }

  @Test
  void poll_multiByteCharacterSplitAcrossPieces_decodesWhole() throws IOException {
    // gcc quotes with U+2018/U+2019 under a UTF-8 locale; a piece may end inside one.
    Path log = dir.resolve("build.log");
    LogFollower f = new LogFollower(log);
    byte[] quote = "\u2018x\u2019\n".getBytes(StandardCharsets.UTF_8);
    Files.write(log, java.util.Arrays.copyOf(quote, 2));
    assertThat(f.poll()).isEmpty();
    Files.write(log, java.util.Arrays.copyOfRange(quote, 2, quote.length),
        StandardOpenOption.APPEND);

    assertThat(f.poll()).containsExactly("\u2018x\u2019");
  }

  @Test
  void poll_fileReplacedByAShorterOne_startsAgain() throws IOException {
    Path log = dir.resolve("build.log");
    LogFollower f = new LogFollower(log);
    append(log, "an old run's first line\nand its second\n");
    f.poll();
    Files.writeString(log, "$ new\n");

    assertThat(f.poll()).containsExactly("$ new");
  }

  @Test
  void poll_overlongLine_keepsItsHead() throws IOException {
    Path log = dir.resolve("build.log");
    LogFollower f = new LogFollower(log);
    append(log, "x".repeat(LogFollower.MAX_LINE * 3) + "\nnext\n");

    assertThat(f.poll()).containsExactly("x".repeat(LogFollower.MAX_LINE), "next");
  }

  @Test
  void watch_followsTheGrowingLogThroughItsPhases() throws IOException {
    Path log = dir.resolve("build.log");
    BuildLogWatch w = new BuildLogWatch(log);
    assertThat(w.poll()).isEqualTo(StepProgress.waiting());

    append(log, "$ rpmbuild --rebuild x.src.rpm\n");
    assertThat(w.poll().phase()).isEqualTo(BuildPhase.STARTING);
    append(log, "Executing(%build): /bin/sh -e /tmp/rpm-tmp.b\n  CC [M]  /b/ofa_core.o\n"
        + "  LD [M]");
    StepProgress p = w.poll();

    assertThat(p.phase()).isEqualTo(BuildPhase.BUILDING);
    assertThat(p.label()).isEqualTo("%build");
    assertThat(p.detail()).isEqualTo("CC [M] ofa_core.o");
  }
}
