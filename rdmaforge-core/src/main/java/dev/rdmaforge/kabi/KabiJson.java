package dev.rdmaforge.kabi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON contract of {@code rdmaforge kabi --json}, schema 1: {@code {"schema": 1, "kernels":
 * [...], "packages": [...], "cells": [...]}} (README, "kabi"). Keys are only ever added within a
 * schema.
 */
public final class KabiJson {
  /** The schema number printed in every document. */
  public static final int SCHEMA = 1;

  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private KabiJson() {}

  public static String render(KabiMatrix matrix) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("schema", SCHEMA);
    List<Object> kernels = new ArrayList<>();
    for (KabiKernel k : matrix.kernels()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("input", k.input());
      m.put("release", k.release());
      m.put("kind", k.kind().id());
      m.put("vermagic", k.vermagic());
      m.put("exports", k.exports().size());
      m.put("limits", k.limits());
      kernels.add(m);
    }
    doc.put("kernels", kernels);
    List<Object> packages = new ArrayList<>();
    for (KabiPackage p : matrix.packages()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("file", p.file().toString());
      m.put("label", p.label());
      m.put("name", p.name());
      m.put("builtFor", p.builtFor());
      m.put("format", p.isRpm() ? "rpm" : "deb");
      m.put("modules", p.modules().stream().map(PackagedModule::name).toList());
      packages.add(m);
    }
    doc.put("packages", packages);
    List<Object> cells = new ArrayList<>();
    for (KabiCell c : matrix.cells()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("package", c.pkg());
      m.put("kernel", c.kernel());
      m.put("verdict", c.verdict());
      List<Object> modules = new ArrayList<>();
      for (KabiModule km : c.modules()) {
        Map<String, Object> mm = new LinkedHashMap<>();
        mm.put("name", km.name());
        mm.put("file", km.file());
        mm.put("verdict", km.verdict());
        mm.put("symbols", km.symbols());
        mm.put("message", km.message());
        mm.put("blockedBy", km.blockedBy());
        List<Object> mismatches = new ArrayList<>();
        for (KabiModule.Mismatch x : km.mismatches()) {
          Map<String, Object> xm = new LinkedHashMap<>();
          xm.put("symbol", x.symbol());
          xm.put("moduleCrc", SymversJudge.hex(x.moduleCrc()));
          xm.put("providerCrc", SymversJudge.hex(x.providerCrc()));
          xm.put("provider", x.provider());
          mismatches.add(xm);
        }
        mm.put("mismatches", mismatches);
        modules.add(mm);
      }
      m.put("modules", modules);
      m.put("providers", c.providers());
      m.put("decidedBy", c.decidedBy());
      if (c.rpm() == null) {
        m.put("rpm", null);
      } else {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("satisfied", c.rpm().satisfied());
        r.put("unsatisfied", c.rpm().unsatisfied());
        r.put("agrees", c.rpm().agrees());
        m.put("rpm", r);
      }
      cells.add(m);
    }
    doc.put("cells", cells);
    doc.put("checkerRuns", matrix.checkerRuns());
    return MAPPER.writeValueAsString(doc);
  }
}
