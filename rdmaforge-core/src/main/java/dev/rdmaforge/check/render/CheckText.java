package dev.rdmaforge.check.render;

import dev.rdmaforge.check.CheckReport;
import dev.rdmaforge.check.ModuleResult;
import dev.rdmaforge.check.Taint;
import dev.rdmaforge.check.Verdict;
import dev.rdmaforge.report.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report for people: one line per module (what happens and why), then the findings with the
 * fix for each, then where the kernel's facts came from. With many modules, only those that do
 * not load are listed one by one.
 */
public final class CheckText {
  private CheckText() {}

  public static String render(CheckReport report, boolean verbose) {
    StringBuilder out = new StringBuilder();
    long loads = report.results().stream().filter(r -> r.verdict().loads()).count();
    out.append("kernel ").append(report.kernel()).append(": ").append(loads).append(" of ")
        .append(report.results().size()).append(report.results().size() == 1 ? " module" : " modules")
        .append(" load\n");
    boolean all = verbose || report.results().size() <= 50;
    for (ModuleResult r : report.results()) {
      if (!all && r.verdict().loads()) {
        continue;
      }
      out.append('\n').append(r.module()).append("  ")
          .append(r.verdict().id().toUpperCase(Locale.ROOT));
      if (r.file() != null) {
        out.append("  ").append(r.file());
      }
      out.append('\n');
      out.append("  why: ").append(r.why()).append('\n');
      if (!r.symbols().isEmpty()) {
        out.append("  symbols: ").append(String.join(", ", r.symbols())).append('\n');
      }
      if (r.verdict() == Verdict.DEPENDENCY_FAILED) {
        out.append("  blocked by: ").append(r.blockedBy()).append('\n');
      }
      if (!r.taints().isEmpty()) {
        List<String> t = new ArrayList<>();
        for (Taint taint : r.taints()) {
          t.add(taint.id() + " (" + taint.letter() + ")");
        }
        out.append("  taints: ").append(String.join(", ", t)).append('\n');
      }
      if (r.loadOrder().size() > 1) {
        out.append("  modprobe inserts: ").append(String.join(" -> ", r.loadOrder())).append('\n');
      }
    }
    if (!all) {
      out.append("\n(").append(loads).append(" modules that load are not listed; use --verbose)\n");
    }
    if (!report.findings().isEmpty()) {
      out.append("\nfindings:\n");
      for (Finding f : report.findings()) {
        out.append(f.severity().name().toLowerCase(Locale.ROOT)).append(' ').append(f.rule())
            .append(' ').append(f.location()).append('\n');
        out.append("  ").append(f.message()).append('\n');
        if (!f.fix().isEmpty()) {
          out.append("  fix: ").append(f.fix()).append('\n');
        }
      }
    }
    out.append("\nkernel facts:\n");
    for (String s : report.sources()) {
      out.append("  ").append(s).append('\n');
    }
    return out.toString();
  }
}
