package dev.rdmaforge.depmod;

import dev.rdmaforge.depmod.DepmodLog.Level;
import dev.rdmaforge.depmod.index.BuiltinIndexOutput;
import dev.rdmaforge.depmod.index.BuiltinIndexes;
import dev.rdmaforge.depmod.index.DepmodMessage;
import dev.rdmaforge.depmod.index.IndexValue;
import dev.rdmaforge.depmod.index.KmodIndex;
import dev.rdmaforge.depmod.index.KmodNames;
import dev.rdmaforge.kmod.ModinfoEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Renders the files kmod 30's depmod writes, in the order it writes them, byte for byte. A
 * {@code null} content means kmod writes nothing for that file in this mode ({@code -n} skips the
 * binary indexes).
 */
public final class DepmodOutputs {
  /**
   * One output file: its name in the module directory and its bytes; null bytes mean kmod failed
   * on this file (it leaves any older file in place, writes nothing after it and exits 1).
   */
  public record OutputFile(String name, byte[] content, boolean binary) {}

  private final Resolution resolution;
  private final DepmodLog log;
  private final String[] depLines; // modules.dep lines by module index, shared by two files

  private DepmodOutputs(Resolution resolution, DepmodLog log, String[] depLines) {
    this.resolution = resolution;
    this.log = log;
    this.depLines = depLines;
  }

  /** A file being rendered on its own thread, with the messages it logged kept for replay. */
  private record Rendered(OutputFile file, BuiltinIndexOutput builtin, List<Object[]> messages) {}

  /**
   * Every file, in kmod's order: dep, dep.bin, alias, alias.bin, softdep, symbols, symbols.bin,
   * builtin.bin, builtin.alias.bin, devname. The files are independent, so they are rendered in
   * parallel; their messages are replayed in kmod's order afterwards.
   */
  public static List<OutputFile> render(Resolution resolution, DepmodLog log) {
    List<DepmodModule> modules = resolution.modules();
    String[] depLines = new String[modules.size()];
    for (DepmodModule m : modules) {
      depLines[m.index()] = depLine(resolution, m);
    }
    List<Function<DepmodOutputs, Rendered>> tasks = List.of(
        o -> o.file("modules.dep", o.deps(), false),
        o -> o.file("modules.dep.bin", o.depsBin(), true),
        o -> o.file("modules.alias", o.aliases(), false),
        o -> o.file("modules.alias.bin", o.aliasesBin(), true),
        o -> o.file("modules.softdep", o.softdeps(), false),
        o -> o.file("modules.symbols", o.symbols(), false),
        o -> o.file("modules.symbols.bin", o.symbolsBin(), true),
        o -> new Rendered(null, o.builtin(false), List.of()),
        o -> new Rendered(null, o.builtin(true), List.of()),
        o -> o.file("modules.devname", o.devnames(), false));
    List<Rendered> done = tasks.parallelStream()
        .map(task -> {
          List<Object[]> messages = new ArrayList<>();
          DepmodOutputs o = new DepmodOutputs(
              resolution, (level, text) -> messages.add(new Object[] {level, text}), depLines);
          Rendered r = task.apply(o);
          return new Rendered(r.file(), r.builtin(), messages);
        })
        .collect(java.util.stream.Collectors.toList());
    List<OutputFile> files = new ArrayList<>();
    for (Rendered r : done) {
      for (Object[] m : r.messages()) {
        log.log((DepmodLog.Level) m[0], (String) m[1]);
      }
      if (r.builtin() != null) {
        BuiltinIndexOutput built = r.builtin();
        for (DepmodMessage m : built.messages()) {
          m.replayTo(log);
        }
        files.add(new OutputFile(built.fileName(), built.content().orElse(null), true));
        if (built.failed()) {
          return files; // kmod stops writing at the first file it could not write
        }
      } else {
        files.add(r.file());
      }
    }
    return files;
  }

  /**
   * One of the text or index files of {@link #render} on its own ({@code modules.alias.bin},
   * {@code modules.symbols.bin}, {@code modules.softdep}, ...), its warnings dropped: for readers
   * such as modprobe's that need one index of a resolution without writing the tree.
   *
   * @throws IllegalArgumentException for a name depmod does not write this way (the builtin
   *     indexes come from the kernel's files, not from the resolution)
   */
  public static byte[] renderOne(Resolution resolution, String name) {
    DepmodOutputs o = new DepmodOutputs(resolution, (level, text) -> {}, null);
    return switch (name) {
      case "modules.alias" -> o.aliases();
      case "modules.alias.bin" -> o.aliasesBin();
      case "modules.softdep" -> o.softdeps();
      case "modules.symbols" -> o.symbols();
      case "modules.symbols.bin" -> o.symbolsBin();
      case "modules.devname" -> o.devnames();
      default -> throw new IllegalArgumentException(name + " is not rendered on its own");
    };
  }

