package dev.rdmaforge.depmod.tree;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resolves logical paths inside an image root the way the kernel resolves them for a process
 * chrooted there: absolute symlink targets start again at the root, and {@code ..} never climbs
 * above it. This is what makes RHEL's weak-updates links ({@code /lib/modules/OTHER/extra/x.ko})
 * and bookworm's {@code /lib -> usr/lib} resolve to the image's files, never the host's.
 */
final class ChrootView implements TreeView {
  private static final int MAX_LINKS = 40; // the kernel's limit: ELOOP after 40 links

  private final Path root;

  ChrootView(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public Path physical(String logicalPath) throws IOException {
    Deque<String> todo = new ArrayDeque<>();
    push(todo, logicalPath);
    Deque<String> done = new ArrayDeque<>(); // resolved components below the root
    int links = 0;
    while (!todo.isEmpty()) {
      String part = todo.pop();
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        done.pollLast();
        continue;
      }
      Path candidate = join(done).resolve(part);
      if (Files.isSymbolicLink(candidate)) {
        if (++links > MAX_LINKS) {
          throw new FileSystemException(logicalPath, null, "Too many levels of symbolic links");
        }
        String target = Files.readSymbolicLink(candidate).toString();
        if (target.startsWith("/")) {
          done.clear();
        }
        push(todo, target);
        continue;
      }
      done.addLast(part);
    }
    return join(done);
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
