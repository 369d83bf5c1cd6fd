package dev.rdmaforge.modprobe;

import dev.rdmaforge.depmod.DepmodLog.Level;
import dev.rdmaforge.depmod.config.Origin;
import dev.rdmaforge.kmod.WrappedLineReader;
import dev.rdmaforge.modprobe.ConfigFileList.ConfigFile;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads modprobe's configuration exactly as kmod 30 does ({@code libkmod-config.c}): the files of
 * {@link ConfigFileList}, then the kernel command line.
 *
 * <p>Lines are joined by a trailing backslash; blank lines and lines starting with {@code #} are
 * skipped; the command and the module name are words split on spaces and tabs, the rest of the line
 * is taken as it is. {@code alias}, {@code blacklist}, {@code options}, {@code install}, {@code
 * remove} and {@code softdep} are known; {@code include} and {@code config} are "deprecated and not
 * parsed anymore"; anything else, a name kmod cannot normalise, or a missing word is "ignoring bad
 * line starting with ..." (an error that does not stop modprobe).
 */
public final class ModprobeConfigParser {
  private final List<BlacklistEntry> blacklists = new ArrayList<>();
  private final List<CommandEntry> installs = new ArrayList<>();
  private final List<CommandEntry> removes = new ArrayList<>();
  private final List<AliasEntry> aliases = new ArrayList<>();
  private final List<OptionsEntry> options = new ArrayList<>();
  private final List<SoftdepEntry> softdeps = new ArrayList<>();
  private final List<String> files = new ArrayList<>();
  private final List<ModprobeMessage> messages = new ArrayList<>();

  private ModprobeConfigParser() {}

  /** Reads everything {@code request} names. */
  public static ModprobeConfig load(ModprobeConfigRequest request) {
    ModprobeConfigParser parser = new ModprobeConfigParser();
    List<ConfigFile> list =
        ConfigFileList.list(
            request.configPaths(), request.moduleDirectory(), request.view(), parser.messages);
    for (ConfigFile file : list) {
      byte[] content;
      if (request.modulesSoftdep().isPresent()
          && file.path().equals(request.modulesSoftdepPath())) {
        content = request.modulesSoftdep().get();
      } else {
        try {
          content = Files.readAllBytes(request.view().physical(file.path()));
        } catch (IOException e) {
          continue; // kmod opens it, fails and moves on without a word
        }
      }
      parser.files.add(file.path());
      parser.parseContent(file.path(), content);
    }
    request
        .kernelCommandLine()
        .ifPresent(
            line ->
                KernelCommandLine.parse(line, parser.options, parser.blacklists, parser.messages));
    return parser.result();
  }

  /**
   * Parses the text of one file as if kmod read it from {@code name}; with no modules.softdep and
   * no kernel command line. For tests and for checking a single file.
   */
  public static ModprobeConfig parse(String name, byte[] content) {
    ModprobeConfigParser parser = new ModprobeConfigParser();
    parser.files.add(name);
    parser.parseContent(name, content);
    return parser.result();
  }

  private ModprobeConfig result() {
    return new ModprobeConfig(
        blacklists, installs, removes, aliases, options, softdeps, files, messages);
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
    CWords words = new CWords(line);
    String cmd = words.next();
    if (cmd == null) {
      return;
    }
    Origin origin = new Origin(file, lineNumber);
    boolean ok;
    switch (cmd) {
      case "alias":
        {
          String alias = Names.underscores(words.next());
          String module = alias == null ? null : Names.underscores(words.next());
          ok = module != null;
          if (ok) {
            aliases.add(new AliasEntry(alias, module, origin));
          }
          break;
        }
      case "blacklist":
        {
          String module = Names.underscores(words.next());
          ok = module != null;
          if (ok) {
            blacklists.add(new BlacklistEntry(module, origin));
          }
          break;
        }
      case "options":
        {
          String module = Names.underscores(words.next());
          String text = words.rest();
          ok = module != null && text != null;
          if (ok) {
            options.add(new OptionsEntry(module, text.replace('\t', ' '), origin));
          }
          break;
        }
      case "install":
      case "remove":
        {
          String module = Names.underscores(words.next());
          String command = words.rest();
          ok = module != null && command != null;
          if (ok) {
            CommandEntry entry = new CommandEntry(module, command, origin);
            (cmd.equals("install") ? installs : removes).add(entry);
          }
          break;
        }
      case "softdep":
        {
          String module = Names.underscores(words.next());
          String text = words.rest();
          ok = module != null && text != null;
          if (ok) {
            softdeps.add(SoftdepWords.parse(module, text, origin));
          }
          break;
        }
      case "include":
      case "config":
        messages.add(
            ModprobeMessage.whileLoading(
                Level.ERROR,
                "libkmod-config.c:708",
                "kmod_config_parse",
                file + ": command " + cmd + " is deprecated and not parsed anymore"));
        return;
      default:
        ok = false;
    }
    if (!ok) {
      messages.add(
          ModprobeMessage.whileLoading(
              Level.ERROR,
              "libkmod-config.c:712",
              "kmod_config_parse",
              file + " line " + lineNumber + ": ignoring bad line starting with '" + cmd + "'"));
    }
  }

  /**
   * glibc's {@code strtok_r} over one line: {@link #next} is a call with the delimiters space and
   * tab, {@link #rest} a call with no delimiter at all (kmod's {@code "\0"}), which returns what
   * follows the delimiter that ended the previous word, leading spaces included.
   */
  private static final class CWords {
    private final String line;
    private int pos;

    CWords(String line) {
      this.line = line;
    }

    String next() {
      while (pos < line.length() && isDelimiter(line.charAt(pos))) {
        pos++;
      }
      if (pos >= line.length()) {
        return null;
      }
      int start = pos;
      while (pos < line.length() && !isDelimiter(line.charAt(pos))) {
        pos++;
      }
      String word = line.substring(start, pos);
      if (pos < line.length()) {
        pos++; // strtok_r overwrites the delimiter and resumes after it
      }
      return word;
    }

    String rest() {
      if (pos >= line.length()) {
        return null;
      }
      String rest = line.substring(pos);
      pos = line.length();
      return rest;
    }

    private static boolean isDelimiter(char c) {
      return c == ' ' || c == '\t';
    }
  }
}
