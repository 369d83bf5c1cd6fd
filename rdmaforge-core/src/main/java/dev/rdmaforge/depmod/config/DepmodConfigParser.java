package dev.rdmaforge.depmod.config;

import dev.rdmaforge.depmod.DepmodLog;
import dev.rdmaforge.depmod.DepmodLog.Level;
import dev.rdmaforge.depmod.config.ConfigFiles.ConfigFile;
import dev.rdmaforge.depmod.tree.TreeView;
import dev.rdmaforge.kmod.WrappedLineReader;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.StringTokenizer;

/**
 * Reads depmod.d files exactly as kmod 30's depmod does: lines joined by a trailing backslash
 * (a backslash before any other character is dropped), blank lines and lines starting with '#'
 * skipped, words split on spaces and tabs; {@code search}, {@code override}, {@code external},
 * {@code exclude}; {@code include} and {@code make_map_files} acknowledged as not implemented;
 * anything else is "ignoring bad line", an error that does not stop the run.
 */
public final class DepmodConfigParser {
  private final String kernelRelease;
  private final TreeView view;
  private final DepmodLog log;

  // Built in parse order; reversed at the end into kmod's prepended-list order.
  private final List<OverrideRule> overrides = new ArrayList<>();
  private final List<SearchEntry> searches = new ArrayList<>();
  private final List<ExternalDir> externals = new ArrayList<>();
  private final List<String> excludes = new ArrayList<>();
  private final List<String> files = new ArrayList<>();

  private DepmodConfigParser(String kernelRelease, TreeView view, DepmodLog log) {
    this.kernelRelease = kernelRelease;
    this.view = view;
    this.log = log;
  }

  /**
   * Loads the configuration for {@code kernelRelease} from {@code configPaths} (files or
   * directories, as {@code -C} or kmod's defaults give them).
   */
  public static DepmodConfig load(
      List<String> configPaths, String kernelRelease, TreeView view, DepmodLog log) {
    DepmodConfigParser parser = new DepmodConfigParser(kernelRelease, view, log);
    for (ConfigFile file : ConfigFiles.list(configPaths, view, log)) {
      parser.parseFile(file.path());
    }
    return parser.result();
  }

  /** Parses configuration text as if it were the file {@code name}; for tests and explain. */
  public static DepmodConfig parse(
      String name, byte[] content, String kernelRelease, DepmodLog log) {
    DepmodConfigParser parser = new DepmodConfigParser(kernelRelease, TreeView.host(), log);
    parser.files.add(name);
    parser.parseContent(name, content);
    return parser.result();
  }

  private DepmodConfig result() {
    if (searches.isEmpty()) {
      // kmod: "For backward compatibility add "updates" to the head of the search list".
      searches.add(new SearchEntry(SearchEntry.Kind.PATH, "updates", Origin.BUILT_IN_DEFAULT));
    }
    return new DepmodConfig(
        reversed(overrides), reversed(searches), reversed(externals), reversed(excludes), files);
  }

  private static <T> List<T> reversed(List<T> list) {
    List<T> copy = new ArrayList<>(list);
    java.util.Collections.reverse(copy);
    return copy;
  }

  private void parseFile(String path) {
    byte[] content;
    try {
      content = Files.readAllBytes(view.physical(path));
    } catch (IOException e) {
      log.log(Level.ERROR, "file parse " + path + ": " + Errno.message(e) + "\n");
      return;
    }
    files.add(path);
    parseContent(path, content);
  }

  private void parseContent(String file, byte[] content) {
    WrappedLineReader reader = new WrappedLineReader(content);
    String line;
    while ((line = reader.next()) != null) {
      parseLine(file, reader.lineNumber(), line);
    }
  }

  private void parseLine(String file, int lineNumber, String line) {
    if (line.isEmpty() || line.charAt(0) == '#') {
      return;
    }
    StringTokenizer words = new StringTokenizer(line, "\t ");
    if (!words.hasMoreTokens()) {
      return;
    }
    String cmd = words.nextToken();
    Origin origin = new Origin(file, lineNumber);
    switch (cmd) {
      case "search":
        while (words.hasMoreTokens()) {
          searches.add(searchEntry(words.nextToken(), origin));
        }
        return;
      case "override":
        {
          String module = next(words);
          String version = next(words);
          String subdir = next(words);
          if (module == null || version == null || subdir == null) {
            badLine(origin, cmd);
            return;
          }
          if (!KernelPattern.matches(version, kernelRelease)) {
            log.log(
                Level.INFO, origin + ": override kernel did not match " + version + "\n");
            return;
          }
          overrides.add(new OverrideRule(module, version, subdir, origin));
          return;
        }
      case "external":
        {
          String version = next(words);
          String dir = next(words);
          if (version == null || dir == null) {
            badLine(origin, cmd);
            return;
          }
          if (!KernelPattern.matches(version, kernelRelease)) {
            log.log(
                Level.INFO, origin + ": external directory did not match " + version + "\n");
            return;
          }
          externals.add(new ExternalDir(dir, version, origin));
          return;
        }
      case "exclude":
        while (words.hasMoreTokens()) {
          excludes.add(words.nextToken());
        }
        return;
      case "include":
      case "make_map_files":
        log.log(Level.INFO, origin + ": command " + cmd + " not implemented yet\n");
        return;
      default:
        badLine(origin, cmd);
    }
  }

  private void badLine(Origin origin, String cmd) {
    log.log(Level.ERROR, origin + ": ignoring bad line starting with '" + cmd + "'\n");
  }

  private static String next(StringTokenizer words) {
    return words.hasMoreTokens() ? words.nextToken() : null;
  }

  private static SearchEntry searchEntry(String word, Origin origin) {
    switch (word) {
      case "built-in":
        return new SearchEntry(SearchEntry.Kind.BUILT_IN, "", origin);
      case "external":
        return new SearchEntry(SearchEntry.Kind.EXTERNAL, "", origin);
      default:
        return new SearchEntry(SearchEntry.Kind.PATH, word, origin);
    }
  }
}
