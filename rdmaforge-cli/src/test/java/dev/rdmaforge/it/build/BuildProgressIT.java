package dev.rdmaforge.it.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.cli.AnsiScreen;
import dev.rdmaforge.testkit.DebianKernels;
import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.Processes;
import dev.rdmaforge.testkit.Rdmaforge;
import dev.rdmaforge.testkit.Tools;
import dev.rdmaforge.testkit.bundle.SyntheticBundle;
import dev.rdmaforge.testkit.bundle.SyntheticBundles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rdmaforge build} of the ofed-like stack (the 6.1.0-47 bundle and its lustre-like
 * dependent rebuilt for 6.1.0-56, three real rpmbuild steps) as a person sees it in a terminal:
 * run under a pseudo-terminal made by util-linux {@code script}, it draws progress bars with ANSI
 * sequences, and the screen it leaves holds the same permanent lines as the plain output of the
 * same build in a pipe (the {@code started} lines aside, which the bars replace); asked for
 * {@code --progress=plain}, it prints lines on a terminal too.
 */
class BuildProgressIT {
  private static final int COLUMNS = 100;
  private static final Pattern SECONDS = Pattern.compile("\\d+\\.\\d s");
  private static final Pattern BAR = Pattern.compile("\\[[#.]{10}] (rebuild|dependent)/[a-z-]+/"
      + Pattern.quote(DebianKernels.newest61().release()) + "  ");

  @TempDir Path dir;

  /** A stack in its own directory ({@code output: ./out} is relative to it). */
  private Path stack(String name) throws IOException {
    return stack(name, "[\"--with-o2ib={provider.devel}\"]");
  }

  private Path stack(String name, String options) throws IOException {
    SyntheticBundle bundle = SyntheticBundles.forRelease(DebianKernels.oldest61().release());
    String release = DebianKernels.newest61().release();
    Path home = Files.createDirectories(dir.resolve(name));
    return Files.writeString(home.resolve("stack.yaml"), "bundle: " + bundle.bundleDir() + "\n"
        + "kernels:\n"
        + "  - release: " + release + "\n"
        + "    headers: /usr/src/linux-headers-" + release + "\n"
        + "dependents:\n"
        + "  - name: lustre-like\n"
        + "    source: " + bundle.dependentSrpm() + "\n"
        + "    provider: kmod-ofa-like\n"
        + "    options: " + options + "\n"
        + "output:\n"
        + "  format: rpm\n"
        + "  directory: ./out\n"
        + "  repository: yum\n");
  }

  private List<String> args(Path stack, String... more) {
    List<String> args = new ArrayList<>(List.of("build", stack.toString(), "--store",
        stack.resolveSibling("store").toString(), "--work", dir.toString()));
    args.addAll(List.of(more));
    return args;
  }

  /** Runs rdmaforge with a pseudo-terminal as its stdin and stdout, as an xterm would. */
  private ProcessResult underPty(List<String> args) {
    String script = Tools.require("script", "util-linux").toString();
    String command = Rdmaforge.command(args).stream().map(a -> "'" + a + "'")
        .collect(Collectors.joining(" "));
    return Processes.run(null, List.of("env", "TERM=xterm", "COLUMNS=" + COLUMNS, script,
        "-q", "-e", "-c", command, "/dev/null"));
  }

  /** Lines with times and the stack's own directory made comparable. */
  private static List<String> normalised(List<String> lines, Path stack) {
    return lines.stream()
        .map(l -> SECONDS.matcher(l.replace(stack.getParent().toString(), "STACK")).replaceAll("T"))
        .toList();
  }

  @Test
  void build_onATerminal_drawsBars_andLeavesThePlainLines() throws IOException {
    Path plainStack = stack("plain");
    ProcessResult plain = Rdmaforge.run(args(plainStack));
    assertThat(plain.exitCode()).as(plain.describe()).isZero();
    assertThat(plain.stdout()).doesNotContain("\u001b").contains("started  ");

    Path ttyStack = stack("tty");
    ProcessResult tty = underPty(args(ttyStack));
    assertThat(tty.exitCode()).as(tty.describe()).isZero();
    String raw = tty.stdout();
    assertThat(raw).contains("\u001b[2K", "\u001b[J", " steps done (0 cached), ")
        .doesNotContain("started  ");
    assertThat(BAR.matcher(raw).find()).as(raw).isTrue();
    // Every drawn line fits the terminal, so the redraw's line count stays right.
    for (String line : raw.split("\r\n|\n")) {
      String text = line.replaceAll("\u001b\\[[0-9]*[A-Za-z]", "").replace("\r", "");
      assertThat(text.length()).as(text).isLessThan(COLUMNS);
    }

    List<String> screen = normalised(AnsiScreen.after(raw.replace("\r\n", "\n")), ttyStack);
    List<String> expected = normalised(plain.stdout().lines()
        .filter(l -> !l.startsWith("started  ")).toList(), plainStack);
    // The three steps finish in whatever order the parallel builds end; what follows is fixed.
    int steps = 3;
    assertThat(screen).hasSameSizeAs(expected);
    assertThat(screen.subList(0, steps))
        .containsExactlyInAnyOrderElementsOf(expected.subList(0, steps));
    assertThat(screen.subList(steps, screen.size()))
        .containsExactlyElementsOf(expected.subList(steps, expected.size()));
    assertThat(screen).noneMatch(l -> BAR.matcher(l).find() || l.contains("steps done"));

    // Asked for plain lines on a terminal (everything cached now): no escape sequences.
    ProcessResult asked = underPty(args(plainStack, "--progress=plain"));
    assertThat(asked.exitCode()).as(asked.describe()).isZero();
    assertThat(asked.stdout()).doesNotContain("\u001b").contains("cached   rebuild/ofa-like/");
  }

  /**
   * Lustre's configure refusing a bad {@code --with-o2ib} path (Azure/azhpc-images#570): the
   * failure's lines and the summary on stderr come after the bars are gone.
   */
  @Test
  void build_failingOnATerminal_leavesNoBars() throws IOException {
    Path stack = stack("failing", "[\"--with-o2ib=/nonexistent\"]");
    ProcessResult tty = underPty(args(stack));

    assertThat(tty.exitCode()).as(tty.describe()).isEqualTo(1);
    assertThat(tty.stdout()).contains("\u001b[J");
    List<String> screen = AnsiScreen.after(tty.stdout().replace("\r\n", "\n"));
    assertThat(screen).anyMatch(l -> l.startsWith("FAILED   dependent/lustre-like/"))
        .anyMatch(l -> l.startsWith("build failed: 1 step(s) failed"))
        .noneMatch(l -> BAR.matcher(l).find() || l.contains("steps done"));
  }
}
