package dev.rdmaforge.testkit.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Debian sources the host's apt is configured with, for the suites a test root needs, as
 * one-line {@code deb [options] URI SUITE COMPONENT...} entries that mmdebstrap takes as MIRROR
 * arguments. Read the way apt reads them: {@code sources.list}, then the {@code *.list} (one-line)
 * and {@code *.sources} (deb822) files of {@code sources.list.d} in name order; other files there
 * ({@code x.list.disabled}) are ignored, as apt ignores them. Test roots use the machine's own
 * mirror (a snapshot, a proxy, a local mirror), never one written into the tests.
 */
public final class HostAptSources {

  /** The options kept from a source; apt's names in one-line form. */
  private static final Map<String, String> DEB822_OPTIONS =
      Map.of("signed-by", "signed-by", "architectures", "arch", "trusted", "trusted");

  private HostAptSources() {}

  /**
   * The entries of {@code etcApt} ({@code /etc/apt} on the host) of type {@code deb} for any of
   * {@code suites}, one per URI and suite, in apt's order; duplicates dropped.
   *
   * @throws IllegalStateException when a suite has no entry, or a source cannot be written as one
   *     line (a key embedded in a deb822 {@code Signed-By})
   */
  public static List<String> lines(Path etcApt, Set<String> suites) {
    List<Path> files = new ArrayList<>();
    Path main = etcApt.resolve("sources.list");
    if (Files.isRegularFile(main)) {
      files.add(main);
    }
    Path dir = etcApt.resolve("sources.list.d");
    if (Files.isDirectory(dir)) {
      TreeSet<Path> parts = new TreeSet<>();
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
        for (Path p : entries) {
          String name = p.getFileName().toString();
          if (Files.isRegularFile(p) && (name.endsWith(".list") || name.endsWith(".sources"))) {
            parts.add(p);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("could not list " + dir, e);
      }
      files.addAll(parts);
    }
    List<String> lines = new ArrayList<>();
    Set<String> suitesFound = new TreeSet<>();
    for (Path file : files) {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("could not read " + file, e);
      }
      List<String> found =
          file.getFileName().toString().endsWith(".sources")
              ? deb822(file, text, suites)
              : oneLine(text, suites);
      for (String line : found) {
        if (!lines.contains(line)) {
          lines.add(line);
          suitesFound.add(suiteOf(line));
        }
      }
    }
    for (String suite : suites) {
      if (!suitesFound.contains(suite)) {
        throw new IllegalStateException(
            "the host's apt configuration ("
                + main
                + ", "
                + dir
                + "/*.list, *.sources) has no `deb` source for the suite "
                + suite
                + "; a Debian 12 test root needs "
                + String.join(", ", new TreeSet<>(suites))
                + ": add them to the host's apt sources");
      }
    }
    return lines;
  }

  /** The suite of a line this class wrote: the word after the URI. */
  private static String suiteOf(String line) {
    return line.replaceFirst("^deb (\\[[^]]*\\] )?", "").split(" ")[1];
  }

  /** {@code deb [opts] uri suite comp...} lines whose suite is wanted; comments dropped. */
  static List<String> oneLine(String text, Set<String> suites) {
    List<String> lines = new ArrayList<>();
    for (String raw : text.split("\n")) {
      String line = raw.replaceFirst("#.*", "").strip();
      if (!line.startsWith("deb ") && !line.startsWith("deb\t")) {
        continue;
      }
      String rest = line.substring(3).strip();
      String options = "";
      if (rest.startsWith("[")) {
        int close = rest.indexOf(']');
        if (close < 0) {
          continue; // apt rejects the line too
        }
        options = rest.substring(0, close + 1);
        rest = rest.substring(close + 1).strip();
      }
      String[] words = rest.split("\\s+");
      if (words.length < 2 || !suites.contains(words[1])) {
        continue;
      }
      StringBuilder out = new StringBuilder("deb ");
      if (!options.isEmpty()) {
        out.append(options.replaceAll("\\s+", " ")).append(' ');
      }
      out.append(String.join(" ", words));
      lines.add(out.toString());
    }
    return lines;
  }

  /** One line per URI and wanted suite of each enabled {@code Types: deb} stanza. */
  static List<String> deb822(Path file, String text, Set<String> suites) {
    List<String> lines = new ArrayList<>();
    for (Map<String, String> stanza : stanzas(text)) {
      if (stanza.getOrDefault("enabled", "yes").equalsIgnoreCase("no")
          || !List.of(words(stanza.getOrDefault("types", ""))).contains("deb")) {
        continue;
      }
      StringBuilder options = new StringBuilder();
      for (String key : new TreeSet<>(DEB822_OPTIONS.keySet())) {
        String value = stanza.getOrDefault(key, "").strip();
        if (value.isEmpty()) {
          continue;
        }
        if (value.contains("\n")) {
          throw new IllegalStateException(
              file
                  + ": a "
                  + key
                  + " value spanning lines (an embedded key) cannot be given to mmdebstrap as a"
                  + " one-line source; put the key in a file and name it in Signed-By");
        }
        options
            .append(options.length() == 0 ? "[" : " ")
            .append(DEB822_OPTIONS.get(key))
            .append('=')
            .append(String.join(",", words(value)));
      }
      String prefix = options.length() == 0 ? "deb " : "deb " + options + "] ";
      String components = String.join(" ", words(stanza.getOrDefault("components", "")));
      for (String uri : words(stanza.getOrDefault("uris", ""))) {
        for (String suite : words(stanza.getOrDefault("suites", ""))) {
          if (suites.contains(suite)) {
            lines.add((prefix + uri + " " + suite + " " + components).strip());
          }
        }
      }
    }
    return lines;
  }

  /** deb822 paragraphs: keys lower-cased, continuation lines joined with newlines. */
  private static List<Map<String, String>> stanzas(String text) {
    List<Map<String, String>> stanzas = new ArrayList<>();
    Map<String, String> current = new LinkedHashMap<>();
    String lastKey = null;
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("#")) {
        continue; // deb822 comments are whole lines, even inside a paragraph
      }
      if (line.isBlank()) {
        if (!current.isEmpty()) {
          stanzas.add(current);
          current = new LinkedHashMap<>();
        }
        lastKey = null;
        continue;
      }
      if ((line.startsWith(" ") || line.startsWith("\t")) && lastKey != null) {
        current.merge(lastKey, "\n" + line.strip(), String::concat);
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      lastKey = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      current.put(lastKey, line.substring(colon + 1).strip());
    }
    if (!current.isEmpty()) {
      stanzas.add(current);
    }
    return stanzas;
  }

  private static String[] words(String value) {
    String v = value.strip();
    return v.isEmpty() ? new String[0] : v.split("\\s+");
  }
}
