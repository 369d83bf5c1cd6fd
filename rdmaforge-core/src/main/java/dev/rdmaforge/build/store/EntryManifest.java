package dev.rdmaforge.build.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an entry holds, written as {@code entry.json} next to its {@code files/}: its key, the
 * step kind, label, creation time, the canonical text the key hashes, and every file below
 * {@code files/} with its SHA-256 (links with their target, directories by name).
 *
 * @param key the entry's key
 * @param kind the step kind
 * @param label what it is, for people
 * @param created when it was put
 * @param canonicalText the text its key is the SHA-256 of
 * @param files every file, directory and link below {@code files/}, sorted by path
 */
public record EntryManifest(String key, String kind, String label, Instant created,
    String canonicalText, List<ManifestFile> files) {
  static final int SCHEMA = 1;
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  /** Requires every part and freezes the list. */
  public EntryManifest {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(canonicalText, "canonicalText");
    files = List.copyOf(files);
  }

  /** The bytes of the files. */
  public long size() {
    return files.stream().mapToLong(ManifestFile::size).sum();
  }

  /** The manifest of what {@code dir} holds now. */
  static EntryManifest of(StepKey key, Instant created, Path dir) throws IOException {
    return new EntryManifest(key.hex(), key.kind(), key.label(), created, key.canonicalText(),
        scan(dir));
  }

  /** Every entry below {@code dir}, sorted by path, regular files hashed. */
  static List<ManifestFile> scan(Path dir) throws IOException {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(dir)) {
      paths = walk.filter(p -> !p.equals(dir)).sorted().toList();
    }
    List<ManifestFile> out = new ArrayList<>(paths.size());
    for (Path p : paths) {
      String rel = dir.relativize(p).toString();
      if (Files.isSymbolicLink(p)) {
        out.add(new ManifestFile(rel, "link", 0, "", false,
            Files.readSymbolicLink(p).toString()));
      } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        out.add(new ManifestFile(rel, "dir", 0, "", false, ""));
      } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        out.add(new ManifestFile(rel, "file", Files.size(p), StepKey.sha256(p),
            Files.isExecutable(p), ""));
      } else {
        throw new IOException(p + " is neither a file, a directory nor a link; an entry holds"
            + " only those");
      }
    }
    return out;
  }

  /** Why {@code dir} no longer holds what this manifest lists, or empty if it does. */
  Optional<String> verify(Path dir) {
    Map<String, ManifestFile> now = new HashMap<>();
    try {
      for (ManifestFile f : scanShallow(dir)) {
        now.put(f.path(), f);
      }
    } catch (IOException e) {
      return Optional.of("cannot read its files: " + e.getMessage());
    }
    for (ManifestFile want : files) {
      ManifestFile have = now.remove(want.path());
      if (have == null) {
        return Optional.of(want.path() + " is missing");
      }
      if (!have.type().equals(want.type())) {
        return Optional.of(want.path() + " is a " + have.type() + ", not a " + want.type());
      }
      if (want.type().equals("link") && !have.target().equals(want.target())) {
        return Optional.of(want.path() + " points to " + have.target() + ", not "
            + want.target());
      }
      if (want.type().equals("file")) {
        Path p = dir.resolve(want.path());
        if (have.size() != want.size()) {
          return Optional.of(want.path() + " has " + have.size() + " bytes, not " + want.size());
        }
        String sha = StepKey.sha256(p);
        if (!sha.equals(want.sha256())) {
          return Optional.of(want.path() + " has SHA-256 " + sha + ", not " + want.sha256());
        }
      }
    }
    if (!now.isEmpty()) {
      return Optional.of(now.keySet().stream().sorted().findFirst().get()
          + " is not in the manifest");
    }
    return Optional.empty();
  }

  /** Like {@link #scan} without hashing (sizes only); hashes are compared one by one. */
  private static List<ManifestFile> scanShallow(Path dir) throws IOException {
    List<ManifestFile> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.filter(q -> !q.equals(dir))::iterator) {
        String rel = dir.relativize(p).toString();
        if (Files.isSymbolicLink(p)) {
          out.add(new ManifestFile(rel, "link", 0, "", false,
              Files.readSymbolicLink(p).toString()));
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          out.add(new ManifestFile(rel, "dir", 0, "", false, ""));
        } else {
          out.add(new ManifestFile(rel, "file", Files.size(p), "", false, ""));
        }
      }
    }
    return out;
  }

  /** Writes {@code entry.json}. */
  void write(Path file) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("schema", SCHEMA);
    root.put("key", key);
    root.put("kind", kind);
    root.put("label", label);
    root.put("created", created.toString());
    root.put("canonicalText", canonicalText);
    ArrayNode list = root.putArray("files");
    for (ManifestFile f : files) {
      ObjectNode n = list.addObject();
      n.put("path", f.path());
      n.put("type", f.type());
      if (f.type().equals("file")) {
        n.put("size", f.size());
        n.put("sha256", f.sha256());
        n.put("executable", f.executable());
      } else if (f.type().equals("link")) {
        n.put("target", f.target());
      }
    }
    Files.writeString(file, JSON.writeValueAsString(root), StandardCharsets.UTF_8);
  }

  /** Reads {@code entry.json}; an unreadable or malformed one is an {@link IOException}. */
  static EntryManifest read(Path file) throws IOException {
    try {
      JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
      if (root.path("schema").asInt() != SCHEMA) {
        throw new IOException(file + ": unknown manifest schema " + root.path("schema"));
      }
      List<ManifestFile> files = new ArrayList<>();
      for (JsonNode n : root.path("files")) {
        files.add(new ManifestFile(text(n, "path"), text(n, "type"), n.path("size").asLong(),
            n.path("sha256").asString(""), n.path("executable").asBoolean(),
            n.path("target").asString("")));
      }
      return new EntryManifest(text(root, "key"), text(root, "kind"), text(root, "label"),
          Instant.parse(text(root, "created")), text(root, "canonicalText"), files);
    } catch (JacksonException | java.time.format.DateTimeParseException e) {
      throw new IOException(file + ": malformed manifest: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode n, String field) throws IOException {
    JsonNode v = n.get(field);
    if (v == null || !v.isString()) {
      throw new IOException("manifest field '" + field + "' is missing");
    }
    return v.asString();
  }
}
