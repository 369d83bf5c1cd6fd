package dev.rdmaforge.depmod.tree;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves logical paths inside an image root the way the kernel resolves them for a process
 * chrooted there: absolute symlink targets start again at the root, and {@code ..} never climbs
 * above it. This is what makes RHEL's weak-updates links ({@code /lib/modules/OTHER/extra/x.ko})
 * and bookworm's {@code /lib -> usr/lib} resolve to the image's files, never the host's.
 */
final class ChrootView implements TreeView {
  private static final int MAX_LINKS = 40; // the kernel's limit: ELOOP after 40 links

  private final Path root;
  /**
   * Resolved directories by logical path, or null when every call walks the whole path. Resolving
   * a module path component by component costs one lstat per component; with the directories
   * remembered, the 4,000 files of a tree cost one lstat each.
   */
  private final ConcurrentHashMap<String, Resolved> directories;

  /** Where a logical directory led: its components below the root, and the links followed. */
  private record Resolved(String[] parts, Path path, int links) {}

  ChrootView(Path root) {
    this(root, false);
  }

  private ChrootView(Path root, boolean memo) {
    this.root = root.toAbsolutePath().normalize();
    this.directories = memo ? new ConcurrentHashMap<>(1024) : null;
  }

  @Override
  public TreeView withDirectoryMemo() {
    return new ChrootView(root, true);
  }

  @Override
  public Path physical(String logicalPath) throws IOException {
    if (directories != null) {
      int slash = logicalPath.lastIndexOf('/');
      String last = logicalPath.substring(slash + 1);
      if (slash > 0 && !last.isEmpty() && !last.equals(".") && !last.equals("..")) {
        Resolved parent = directory(logicalPath.substring(0, slash));
        Path candidate = parent.path().resolve(last);
        if (!Files.isSymbolicLink(candidate)) {
          return candidate;
        }
        Deque<String> todo = new ArrayDeque<>();
        todo.push(last);
        Deque<String> done = new ArrayDeque<>(java.util.Arrays.asList(parent.parts()));
        return join(walk(logicalPath, todo, done, parent.links()));
      }
    }
    Deque<String> todo = new ArrayDeque<>();
    push(todo, logicalPath);
    return join(walk(logicalPath, todo, new ArrayDeque<>(), 0));
  }

  /** The resolution of a directory's logical path, remembered for the next file in it. */
  private Resolved directory(String logicalDir) throws IOException {
    Resolved known = directories.get(logicalDir);
    if (known != null) {
      return known;
    }
    Deque<String> todo = new ArrayDeque<>();
    push(todo, logicalDir);
    Deque<String> done = new ArrayDeque<>();
    int[] links = {0};
    walk(logicalDir, todo, done, links);
    Resolved resolved = new Resolved(done.toArray(new String[0]), join(done), links[0]);
    directories.putIfAbsent(logicalDir, resolved);
    return resolved;
  }

  private Deque<String> walk(String logicalPath, Deque<String> todo, Deque<String> done,
      int linksSoFar) throws IOException {
    return walk(logicalPath, todo, done, new int[] {linksSoFar});
  }

  /** Resolves the components in {@code todo} onto {@code done}, counting links followed. */
  private Deque<String> walk(String logicalPath, Deque<String> todo, Deque<String> done,
      int[] links) throws IOException {
    Path current = join(done); // always join(done), kept up to date instead of rebuilt per step
    while (!todo.isEmpty()) {
      String part = todo.pop();
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (done.pollLast() != null) {
          current = join(done);
        }
        continue;
      }
      Path candidate = current.resolve(part);
      if (Files.isSymbolicLink(candidate)) {
        if (++links[0] > MAX_LINKS) {
          throw new FileSystemException(logicalPath, null, "Too many levels of symbolic links");
        }
        String target = Files.readSymbolicLink(candidate).toString();
        if (target.startsWith("/")) {
          done.clear();
          current = root;
        }
        push(todo, target);
        continue;
      }
      done.addLast(part);
      current = candidate;
    }
    return done;
  }

  private static void push(Deque<String> todo, String path) {
    String[] parts = path.split("/");
    for (int i = parts.length - 1; i >= 0; i--) {
      todo.push(parts[i]);
    }
  }

  private Path join(Deque<String> parts) {
    Path p = root;
    for (String s : parts) {
      p = p.resolve(s);
    }
    return p;
  }
}
