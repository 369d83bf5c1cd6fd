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
 * A self-contained HTML page (no scripts, no external files) for a browser: a summary, each
 * failing module with its modprobe chain drawn as boxes from the first module inserted to the
 * requested one, the failing box marked, then the findings with their fixes and every module's
 * verdict.
 */
public final class CheckHtml {
  private CheckHtml() {}

  public static String render(CheckReport report) {
    StringBuilder h = new StringBuilder(16_384);
    long loads = report.results().stream().filter(r -> r.verdict().loads()).count();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>rdmaforge check: ")
        .append(esc(report.kernel())).append("</title>\n<style>\n")
        .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}\n")
        .append("code,.box{font-family:ui-monospace,monospace}\n")
        .append(".chain{display:flex;flex-wrap:wrap;align-items:center;gap:.3em;margin:.5em 0}\n")
        .append(".box{border:1px solid #888;border-radius:4px;padding:.2em .5em;background:#eef7ee}\n")
        .append(".box.fail{background:#fde8e8;border-color:#c00;font-weight:bold}\n")
        .append(".box.skipped{background:#f2f2f2;color:#888;border-style:dashed}\n")
        .append(".arrow{color:#888}\n.fix{background:#fffbe6;padding:.3em .6em;border-left:3px solid #e0b000}\n")
        .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}\n")
        .append(".loads{color:#070}.fails{color:#c00}\n</style></head><body>\n");
    h.append("<h1>rdmaforge check: kernel <code>").append(esc(report.kernel())).append("</code></h1>\n");
    h.append("<p>").append(loads).append(" of ").append(report.results().size())
        .append(" requested modules load.</p>\n");

    List<ModuleResult> failing = new ArrayList<>();
    for (ModuleResult r : report.results()) {
      if (!r.verdict().loads()) {
        failing.add(r);
      }
    }
    if (!failing.isEmpty()) {
      h.append("<h2>Modules that do not load</h2>\n");
      for (ModuleResult r : failing) {
        h.append("<h3><code>").append(esc(r.module())).append("</code>: <span class=\"fails\">")
            .append(esc(r.verdict().id())).append("</span></h3>\n");
        h.append("<p>").append(esc(r.why())).append("</p>\n");
        if (!r.loadOrder().isEmpty()) {
          h.append("<div class=\"chain\" title=\"modprobe inserts these in this order\">");
          String failed = r.verdict() == Verdict.DEPENDENCY_FAILED ? r.blockedBy() : r.module();
          for (int i = 0; i < r.loadOrder().size(); i++) {
            String m = r.loadOrder().get(i);
            if (i > 0) {
              h.append("<span class=\"arrow\">&rarr;</span>");
            }
            h.append("<span class=\"box").append(m.equals(failed) ? " fail" : "").append("\">")
                .append(esc(m)).append("</span>");
          }
          if (r.verdict() == Verdict.DEPENDENCY_FAILED) {
            h.append("<span class=\"arrow\">&rarr;</span><span class=\"box skipped\">")
                .append(esc(r.module())).append(" (never inserted)</span>");
          }
          h.append("</div>\n");
        }
      }
    }
    if (!report.findings().isEmpty()) {
      h.append("<h2>Findings</h2>\n");
      for (Finding f : report.findings()) {
        h.append("<p><b>").append(esc(f.severity().name().toLowerCase(Locale.ROOT))).append(' ')
            .append(esc(f.rule())).append("</b> <code>").append(esc(f.location().toString()))
            .append("</code><br>").append(esc(f.message())).append("</p>\n");
        if (!f.fix().isEmpty()) {
          h.append("<p class=\"fix\">fix: ").append(esc(f.fix())).append("</p>\n");
        }
      }
    }
    h.append("<h2>All modules</h2>\n<table><tr><th>module</th><th>verdict</th><th>file</th>")
        .append("<th>symbols</th><th>taints</th></tr>\n");
    for (ModuleResult r : report.results()) {
      List<String> taints = new ArrayList<>();
      for (Taint t : r.taints()) {
        taints.add(t.id());
      }
      h.append("<tr><td><code>").append(esc(r.module())).append("</code></td><td class=\"")
          .append(r.verdict().loads() ? "loads" : "fails").append("\">").append(esc(r.verdict().id()))
          .append("</td><td><code>").append(esc(r.file() == null ? "(built-in)" : r.file()))
          .append("</code></td><td>").append(esc(String.join(", ", r.symbols())))
          .append("</td><td>").append(esc(String.join(", ", taints))).append("</td></tr>\n");
    }
    h.append("</table>\n<h2>Kernel facts</h2>\n<ul>\n");
    for (String s : report.sources()) {
      h.append("<li>").append(esc(s)).append("</li>\n");
    }
    h.append("</ul>\n</body></html>\n");
    return h.toString();
  }

  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
