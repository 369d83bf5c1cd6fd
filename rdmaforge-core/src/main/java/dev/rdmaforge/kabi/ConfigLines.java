package dev.rdmaforge.kabi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** A quick look at a package's depmod.d or modprobe.d file, to know whether cells may meet. */
final class ConfigLines {
  /** depmod.d: an override concerns only the module it names. */
  private static final Set<String> DEPMOD_LOCAL = Set.of("override");
  /** modprobe.d: options and softdep lines concern only the module they name. */
  private static final Set<String> MODPROBE_LOCAL = Set.of("options", "softdep");

  private ConfigLines() {}

  /**
   * Whether every line is blank, a comment, or one that concerns only the module it names; a
   * {@code search}, {@code external}, {@code alias}, {@code install} or {@code blacklist} line can
   * change what happens to other modules.
   */
  static boolean onlyLocal(String packagePath, Path file) {
    Set<String> local = packagePath.contains("modprobe.d/") ? MODPROBE_LOCAL : DEPMOD_LOCAL;
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#")) {
          continue;
        }
        String word = t.split("[ \t]", 2)[0];
        if (!local.contains(word)) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false; // unreadable: keep the cell on its own tree
    }
  }
}
