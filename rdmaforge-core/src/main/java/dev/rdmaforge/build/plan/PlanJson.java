package dev.rdmaforge.build.plan;

import dev.rdmaforge.build.precheck.KernelFinding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON form of a plan ({@code "schema": 1}): {@code refused}, {@code findings} (rule,
 * severity, kernel, location, message, fix), {@code kernels} (release, supported, rebuilt) and
 * {@code steps} (id, kind, kernel, key, cached, dependsOn, reason) in DAG order.
 */
public final class PlanJson {
  /** The schema number printed in every document. */
  public static final int SCHEMA = 1;

  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private PlanJson() {}

  /** The plan as a JSON document. */
  public static String render(Plan plan) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("schema", SCHEMA);
    doc.put("refused", plan.refused());
    List<Object> findings = new ArrayList<>();
    for (KernelFinding f : plan.preChecks().findings()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rule", f.finding().rule());
      m.put("severity", f.finding().severity().name().toLowerCase(java.util.Locale.ROOT));
      m.put("kernel", f.kernel());
      m.put("location", String.valueOf(f.finding().location()));
      m.put("message", f.finding().message());
      m.put("fix", f.finding().fix());
      findings.add(m);
    }
    doc.put("findings", findings);
    List<Object> kernels = new ArrayList<>();
    for (KernelPlan k : plan.kernels()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("release", k.release());
      m.put("supported", k.supported());
      m.put("rebuilt", k.rebuilt());
      kernels.add(m);
    }
    doc.put("kernels", kernels);
    List<Object> steps = new ArrayList<>();
    for (PlanStep s : plan.steps()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", s.id());
      m.put("kind", s.kind().id());
      m.put("kernel", s.kernel());
      m.put("key", s.key().hex());
      m.put("cached", s.cached());
      m.put("dependsOn", s.dependsOn());
      m.put("reason", s.reason());
      steps.add(m);
    }
    doc.put("steps", steps);
    return MAPPER.writeValueAsString(doc);
  }
}
