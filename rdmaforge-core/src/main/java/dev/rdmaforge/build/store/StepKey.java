package dev.rdmaforge.build.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The key of a store entry: the SHA-256 of a canonical text describing every input of the step
 * that makes the entry. Two steps with the same inputs have the same key on any machine; any
 * change to an input changes it.
 *
 * <p>The canonical text (UTF-8, each line ending in {@code \n}) is:
 *
 * <pre>
 * rdmaforge-step-key 1
 * step KIND
 * NAME file sha256:HEX
 * NAME string VALUE
 * NAME tool VERSION
 * NAME tree sha256:HEX
 * </pre>
 *
 * after the two header lines, one line per input, sorted by NAME (Java {@code String} order,
 * which is byte order for the ASCII names allowed: letters, digits, {@code . _ - /}). A {@code
 * file} is its content's SHA-256 (not its path, name or time); a {@code tree} is the SHA-256 of
 * its listing — one line per entry below it, sorted by relative path: {@code PATH d}, {@code PATH
 * f SHA256} ({@code F} instead of {@code f} when executable) or {@code PATH l TARGET}. Values are
 * escaped so that a value is one line: {@code \} as {@code \\}, newline {@code \n}, carriage
 * return {@code \r}, tab {@code \t}, other control characters {@code \xHH}. The label is for
 * people ({@code rdmaforge cache ls}) and is not part of the key.
 *
 * <pre>
 * StepKey key = StepKey.builder("rebuild-kernel-package")
 *     .label("mlnx-ofa_kernel for 6.1.0-56-amd64")
 *     .file("source", srpm)
 *     .string("kernel.release", "6.1.0-56-amd64")
 *     .file("kernel.symvers", symvers)
 *     .tool("rpmbuild", "4.18.1")
 *     .build();
 * </pre>
 *
 * @param hex the SHA-256 of {@link #canonicalText()}, 64 lower-case hex digits
 * @param kind the step kind
 * @param label a description for people
 * @param canonicalText the text hashed
 */
public record StepKey(String hex, String kind, String label, String canonicalText) {
  static final String HEADER = "rdmaforge-step-key 1";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._/-]+");
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  /** Requires every part and a well-formed key. */
  public StepKey {
    Objects.requireNonNull(hex, "hex");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(canonicalText, "canonicalText");
    if (!HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("not a SHA-256 hex key: " + hex);
    }
  }

  /** Whether {@code text} is a well-formed key (64 lower-case hex digits). */
  public static boolean isKey(String text) {
    return HEX.matcher(text).matches();
  }

  /** A builder for a step of {@code kind} (a name as inputs have). */
  public static Builder builder(String kind) {
    return new Builder(kind);
  }

  /** Collects named inputs; each name once. */
  public static final class Builder {
    private final String kind;
    private final Map<String, String> lines = new TreeMap<>();
    private String label = "";

    private Builder(String kind) {
      this.kind = checkName(kind);
    }

    /** The label shown to people; not part of the key. */
    public Builder label(String text) {
      this.label = Objects.requireNonNull(text, "label");
      return this;
    }

    /** A file input, by the SHA-256 of its content. */
    public Builder file(String name, Path file) {
      return add(name, "file sha256:" + sha256(file));
    }

    /** A file input whose SHA-256 the caller already knows. */
    public Builder fileDigest(String name, String sha256Hex) {
      if (!HEX.matcher(sha256Hex).matches()) {
        throw new IllegalArgumentException("not a SHA-256 hex digest: " + sha256Hex);
      }
      return add(name, "file sha256:" + sha256Hex);
    }

    /** A string input (a kernel release, an option list, a symbol table's summary...). */
    public Builder string(String name, String value) {
      return add(name, "string " + escape(value));
    }

    /** A tool and its version ({@code rpmbuild --version}, {@code gcc -dumpfullversion}). */
    public Builder tool(String name, String version) {
      return add(name, "tool " + escape(version));
    }

    /** A directory input (a source tree), by the SHA-256 of its sorted listing. */
    public Builder tree(String name, Path dir) {
      return add(name, "tree sha256:" + treeDigest(dir));
    }

    /** The key. */
    public StepKey build() {
      StringBuilder text = new StringBuilder(HEADER).append('\n');
      text.append("step ").append(kind).append('\n');
      lines.forEach((name, rest) -> text.append(name).append(' ').append(rest).append('\n'));
      String canonical = text.toString();
      return new StepKey(hex(digest().digest(canonical.getBytes(StandardCharsets.UTF_8))), kind,
          label, canonical);
    }

    private Builder add(String name, String rest) {
      if (lines.putIfAbsent(checkName(name), rest) != null) {
        throw new IllegalArgumentException("input '" + name + "' given twice");
      }
      return this;
    }
  }

  static String checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("input name '" + name + "' is not letters, digits and"
          + " . _ - /");
    }
    return name;
  }

  /** One line for any value: backslash, newline, CR, tab and other controls escaped. */
  static String escape(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /** The SHA-256 of a file's content, lower-case hex. */
  public static String sha256(Path file) {
    MessageDigest md = digest();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        md.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + " to hash it", e);
    }
    return hex(md.digest());
  }

  /** The SHA-256 of a tree's listing (see the class documentation). */
  static String treeDigest(Path dir) {
    List<Path> entries = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(p -> !p.equals(dir)).forEach(entries::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + " to hash it", e);
    }
    List<String> lines = new ArrayList<>();
    for (Path p : entries) {
      String rel = escape(dir.relativize(p).toString());
      try {
        if (Files.isSymbolicLink(p)) {
          lines.add(rel + " l " + escape(Files.readSymbolicLink(p).toString()));
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          lines.add(rel + " d");
        } else {
          lines.add(rel + (Files.isExecutable(p) ? " F " : " f ") + sha256(p));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + p + " to hash it", e);
      }
    }
    lines.sort(null);
    StringBuilder text = new StringBuilder();
    lines.forEach(l -> text.append(l).append('\n'));
    return hex(digest().digest(text.toString().getBytes(StandardCharsets.UTF_8)));
  }

  static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
