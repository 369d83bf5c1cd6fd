package dev.rdmaforge.fabric.host;

import dev.rdmaforge.report.Location;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A file that its consumer sources with {@code /bin/sh} (ifcfg-*, openib.conf, /etc/default/grub
 * and grub.d/*.cfg), read as the shell reads it.
 *
 * @param file the file as named by the user
 * @param assignments every assignment in order, including the ones the shell does not keep
 * @param notes words the shell runs as commands, or syntax this reader does not evaluate
 */
public record ShellFile(String file, List<Assignment> assignments, List<Note> notes) {

  /** Copies the lists. */
  public ShellFile {
    assignments = List.copyOf(assignments);
    notes = List.copyOf(notes);
  }

  /**
   * One {@code NAME=value} word.
   *
   * @param name the variable
   * @param value the value after quote removal and {@code $VAR} expansion
   * @param where the name's position
   * @param valueAt the value's first character
   * @param kept false when the word prefixes a command ({@code A=1 cmd}): the shell then sets it
   *     for that command only, not in the file's scope
   */
  public record Assignment(String name, String value, Location where, Location valueAt,
      boolean kept) {}

  /**
   * A word the shell runs as a command, or a construct this reader cannot evaluate.
   *
   * @param where its position
   * @param word the word
   * @param command true for a command the shell runs (usually "not found"), false for syntax
   *     this reader does not evaluate ({@code $(...)}, {@code if}, ...)
   */
  public record Note(Location where, String word, boolean command) {}

  /** The variables as the shell holds them after sourcing the file, in first-set order. */
  public Map<String, Assignment> variables() {
    Map<String, Assignment> out = new LinkedHashMap<>();
    for (Assignment a : assignments) {
      if (a.kept()) {
        out.put(a.name(), a);
      }
    }
    return out;
  }

  /** The last kept assignment of a variable. */
  public Optional<Assignment> get(String name) {
    return Optional.ofNullable(variables().get(name));
  }
}
