package dev.rdmaforge.modprobe;

import dev.rdmaforge.depmod.index.KmodIndex;
import dev.rdmaforge.depmod.index.KmodNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small module directory as depmod leaves it, made by the tests: empty module files and the
 * binary indexes modprobe reads (written with the project's own kmod index writer, priorities as
 * depmod sets them: the module's position in modules.dep, 0 for the built-in indexes), plus
 * optional text files (modules.softdep).
 */
final class ModuleDirFixture {
  private final Path dir;
  private final Map<String, String> depLines = new LinkedHashMap<>(); // name -> line
  private final List<String[]> aliases = new ArrayList<>();
  private final List<String[]> symbols = new ArrayList<>();
  private final List<String> builtin = new ArrayList<>();
  private final List<String[]> builtinAliases = new ArrayList<>();
  private final Map<String, String> texts = new LinkedHashMap<>();

  ModuleDirFixture(Path dir) {
    this.dir = dir;
  }

  /** A module file at {@code path} with its modules.dep dependencies (load order: last first). */
  ModuleDirFixture module(String path, String... deps) {
    String name = KmodNames.modnameFromPath(path).orElseThrow();
    depLines.put(name, path + ":" + (deps.length == 0 ? "" : " " + String.join(" ", deps)));
    return this;
  }

  ModuleDirFixture alias(String key, String module) {
    aliases.add(new String[] {key, module});
    return this;
  }

  ModuleDirFixture symbol(String symbol, String module) {
    symbols.add(new String[] {"symbol:" + symbol, module});
    return this;
  }

  ModuleDirFixture builtin(String name) {
    builtin.add(name);
    return this;
  }

  ModuleDirFixture builtinAlias(String key, String module) {
    builtinAliases.add(new String[] {key, module});
    return this;
  }

  /** A text file in the module directory (modules.softdep, say). */
  ModuleDirFixture text(String name, String content) {
    texts.put(name, content);
    return this;
  }

  /** Writes everything and returns the module directory. */
  Path write() {
    try {
      Files.createDirectories(dir);
      KmodIndex dep = new KmodIndex();
      List<String> order = new ArrayList<>(depLines.keySet());
      for (Map.Entry<String, String> e : depLines.entrySet()) {
        dep.insert(e.getKey(), e.getValue(), order.indexOf(e.getKey()));
        String path = e.getValue().substring(0, e.getValue().indexOf(':'));
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[0]);
      }
      Files.write(dir.resolve("modules.dep.bin"), dep.toBytes());
      Files.write(dir.resolve("modules.alias.bin"), index(aliases, order));
      Files.write(dir.resolve("modules.symbols.bin"), index(symbols, order));
      KmodIndex b = new KmodIndex();
      builtin.forEach(n -> b.insert(n, "", 0));
      Files.write(dir.resolve("modules.builtin.bin"), b.toBytes());
      KmodIndex ba = new KmodIndex();
      builtinAliases.forEach(a -> ba.insert(a[0], a[1], 0));
      Files.write(dir.resolve("modules.builtin.alias.bin"), ba.toBytes());
      for (Map.Entry<String, String> t : texts.entrySet()) {
        Files.writeString(dir.resolve(t.getKey()), t.getValue());
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] index(List<String[]> entries, List<String> order) {
    KmodIndex index = new KmodIndex();
    entries.forEach(a -> index.insert(a[0], a[1], order.indexOf(a[1])));
    return index.toBytes();
  }
}
