package dev.rdmaforge.depmod.explain;

import dev.rdmaforge.depmod.tree.TreeView;
import dev.rdmaforge.kmod.ModuleReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Set;

/** The module names a kernel has built in, from its modules.builtin. */
public final class BuiltinModules {
  private BuiltinModules() {}

  /** Names in {@code DIRNAME/modules.builtin}; empty when the file is missing. */
  public static Set<String> read(TreeView view, String dirname) {
    Set<String> names = new HashSet<>();
    try {
      String text =
          new String(
              Files.readAllBytes(view.physical(dirname + "/modules.builtin")),
              StandardCharsets.ISO_8859_1);
      for (String line : text.split("\n")) {
        if (!line.isEmpty()) {
          names.add(ModuleReader.moduleNameOf(line));
        }
      }
    } catch (IOException e) {
      // No modules.builtin: depmod warns about it on its own; nothing is built in as far as we know.
    }
    return names;
  }
}
