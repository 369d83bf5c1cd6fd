package dev.rdmaforge.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Runs the real depmod and ours on the very same module tree, one after the other, and compares
 * what they wrote, printed and returned.
 *
 * <p>One tree rather than two copies: depmod's tie-breaking follows readdir order, and only the
 * same directory is guaranteed to list in the same order on every file system. Between the runs the
 * real depmod's files are moved out, so ours starts from exactly the same tree.
 */
public final class DepmodSideBySide {

  private DepmodSideBySide() {}

  /**
   * One tool's run.
   *
   * @param process exit code and output streams
   * @param outputs directory holding the files the run wrote into the module directory
   */
  public record Run(ProcessResult process, Path outputs) {}

  /**
   * Both runs and the comparison of their files.
   *
   * @param real the reference run (kmod's depmod)
   * @param ours rdmaforge's run
   * @param files the byte-for-byte comparison of the written files
   */
  public record Result(Run real, Run ours, OutputComparison files) {

    /**
     * Every way the two runs differ: exit code, the set of stderr lines, and each differing file.
     * Empty when ours is a drop-in for the real one on this tree.
     */
    public List<String> mismatches() {
      List<String> mismatches = new ArrayList<>();
      if (real.process().exitCode() != ours.process().exitCode()) {
        mismatches.add(
            "exit code: real depmod "
                + real.process().exitCode()
                + ", ours "
                + ours.process().exitCode());
      }
      Set<String> onlyReal = new TreeSet<>(real.process().stderrLines());
      onlyReal.removeAll(ours.process().stderrLines());
      Set<String> onlyOurs = new TreeSet<>(ours.process().stderrLines());
      onlyOurs.removeAll(real.process().stderrLines());
      onlyReal.forEach(line -> mismatches.add("stderr only from real depmod: " + line));
      onlyOurs.forEach(line -> mismatches.add("stderr only from ours: " + line));
      mismatches.addAll(files.differences());
      return mismatches;
    }

    /** A report for assertion messages: the differences, then both command lines and outputs. */
    public String report() {
      List<String> mismatches = mismatches();
      return (mismatches.isEmpty() ? "no differences" : String.join("\n", abbreviated(mismatches)))
          + "\n--- real depmod:\n"
          + real.process().describe()
          + "\n--- ours:\n"
          + ours.process().describe();
    }

    private static List<String> abbreviated(List<String> lines) {
      int limit = 60;
      if (lines.size() <= limit) {
        return lines;
      }
      List<String> head = new ArrayList<>(lines.subList(0, limit));
      head.add("... and " + (lines.size() - limit) + " more");
      return head;
    }
  }

  /**
   * Runs {@code real}, saves its outputs to {@code workDir/real}, then runs {@code ours} on the
   * restored tree and saves its outputs to {@code workDir/ours}. Existing depmod outputs in {@code
   * modulesDir} are deleted first.
   *
   * @param modulesDir the {@code lib/modules/KVER} both commands write into
   */
  public static Result run(
      Path modulesDir, Path workDir, Supplier<ProcessResult> real, Supplier<ProcessResult> ours) {
    DepmodOutputs.clean(modulesDir);
    Set<String> before = DepmodOutputs.topLevelFiles(modulesDir);
    Run realRun = runAndCollect(modulesDir, before, real, workDir.resolve("real"));
    Run ourRun = runAndCollect(modulesDir, before, ours, workDir.resolve("ours"));
    return new Result(realRun, ourRun, DepmodOutputs.compare(realRun.outputs(), ourRun.outputs()));
  }

  private static Run runAndCollect(
      Path modulesDir, Set<String> before, Supplier<ProcessResult> command, Path outputs) {
    ProcessResult process = command.get();
    // A missing module directory is a legitimate scenario: then nothing was written.
    if (modulesDir.toFile().isDirectory()) {
      DepmodOutputs.moveNewFiles(modulesDir, before, outputs);
    } else {
      outputs.toFile().mkdirs();
    }
    return new Run(process, outputs);
  }
}
