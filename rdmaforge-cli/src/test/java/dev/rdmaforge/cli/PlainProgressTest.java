package dev.rdmaforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.build.exec.StepOutcome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Plain mode prints exactly the lines {@code build} printed before the terminal view existed
 * (scripts and CI logs grep them: {@code BuildIT} looks for {@code built    ID}).
 */
class PlainProgressTest {
  static final String OFA = "rebuild/ofa-like/6.1.0-56-amd64";
  static final String KNEM = "rebuild/knem-like/6.1.0-56-amd64";
  static final String LUSTRE = "dependent/lustre-like/6.1.0-56-amd64";

  static StepOutcome outcome(String id, StepOutcome.Status status, long millis, String message) {
    return new StepOutcome(id, status, Duration.ofMillis(millis),
        status == StepOutcome.Status.BUILT || status == StepOutcome.Status.CACHED
            ? Optional.of(Path.of("/store/" + id)) : Optional.empty(), message, Optional.empty());
  }

  @Test
  void events_printTheOldLines() {
    StringWriter sw = new StringWriter();
    try (PlainProgress p = new PlainProgress(new PrintWriter(sw))) {
      p.finished(KNEM, outcome(KNEM, StepOutcome.Status.CACHED, 0, ""));
      p.started(OFA);
      p.finished(OFA, outcome(OFA, StepOutcome.Status.BUILT, 12_345, ""));
      p.started(LUSTRE);
      p.finished(LUSTRE, outcome(LUSTRE, StepOutcome.Status.FAILED, 51,
          "rpmbuild exited with 1: see /w/logs/x.log"));
      p.finished("dependent/x/6.1.0-56-amd64", outcome("dependent/x/6.1.0-56-amd64",
          StepOutcome.Status.SKIPPED, 0, "not run: it needs " + LUSTRE + ", which failed"));
    }

    assertThat(sw.toString()).isEqualTo("""
        cached   rebuild/knem-like/6.1.0-56-amd64
        started  rebuild/ofa-like/6.1.0-56-amd64
        built    rebuild/ofa-like/6.1.0-56-amd64 in 12.3 s
        started  dependent/lustre-like/6.1.0-56-amd64
        FAILED   dependent/lustre-like/6.1.0-56-amd64 after 0.1 s: rpmbuild exited with 1: see\
         /w/logs/x.log
        skipped  dependent/x/6.1.0-56-amd64: not run: it needs\
         dependent/lustre-like/6.1.0-56-amd64, which failed
        """);
  }

  @Test
  void open_plainOrNoTerminal_isPlain() {
    // Surefire's forked JVM has no console: auto is plain there, as in a pipe or CI log.
    PrintWriter out = new PrintWriter(new StringWriter());
    assertThat(BuildProgress.open(ProgressMode.PLAIN, out, 3)).isInstanceOf(PlainProgress.class);
    assertThat(BuildProgress.open(ProgressMode.AUTO, out, 3)).isInstanceOf(PlainProgress.class);
  }

  @Test
  void bars_onlyOnATerminalThatCanMoveTheCursor() {
    assertThat(ProgressMode.AUTO.bars(true, "xterm-256color")).isTrue();
    assertThat(ProgressMode.AUTO.bars(true, "dumb")).isFalse(); // Emacs M-x shell
    assertThat(ProgressMode.AUTO.bars(false, "xterm")).isFalse(); // | tee build.log
    assertThat(ProgressMode.TTY.bars(false, "dumb")).isTrue();
    assertThat(ProgressMode.PLAIN.bars(true, "xterm")).isFalse();
    assertThat(new ProgressMode.Converter().convert("tty")).isEqualTo(ProgressMode.TTY);
  }
}
