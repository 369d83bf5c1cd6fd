package dev.rdmaforge.fabric.render;

import java.util.LinkedHashMap;
import java.util.Map;

/** A tiny ini writer: sections in insertion order, {@code key = value} lines. */
final class Ini {
  private final Map<String, Map<String, String>> sections = new LinkedHashMap<>();

  Ini put(String section, String key, String value) {
    sections.computeIfAbsent(section, s -> new LinkedHashMap<>()).put(key, value);
    return this;
  }

  Ini section(String section) {
    sections.computeIfAbsent(section, s -> new LinkedHashMap<>());
    return this;
  }

  String render(String header) {
    StringBuilder b = new StringBuilder(header);
    sections.forEach((name, entries) -> {
      b.append('\n').append('[').append(name).append("]\n");
      entries.forEach((k, v) -> b.append(k).append(" = ").append(v).append('\n'));
    });
    return b.toString();
  }
}
