package dev.rdmaforge.image.apply;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an apply changed in the root, written down <em>before</em> each change ({@code
 * ROOT/var/lib/rdmaforge/apply-journal/journal.json}, replaced atomically), so that a failed apply,
 * an interrupted one (SIGINT/SIGTERM) and one killed outright (found by the next apply) are undone:
 * files written are restored from their copies or deleted, packages installed are purged with the
 * image's package manager. What cannot be undone is said: a package upgraded from another version
 * or removed (the old package file is not at hand).
 */
final class ApplyJournal {
  static final String DIR = "var/lib/rdmaforge/apply-journal";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Path root;
  private final Path dir;
  private final ArrayNode entries;
  private boolean closed;

  private ApplyJournal(Path root, ArrayNode entries) {
    this.root = root;
    this.dir = root.resolve(DIR);
    this.entries = entries;
  }

  /** A new journal; {@code root} must have none (see {@link #pending}). */
  static ApplyJournal begin(Path root) {
    ApplyJournal j = new ApplyJournal(root, JSON.createArrayNode());
    if (Files.exists(j.dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new ApplyFailure(j.dir + " is left from an earlier apply that could not be undone"
          + " completely; see what it lists, set the image right (or make it again), then delete"
          + " that directory");
    }
    try {
      Files.createDirectories(j.dir.resolve("files"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    j.save();
    return j;
  }

  /** The journal an apply killed outright left in {@code root}, if any. */
  static java.util.Optional<ApplyJournal> pending(Path root) {
    Path file = root.resolve(DIR).resolve("journal.json");
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return java.util.Optional.empty();
    }
    try {
      JsonNode n = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
      return java.util.Optional.of(new ApplyJournal(root, (ArrayNode) n.get("entries")));
    } catch (IOException | RuntimeException e) {
      throw new ApplyFailure(file + ": an earlier apply's journal cannot be read (" + e.getMessage()
          + "); restore the image from its source, then delete " + root.resolve(DIR), e);
    }
  }

  /**
   * Before {@code relative} (below the root) is written or replaced: keeps a copy of what is
   * there, or notes that it is new.
   */
  synchronized void beforeWrite(String relative) {
    requireOpen();
    Path target = root.resolve(relative);
    // The entry is journalled only once its copy is safe: an entry without a copy would make
    // the undo delete the file.
    ObjectNode e = JSON.createObjectNode().put("kind", "file").put("path", relative);
    try {
      if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
        String copy = "files/" + java.util.UUID.randomUUID();
        Files.copy(target, dir.resolve(copy), StandardCopyOption.COPY_ATTRIBUTES);
        e.put("backup", copy);
      } else {
        e.putNull("backup");
      }
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
    entries.add(e);
    save();
  }

  /**
   * Before packages are installed: which are new, and which replace another version (the same
   * version installed again changes nothing to undo).
   *
   * @param versions the packages to install, name to version
   */
  synchronized void beforeInstall(Map<String, String> versions,
      Map<String, String> installedBefore) {
    requireOpen();
    ObjectNode e = entries.addObject().put("kind", "install");
    ArrayNode fresh = e.putArray("new");
    ObjectNode upgraded = e.putObject("upgraded");
    versions.forEach((n, v) -> {
      String before = installedBefore.get(n);
      if (before == null) {
        fresh.add(n);
      } else if (!before.equals(v)) {
        upgraded.put(n, before);
      }
    });
    save();
  }

  /** Before packages are removed: their versions, for the report if it must be undone. */
  synchronized void beforeRemove(Map<String, String> removed) {
    requireOpen();
    ObjectNode e = entries.addObject().put("kind", "remove");
    ObjectNode p = e.putObject("packages");
    removed.forEach(p::put);
    save();
  }

  /** After an undo (an interrupt's, from another thread) nothing more may change the root. */
  private void requireOpen() {
    if (closed) {
      throw new ApplyFailure("the apply was interrupted and has been undone");
    }
  }

  /** The apply succeeded: the journal is removed, nothing will be undone. */
  synchronized void commit() {
    if (!closed) {
      closed = true;
      delete();
    }
  }

  /**
   * Undoes everything journalled, last first, and removes the journal.
   *
   * @return what was undone and what could not be
   */
  synchronized UndoReport undo(RootPackageManager packages) {
    List<String> undone = new ArrayList<>();
    List<String> notUndone = new ArrayList<>();
    if (closed) {
      return new UndoReport(undone, notUndone, false);
    }
    closed = true;
    boolean failed = false;
    for (int i = entries.size() - 1; i >= 0; i--) {
      JsonNode e = entries.get(i);
      String kind = e.get("kind").asString();
      try {
        switch (kind) {
          case "file" -> undoFile(e, undone);
          case "install" -> {
            List<String> fresh = new ArrayList<>();
            e.get("new").forEach(n -> fresh.add(n.asString()));
            Map<String, String> present = packages.installed(fresh);
            packages.purge(present.keySet());
            present.keySet().forEach(n -> undone.add("purged " + n));
            e.get("upgraded").properties().forEach(p -> notUndone.add(p.getKey()
                + " was upgraded from " + p.getValue().asString() + "; reinstall that version"
                + " from the image's repository"));
          }
          case "remove" -> e.get("packages").properties().forEach(p -> notUndone.add(
              p.getKey() + " " + p.getValue().asString() + " was removed; reinstall it from"
                  + " the image's repository"));
          default -> notUndone.add("unknown journal entry " + kind);
        }
      } catch (RuntimeException x) {
        failed = true;
        notUndone.add(kind + " " + e + ": " + x.getMessage());
      }
    }
    if (!failed) {
      delete(); // kept otherwise: the next apply refuses until someone has looked
    }
    return new UndoReport(undone, notUndone, failed);
  }

  private void undoFile(JsonNode e, List<String> undone) {
    String path = e.get("path").asString();
    Path target = root.resolve(path);
    try {
      JsonNode backup = e.get("backup");
      if (backup == null || backup.isNull()) {
        if (Files.deleteIfExists(target)) {
          undone.add("deleted " + path);
        }
      } else {
        Files.copy(dir.resolve(backup.asString()), target, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.COPY_ATTRIBUTES);
        undone.add("restored " + path);
      }
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }

  private void save() {
    ObjectNode n = JSON.createObjectNode();
    n.put("schema", 1);
    n.set("entries", entries);
    Path file = dir.resolve("journal.json");
    Path tmp = dir.resolve("journal.json.tmp");
    try {
      Files.writeString(tmp, JSON.writeValueAsString(n), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }

  private void delete() {
    dev.rdmaforge.io.Trees.deleteQuietly(dir);
  }

  /**
   * The outcome of an undo.
   *
   * @param undone each change taken back
   * @param notUndone each change that stays, with what to do
   * @param incomplete whether an undo action failed (the journal is then kept)
   */
  public record UndoReport(List<String> undone, List<String> notUndone, boolean incomplete) {
    /** Copies the lists. */
    public UndoReport {
      undone = List.copyOf(undone);
      notUndone = List.copyOf(notUndone);
    }

  }
}
