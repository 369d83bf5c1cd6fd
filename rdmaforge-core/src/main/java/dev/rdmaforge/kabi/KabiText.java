package dev.rdmaforge.kabi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The text form of the matrix: one row per package, one column per kernel, a short verdict per
 * cell ({@code *} marks a cell where RPM's {@code kernel(sym)} requirements disagree with what the
 * kernel does), then the details of every failing cell and every disagreement.
 */
public final class KabiText {
  private static final Map<String, String> SHORT = Map.ofEntries(
      Map.entry("loads", "loads"),
      Map.entry(KabiCell.WEAK_UPDATES, "weak-updates"),
      Map.entry("symbol-version-mismatch", "CRC"),
      Map.entry("vermagic-mismatch", "vermagic"),
      Map.entry("unknown-symbol", "unknown-sym"),
      Map.entry("signature-rejected", "signature"),
      Map.entry("dependency-failed", "dependency"),
      Map.entry("invalid-module", "invalid"),
      Map.entry("not-found", "not-found"));

  private KabiText() {}

  public static String render(KabiMatrix matrix) {
    StringBuilder out = new StringBuilder();
    List<String> header = new ArrayList<>();
    header.add("package");
    matrix.kernels().forEach(k -> header.add(k.release() + " (" + k.kind().id() + ")"));
    List<List<String>> rows = new ArrayList<>();
    rows.add(header);
    int i = 0;
    for (KabiPackage p : matrix.packages()) {
      List<String> row = new ArrayList<>();
      row.add(p.label());
      for (int k = 0; k < matrix.kernels().size(); k++) {
        KabiCell c = matrix.cells().get(i++);
        String s = SHORT.getOrDefault(c.verdict(), c.verdict());
        row.add(c.rpm() != null && !c.rpm().agrees() ? s + "*" : s);
      }
      rows.add(row);
    }
    int[] widths = new int[header.size()];
    for (List<String> row : rows) {
      for (int c = 0; c < row.size(); c++) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.size(); c++) {
        line.append(row.get(c)).append(" ".repeat(widths[c] - row.get(c).length() + 2));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    out.append('\n');
    if (matrix.cells().stream().anyMatch(c -> c.rpm() != null && !c.rpm().agrees())) {
      out.append("* RPM's kernel(sym) requirements disagree with what the kernel does\n");
    }
    for (KabiKernel k : matrix.kernels()) {
      for (String limit : k.limits()) {
        out.append(k.release()).append(": ").append(limit).append('\n');
      }
    }
    for (KabiCell c : matrix.cells()) {
      boolean disagrees = c.rpm() != null && !c.rpm().agrees();
      if (c.loads() && !disagrees) {
        continue;
      }
      out.append('\n').append(c.pkg()).append(" on ").append(c.kernel()).append(": ")
          .append(c.verdict()).append('\n');
      for (KabiModule m : c.modules()) {
        out.append("  ").append(m.name()).append(" (").append(m.file()).append("): ")
            .append(m.verdict());
        if (!m.loads()) {
          out.append(": ").append(m.message());
        }
        out.append('\n');
        for (KabiModule.Mismatch x : m.mismatches()) {
          out.append("    ").append(x.symbol()).append(": module ")
              .append(SymversJudge.hex(x.moduleCrc())).append(", ").append(x.provider())
              .append(' ').append(SymversJudge.hex(x.providerCrc())).append('\n');
        }
      }
      if (!c.providers().isEmpty()) {
        out.append("  with ").append(String.join(", ", c.providers())).append('\n');
      }
      if (c.rpm() != null) {
        out.append("  rpm: kernel(sym) requirements ")
            .append(c.rpm().satisfied() ? "all met" : c.rpm().unsatisfied().size() + " unmet")
            .append(disagrees ? " (disagrees with the kernel)" : "").append('\n');
        for (String u : c.rpm().unsatisfied()) {
          out.append("    ").append(u).append('\n');
        }
      }
    }
    return out.toString();
  }
}
