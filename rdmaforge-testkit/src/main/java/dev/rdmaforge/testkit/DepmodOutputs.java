package dev.rdmaforge.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The files depmod writes into a module directory, and byte-for-byte comparison of two sets. */
public final class DepmodOutputs {

  /** What kmod 30's depmod writes (tools/depmod.c, {@code depmod_output}), in its order. */
  public static final List<String> KMOD30_FILES =
      List.of(
          "modules.dep",
          "modules.dep.bin",
          "modules.alias",
          "modules.alias.bin",
          "modules.softdep",
          "modules.symbols",
          "modules.symbols.bin",
          "modules.builtin.bin",
          "modules.builtin.alias.bin",
          "modules.devname");

  private static final int CONTEXT_LINES = 2;
  private static final int HEX_CONTEXT = 16;

  private DepmodOutputs() {}

  /** Names of the regular files directly in {@code modulesDir} (not its subdirectories). */
  public static Set<String> topLevelFiles(Path modulesDir) {
    Set<String> names = new TreeSet<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(modulesDir)) {
      for (Path entry : stream) {
        if (Files.isRegularFile(entry)) {
          names.add(entry.getFileName().toString());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + modulesDir + ": " + e.getMessage(), e);
    }
    return names;
  }

  /**
   * Deletes any depmod output in {@code modulesDir} so the next run starts from the package state.
   */
  public static void clean(Path modulesDir) {
    for (String name : KMOD30_FILES) {
      try {
        Files.deleteIfExists(modulesDir.resolve(name));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * Moves the files in {@code modulesDir} that are not in {@code before} (what a run wrote,
   * including any stray temporary file) into {@code into}, leaving the tree as it was.
   */
  public static void moveNewFiles(Path modulesDir, Set<String> before, Path into) {
    try {
      Files.createDirectories(into);
      for (String name : topLevelFiles(modulesDir)) {
        if (!before.contains(name)) {
          Files.move(modulesDir.resolve(name), into.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not move outputs of " + modulesDir + ": " + e, e);
    }
  }

  /**
   * Compares every file of {@code expected} (the real depmod's outputs) with {@code actual} (ours):
   * the same names, the same bytes.
   */
  public static OutputComparison compare(Path expected, Path actual) {
    Set<String> names = new TreeSet<>(topLevelFiles(expected));
    names.addAll(topLevelFiles(actual));
    List<String> differences = new ArrayList<>();
    for (String name : names) {
      Path e = expected.resolve(name);
      Path a = actual.resolve(name);
      if (!Files.exists(a)) {
        differences.add(name + ": written by real depmod, missing from ours");
      } else if (!Files.exists(e)) {
        differences.add(name + ": written by ours, not by real depmod");
      } else {
        describeDifference(name, read(e), read(a)).ifPresent(differences::add);
      }
    }
    return new OutputComparison(expected, actual, differences);
  }

  private static Optional<String> describeDifference(String name, byte[] expected, byte[] actual) {
    int length = Math.min(expected.length, actual.length);
    int offset = Arrays.mismatch(expected, actual);
    if (offset < 0) {
      return Optional.empty();
    }
    StringBuilder text = new StringBuilder();
    text.append(name)
        .append(": differs at byte ")
        .append(offset)
        .append(" (real depmod ")
        .append(expected.length)
        .append(" bytes, ours ")
        .append(actual.length)
        .append(" bytes)");
    if (offset == length) {
      text.append("; one is a prefix of the other");
    }
    if (name.endsWith(".bin")) {
      text.append("\n  real: ").append(hex(expected, offset));
      text.append("\n  ours: ").append(hex(actual, offset));
    } else {
      text.append(lineContext(expected, actual, offset));
    }
    return Optional.of(text.toString());
  }

  private static String lineContext(byte[] expected, byte[] actual, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (expected[i] == '\n') {
        line++;
      }
    }
    List<String> e = new String(expected, StandardCharsets.UTF_8).lines().toList();
    List<String> a = new String(actual, StandardCharsets.UTF_8).lines().toList();
    StringBuilder text = new StringBuilder("; first differing line ").append(line).append(':');
    for (int i = Math.max(1, line - CONTEXT_LINES); i < line; i++) {
      text.append("\n        ").append(i).append("  ").append(lineAt(e, i));
    }
    text.append("\n  real: ").append(line).append("  ").append(lineAt(e, line));
    text.append("\n  ours: ").append(line).append("  ").append(lineAt(a, line));
    return text.toString();
  }

  private static String lineAt(List<String> lines, int oneBased) {
    return oneBased <= lines.size() ? lines.get(oneBased - 1) : "<end of file>";
  }

  private static String hex(byte[] bytes, int offset) {
    int from = Math.max(0, offset - HEX_CONTEXT / 2);
    int to = Math.min(bytes.length, offset + HEX_CONTEXT);
    StringBuilder text = new StringBuilder("@" + from + ":");
    for (int i = from; i < to; i++) {
      text.append(i == offset ? " [" : " ").append(String.format("%02x", bytes[i] & 0xff));
      if (i == offset) {
        text.append(']');
      }
    }
    return text.toString();
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
    }
  }
}
