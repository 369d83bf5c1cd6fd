package dev.rdmaforge.fabric.ini;

import dev.rdmaforge.report.Finding;
import dev.rdmaforge.report.Location;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ini file as oslo.config reads it.
 *
 * @param file the file as named by the user
 * @param entries every assignment in file order (a repeated key appears twice; the last wins)
 * @param sections each section (oslo-normalised name) with the position of its header
 * @param findings lines oslo.config refuses
 */
public record IniFile(
    String file, List<IniEntry> entries, Map<String, Location> sections, List<Finding> findings) {

  /** Copies the collections. */
  public IniFile {
    entries = List.copyOf(entries);
    sections = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sections));
    findings = List.copyOf(findings);
  }

  /** The value oslo uses for a single-valued option: the last assignment. */
  public Optional<IniEntry> get(String section, String key) {
    IniEntry found = null;
    for (IniEntry e : entries) {
      if (e.section().equals(IniParser.normalise(section)) && e.key().equals(key)) {
        found = e;
      }
    }
    return Optional.ofNullable(found);
  }

  /** Every assignment in a section. */
  public List<IniEntry> section(String section) {
    String s = IniParser.normalise(section);
    return entries.stream().filter(e -> e.section().equals(s)).toList();
  }

  /** True if the section header is present. */
  public boolean hasSection(String section) {
    return sections.containsKey(IniParser.normalise(section));
  }
}
