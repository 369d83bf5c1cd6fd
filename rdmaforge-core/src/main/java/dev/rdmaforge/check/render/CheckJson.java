package dev.rdmaforge.check.render;

import dev.rdmaforge.check.CheckReport;
import dev.rdmaforge.check.ModuleResult;
import dev.rdmaforge.check.Taint;
import dev.rdmaforge.pkg.root.PackageRoot;
import dev.rdmaforge.report.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON contract of {@code rdmaforge check --json}, schema 1 (README, "check --json"):
 * {@code {"schema": 1, "kernel": KVER, "results": [...], "findings": [...], "sources": [...]}}.
 * Fields are only ever added, never renamed or removed, within a schema number.
 */
public final class CheckJson {
  /** The schema number printed in every document. */
  public static final int SCHEMA = 1;

  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private CheckJson() {}

  public static String render(CheckReport report) {
    return MAPPER.writeValueAsString(document(report));
  }

  /**
   * The document of {@code check --packages}: schema 1 with a {@code "packages"} part added last
   * ({@link PackagesPart#json}); the conflicts are among the report's findings.
   *
   * @param kept whether the package root stays on disk after the run
   */
  public static String render(CheckReport report, PackageRoot packages, boolean kept) {
    Map<String, Object> doc = document(report);
    doc.put("packages", PackagesPart.json(packages, kept));
    return MAPPER.writeValueAsString(doc);
  }

  private static Map<String, Object> document(CheckReport report) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("schema", SCHEMA);
    doc.put("kernel", report.kernel());
    List<Object> results = new ArrayList<>();
    for (ModuleResult r : report.results()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("module", r.module());
      m.put("file", r.file());
      m.put("verdict", r.verdict().id());
      m.put("symbols", r.symbols());
      m.put("blocked_by", r.blockedBy());
      List<String> taints = new ArrayList<>();
      for (Taint t : r.taints()) {
        taints.add(t.id());
      }
      m.put("taints", taints);
      m.put("why", r.why());
      m.put("load_order", r.loadOrder());
      results.add(m);
    }
    doc.put("results", results);
    List<Object> findings = new ArrayList<>();
    for (Finding f : report.findings()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rule", f.rule());
      m.put("severity", f.severity().name().toLowerCase(Locale.ROOT));
      m.put("file", f.location().file());
      m.put("line", f.location().hasLine() ? f.location().line() : null);
      m.put("message", f.message());
      m.put("fix", f.fix());
      findings.add(m);
    }
    doc.put("findings", findings);
    doc.put("sources", report.sources());
    return doc;
  }
}