  /**
   * The entries of {@code modules.alias.bin} or {@code modules.symbols.bin} as {@link
   * dev.rdmaforge.depmod.index.KmodIndexReader} reads them from {@link #renderOne}'s bytes (the
   * same map, in the same order), built without writing and parsing the file.
   *
   * @throws IllegalArgumentException for any other name
   */
  public static Map<String, List<IndexValue>> index(Resolution resolution, String name) {
    DepmodOutputs o = new DepmodOutputs(resolution, (level, text) -> {}, null);
    return switch (name) {
      case "modules.alias.bin" -> o.aliasEntries();
      case "modules.symbols.bin" -> o.symbolIndex().entries();
      default -> throw new IllegalArgumentException(name + " is not an index of the resolution");
    };
  }

  private Rendered file(String name, byte[] content, boolean binary) {
    return new Rendered(new OutputFile(name, content, binary), null, List.of());
  }

  private List<DepmodModule> modules() {
    return resolution.modules();
  }

  /** One modules.dep line without its newline: {@code path: dep dep}. */
  public static String depLine(Resolution resolution, DepmodModule m) {
    StringBuilder line = new StringBuilder(m.outputPath()).append(':');
    if (!m.dependencies().isEmpty()) {
      for (DepmodModule d : resolution.allDependencies(m)) {
        line.append(' ').append(d.outputPath());
      }
    }
    return line.toString();
  }

  private String depLine(DepmodModule m) {
    return depLines[m.index()];
  }

  private byte[] deps() {
    return text(null, m -> depLine(m) + "\n");
  }

  private byte[] depsBin() {
    KmodIndex index = new KmodIndex();
    for (DepmodModule m : modules()) {
      String line = depLine(m);
      if (index.insert(m.name(), line, m.index()) && resolution.request().warnDuplicates()) {
        log.log(Level.WARNING, "duplicate module deps:\n" + line + "\n");
      }
    }
    return index.toBytes();
  }

  private byte[] aliases() {
    return text("# Aliases extracted from modules themselves.\n", m -> entries(m, "alias", v ->
        "alias " + v + " " + m.name() + "\n"));
  }

  /**
   * {@code aliasIndex().entries()} without the trie: the keys sorted (the trie's order is unsigned
   * byte order) and each key's values placed by depmod's insert rule. Only for plain 7-bit keys,
   * where the trie cannot refuse a key; any other key takes the trie's path and its errors.
   */
  private Map<String, List<IndexValue>> aliasEntries() {
    Map<String, List<IndexValue>> byKey = new HashMap<>(65536);
    for (DepmodModule m : modules()) {
      for (ModinfoEntry e : m.modinfo()) {
        if (!e.key().equals("alias")) {
          continue;
        }
        String alias = KmodNames.normalizeAlias(e.value()).orElse(null);
        if (alias == null) {
          continue;
        }
        if (!plainAscii(alias)) {
          return aliasIndex().entries();
        }
        List<IndexValue> values = byKey.computeIfAbsent(alias, k -> new ArrayList<>(1));
        IndexValue value = new IndexValue(m.name(), m.index());
        int at = 0;
        while (at < values.size()
            && Integer.compareUnsigned(values.get(at).priority(), value.priority()) < 0) {
          at++;
        }
        values.add(at, value);
      }
    }
    String[] keys = byKey.keySet().toArray(new String[0]);
    Arrays.sort(keys); // chars 1..127: String order is byte order (keys come in runs: TimSort)
    Map<String, List<IndexValue>> out = new LinkedHashMap<>(keys.length * 2);
    for (String k : keys) {
      out.put(k, Collections.unmodifiableList(byKey.get(k)));
    }
    return Collections.unmodifiableMap(out);
  }

  private static boolean plainAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0 || c >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private byte[] aliasesBin() {
    return aliasIndex().toBytes();
  }

