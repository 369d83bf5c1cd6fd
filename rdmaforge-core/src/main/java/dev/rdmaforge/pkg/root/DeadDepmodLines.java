package dev.rdmaforge.pkg.root;

import dev.rdmaforge.depmod.config.KernelPattern;
import dev.rdmaforge.depmod.tree.TreeView;
import dev.rdmaforge.kmod.ModuleReader;
import dev.rdmaforge.kmod.WrappedLineReader;
import dev.rdmaforge.report.Finding;
import dev.rdmaforge.report.Location;
import dev.rdmaforge.report.Severity;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringTokenizer;
import java.util.TreeSet;

/**
 * {@code RF-PKG-003}: depmod.d lines a package ships that match nothing in the root, which kmod
 * ignores without a word. An {@code override MODULE KVER DIR} line matches when a kernel of the
 * root matches KVER and holds a MODULE file directly in {@code lib/modules/KERNEL/DIR/} (kmod
 * compares the exact directory, so {@code extras/} never matches {@code extra/x.ko}: the LANL
 * story); an override is a warning. A {@code search} word naming a directory the target's tree
 * lacks is worth knowing (info): RHEL's {@code search updates extra built-in weak-updates} names
 * directories that often do not exist yet. Only {@code .conf} files are read, as kmod reads only
 * those.
 */
final class DeadDepmodLines {
  /** The rule id. */
  static final String RULE = "RF-PKG-003";

  private DeadDepmodLines() {}

  static List<Finding> findings(Path root, String target, List<InstalledPackage> packages,
      PathOwners owners) {
    TreeView view = TreeView.chroot(root);
    List<Finding> findings = new ArrayList<>();
    TreeSet<String> kernels = kernels(root);
    for (InstalledPackage p : packages) {
      for (String path : p.laidOut()) {
        if (!path.matches("(etc|run|usr/local/lib|lib|usr/lib)/depmod\\.d/[^/]+\\.conf")
            || owners.installed(path).map(o -> o.pkg() != p).orElse(true)) {
          continue;
        }
        byte[] content;
        try {
          Path file = view.physical("/" + path);
          if (!Files.isRegularFile(file)) {
            continue;
          }
          content = Files.readAllBytes(file);
        } catch (IOException e) {
          continue; // not a readable file in the root: kmod skips it as well
        }
        WrappedLineReader lines = new WrappedLineReader(content);
        for (String line = lines.next(); line != null; line = lines.next()) {
          StringTokenizer words = new StringTokenizer(line, "\t ");
          if (line.startsWith("#") || !words.hasMoreTokens()) {
            continue;
          }
          String command = words.nextToken();
          Location at = Location.at(path, lines.lineNumber());
          if (command.equals("override") && words.countTokens() >= 3) {
            String module = words.nextToken();
            String kernel = words.nextToken();
            String dir = words.nextToken();
            String problem = override(view, kernels, module, kernel, dir);
            if (problem != null) {
              findings.add(new Finding(RULE, Severity.WARNING, at, p.label() + " ships '"
                  + line.strip() + "', which " + problem + "; kmod ignores it without a word",
                  "fix the directory or the kernel field to name the file it is meant for,"
                      + " or remove the line"));
            }
          } else if (command.equals("search")) {
            while (words.hasMoreTokens()) {
              String word = words.nextToken();
              if (!word.equals("built-in") && !word.equals("external") && !isDirectory(view,
                  "/lib/modules/" + target + "/" + word)) {
                findings.add(new Finding(RULE, Severity.INFO, at, p.label() + " ships a search"
                    + " line naming " + word + "/, which lib/modules/" + target + " does not have;"
                    + " it ranks nothing until a package creates it", ""));
              }
            }
          }
        }
      }
    }
    return findings;
  }

  /** Why an override line matches nothing, or null when it names a module file. */
  private static String override(TreeView view, TreeSet<String> kernels, String module,
      String kernel, String dir) {
    List<String> matched = new ArrayList<>();
    for (String k : kernels) {
      if (KernelPattern.matches(kernel, k)) {
        matched.add(k);
      }
    }
    if (matched.isEmpty()) {
      return "applies to no kernel in the root (it has " + String.join(", ", kernels) + ")";
    }
    String name = module.replace('-', '_');
    for (String k : matched) {
      try {
        Path d = view.physical("/lib/modules/" + k + "/" + dir);
        if (Files.isDirectory(d)) {
          try (DirectoryStream<Path> files = Files.newDirectoryStream(d)) {
            for (Path f : files) {
              String base = f.getFileName().toString();
              if (ModuleReader.isModuleFileName(base)
                  && ModuleReader.moduleNameOf(base).equals(name)) {
                return null;
              }
            }
          }
        }
      } catch (IOException e) {
        // no such directory: no match in this kernel
      }
    }
    return "names no " + module + " module file directly in lib/modules/" + String.join("|",
        matched) + "/" + dir + "/ (kmod matches that exact directory, not a prefix)";
  }

  private static boolean isDirectory(TreeView view, String logical) {
    try {
      return Files.isDirectory(view.physical(logical));
    } catch (IOException e) {
      return false;
    }
  }

  /** The kernel releases of the root: the directories below lib/modules and usr/lib/modules. */
  static TreeSet<String> kernels(Path root) {
    TreeSet<String> kernels = new TreeSet<>();
    for (String base : List.of("lib/modules", "usr/lib/modules")) {
      Path dir = root.resolve(base);
      if (Files.isDirectory(dir) && !Files.isSymbolicLink(dir)) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
          for (Path e : entries) {
            if (Files.isDirectory(e)) {
              kernels.add(e.getFileName().toString());
            }
          }
        } catch (IOException e) {
          // unreadable: no kernels from there
        }
      }
    }
    return kernels;
  }
}
