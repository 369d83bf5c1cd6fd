package dev.rdmaforge.cli;

import static dev.rdmaforge.cli.PlainProgressTest.KNEM;
import static dev.rdmaforge.cli.PlainProgressTest.LUSTRE;
import static dev.rdmaforge.cli.PlainProgressTest.OFA;
import static dev.rdmaforge.cli.PlainProgressTest.outcome;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.build.exec.StepOutcome;
import dev.rdmaforge.build.exec.progress.BuildPhase;
import dev.rdmaforge.build.exec.progress.StepProgress;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The terminal view of the ofed-like stack rebuilt for 6.1.0-56 (knem-like cached, ofa-like
 * compiling, lustre-like waiting for it), drawn into a string with a fixed width and a clock the
 * test moves; no redrawing thread is started.
 */
class TerminalProgressTest {
  private static final long SECOND = 1_000_000_000L;

  @TempDir Path dir;

  private final StringWriter sw = new StringWriter();
  private final AtomicLong clock = new AtomicLong(1000 * SECOND);

  private TerminalProgress view(int width) {
    return new TerminalProgress(new PrintWriter(sw), 3, width, clock::get);
  }

  @Test
  void redraw_showsABarPerRunningStepAndTheTotal() throws IOException {
    TerminalProgress v = view(81);
    v.finished(KNEM, outcome(KNEM, StepOutcome.Status.CACHED, 0, ""));
    v.started(OFA);
    Path log = dir.resolve("build.log");
    v.logging(OFA, log);
    v.redraw();
    assertThat(v.frame()).containsExactly(
        "[..........] rebuild/ofa-like/6.1.0-56-amd64  waiting  0.0 s",
        "1/3 steps done (1 cached), 1 running");

    Files.writeString(log, "Executing(%build): /bin/sh -e /tmp/rpm-tmp.x\n"
        + "  CC [M]  /r/top/BUILD/ofa-like-1.0/ofa_core.o\n  CC [M]  /r/top/BUILD/ofa");
    clock.addAndGet(12_300_000_000L);
    v.redraw();

    assertThat(v.frame()).containsExactly(
        "[#.........] rebuild/ofa-like/6.1.0-56-amd64  %build  CC [M] ofa_core.o  12.3 s",
        "1/3 steps done (1 cached), 1 running");
    assertThat(AnsiScreen.after(sw.toString())).containsExactly(
        "cached   rebuild/knem-like/6.1.0-56-amd64",
        "[#.........] rebuild/ofa-like/6.1.0-56-amd64  %build  CC [M] ofa_core.o  12.3 s",
        "1/3 steps done (1 cached), 1 running");
  }

  @Test
  void finished_printsThePermanentLineAboveTheBars_andCloseLeavesOnlyThoseLines() {
    TerminalProgress v = view(80);
    v.started(OFA);
    v.redraw();
    clock.addAndGet(2 * SECOND);
    v.finished(OFA, outcome(OFA, StepOutcome.Status.BUILT, 2_000, ""));
    v.started(LUSTRE);
    v.redraw();
    v.finished(LUSTRE, outcome(LUSTRE, StepOutcome.Status.FAILED, 100,
        "rpmbuild exited with 1: see /w/logs/dependent_lustre-like_6.1.0-56-amd64.log"));
    assertThat(AnsiScreen.after(sw.toString())).containsExactly(
        "built    rebuild/ofa-like/6.1.0-56-amd64 in 2.0 s",
        "FAILED   dependent/lustre-like/6.1.0-56-amd64 after 0.1 s: rpmbuild exited with 1: see"
            + " /w/logs/dependent_lustre-like_6.1.0-56-amd64.log",
        "2/3 steps done (0 cached, 1 failed), 0 running");

    v.close();
    v.redraw(); // a tick that was already waiting for the lock draws nothing after close

    assertThat(AnsiScreen.after(sw.toString())).containsExactly(
        "built    rebuild/ofa-like/6.1.0-56-amd64 in 2.0 s",
        "FAILED   dependent/lustre-like/6.1.0-56-amd64 after 0.1 s: rpmbuild exited with 1: see"
            + " /w/logs/dependent_lustre-like_6.1.0-56-amd64.log");
    assertThat(sw.toString()).contains("\u001b[2K", "\u001b[2A\u001b[J")
        .endsWith("\u001b[1A\u001b[J");
  }

  @Test
  void render_fitsTheWidth_cuttingTheDetailFirstThenTheMiddleOfTheId() {
    StepProgress p = new StepProgress(BuildPhase.BUILDING, "%build",
        "CC [M] mlx5_ib_devx_async_cmd.o", 0.55);
    String full = ProgressLine.render(OFA, p, 75 * SECOND, 200);
    assertThat(full).isEqualTo("[#####.....] rebuild/ofa-like/6.1.0-56-amd64  %build  CC [M]"
        + " mlx5_ib_devx_async_cmd.o  75.0 s");

    assertThat(ProgressLine.render(OFA, p, 75 * SECOND, 70)).isEqualTo(
        "[#####.....] rebuild/ofa-like/6.1.0-56-amd64  %build  CC [M...  75.0 s");
    assertThat(ProgressLine.render(OFA, p, 75 * SECOND, 60)).isEqualTo(
        "[#####.....] rebuild/ofa-like/6.1.0-56-amd64  %build  75.0 s");
    assertThat(ProgressLine.render(OFA, p, 75 * SECOND, 40)).isEqualTo(
        "[#####.....] rebuild/...56-amd64  75.0 s");
    for (int w = 1; w < 100; w++) {
      assertThat(ProgressLine.render(OFA, p, 75 * SECOND, w).length()).isLessThanOrEqualTo(w);
    }
  }

  @Test
  void render_controlCharactersFromTheLog_neverReachTheTerminal() {
    StepProgress p = new StepProgress(BuildPhase.BUILDING, "%build", "CC [M] \u001b[31mx\u2019.o",
        0.1);

    assertThat(ProgressLine.render(OFA, p, 0, 100)).doesNotContain("\u001b")
        .contains("CC [M] ?[31mx?.o");
  }

  @Test
  void width_fromColumns() {
    assertThat(TerminalProgress.width("132")).isEqualTo(132);
    assertThat(TerminalProgress.width(null)).isEqualTo(80);
    assertThat(TerminalProgress.width("wide")).isEqualTo(80);
  }
}