  private KmodIndex aliasIndex() {
    KmodIndex index = new KmodIndex();
    for (DepmodModule m : modules()) {
      for (ModinfoEntry e : m.modinfo()) {
        if (!e.key().equals("alias")) {
          continue;
        }
        String alias = KmodNames.normalizeAlias(e.value()).orElse(null);
        if (alias == null) {
          log.log(Level.WARNING, "Unmatched bracket in " + e.value() + "\n");
          continue;
        }
        if (index.insert(alias, m.name(), m.index()) && resolution.request().warnDuplicates()) {
          log.log(Level.WARNING, "duplicate module alias:\n" + alias + " " + m.name() + "\n");
        }
      }
    }
    return index;
  }

  private byte[] softdeps() {
    return text("# Soft dependencies extracted from modules themselves.\n", m -> entries(m,
        "softdep", v -> "softdep " + m.name() + " " + v + "\n"));
  }

  private byte[] symbols() {
    StringBuilder out = new StringBuilder("# Aliases for symbols, used by symbol_request().\n");
    for (SymbolTable.Symbol s : resolution.symbols().inIterationOrder()) {
      if (s.owner != null) {
        out.append("alias symbol:").append(s.name).append(' ').append(s.owner.name()).append('\n');
      }
    }
    return bytes(out);
  }

  private byte[] symbolsBin() {
    return symbolIndex().toBytes();
  }

  private KmodIndex symbolIndex() {
    KmodIndex index = new KmodIndex();
    for (SymbolTable.Symbol s : resolution.symbols().inIterationOrder()) {
      if (s.owner == null) {
        continue;
      }
      String key = "symbol:" + s.name;
      if (index.insert(key, s.owner.name(), s.owner.index())
          && resolution.request().warnDuplicates()) {
        log.log(Level.WARNING, "duplicate module syms:\n" + key + " " + s.owner.name() + "\n");
      }
    }
    return index;
  }

  private BuiltinIndexOutput builtin(boolean alias) {
    String dirname = resolution.request().dirname();
    Path moduleDir;
    try {
      moduleDir = resolution.request().view().physical(dirname);
    } catch (IOException e) {
      moduleDir = Path.of(dirname);
    }
    return alias
        ? BuiltinIndexes.modulesBuiltinAliasBin(moduleDir, dirname)
        : BuiltinIndexes.modulesBuiltinBin(moduleDir, dirname);
  }

  private byte[] devnames() {
    StringBuilder out = new StringBuilder();
    for (DepmodModule m : modules()) {
      String devname = null;
      char type = 0;
      long major = 0;
      long minor = 0;
      for (ModinfoEntry e : m.modinfo()) {
        if (!e.key().equals("alias")) {
          continue;
        }
        String v = e.value();
        long[] mm;
        if (v.startsWith("devname:")) {
          devname = v.substring("devname:".length());
        } else if ((mm = DeviceNumbers.scan(v, "char-major-")) != null) {
          type = 'c';
          major = mm[0];
          minor = mm[1];
        } else if ((mm = DeviceNumbers.scan(v, "block-major-")) != null) {
          type = 'b';
          major = mm[0];
          minor = mm[1];
        }
        if (type != 0 && devname != null) {
          break;
        }
      }
      if (devname == null) {
        continue;
      }
      if (type != 0) {
        if (out.length() == 0) {
          out.append("# Device nodes to trigger on-demand module loading.\n");
        }
        out.append(m.name()).append(' ').append(devname).append(' ').append(type)
            .append(major).append(':').append(minor).append('\n');
      } else {
        log.log(
            Level.ERROR,
            "Module '" + m.name() + "' has devname (" + devname
                + ") but lacks major and minor information. Ignoring.\n");
      }
    }
    return bytes(out);
  }

  private static String entries(DepmodModule m, String key, Function<String, String> format) {
    StringBuilder out = new StringBuilder();
    for (ModinfoEntry e : m.modinfo()) {
      if (e.key().equals(key)) {
        out.append(format.apply(e.value()));
      }
    }
    return out.toString();
  }

  private byte[] text(String header, Function<DepmodModule, String> perModule) {
    StringBuilder out = new StringBuilder(1 << 16);
    if (header != null) {
      out.append(header);
    }
    for (DepmodModule m : modules()) {
      out.append(perModule.apply(m));
    }
    return bytes(out);
  }

  private static byte[] bytes(CharSequence s) {
    return s.toString().getBytes(StandardCharsets.ISO_8859_1); // one char per byte, as read
  }
}
