package dev.rdmaforge.fabric.ini;

import dev.rdmaforge.report.Location;

/**
 * One assignment of an oslo.config ini file.
 *
 * @param section the group as oslo names it: {@code DEFAULT}, else lower-cased (for lookups)
 * @param sectionAsWritten the group as the file spells it ({@code DAEMON}), for messages
 * @param key the option name
 * @param value the value: trimmed, one pair of matching outer quotes removed, continuation lines
 *     joined with newlines
 * @param keyAt position of the key
 * @param valueAt position of the value's first character
 */
public record IniEntry(String section, String sectionAsWritten, String key, String value,
    Location keyAt, Location valueAt) {

  /** {@code [SECTION] key} as the file writes it, for messages. */
  public String label() {
    return "[" + sectionAsWritten + "] " + key;
  }
}
