package dev.rdmaforge.testkit.judge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Paths of an image root as the booted image sees them: every symbolic link is followed, an
 * absolute target starts again at the root (RHEL's {@code weak-updates} links, bookworm's {@code
 * lib -> usr/lib}), and {@code ..} stops at the root. The host's own files are never reached.
 */
final class RootPaths {

  // The kernel's own limit on links followed in one lookup (MAXSYMLINKS).
  private static final int MAX_LINKS = 40;

  private RootPaths() {}

  /**
   * The host path of {@code relative} inside {@code root}, with every symbolic link resolved.
   *
   * @throws IllegalArgumentException on a link loop
   */
  static Path resolve(Path root, String relative) {
    Deque<String> pending = new ArrayDeque<>(components(relative));
    List<String> resolved = new ArrayList<>();
    int links = 0;
    while (!pending.isEmpty()) {
      String name = pending.removeFirst();
      if (name.isEmpty() || name.equals(".")) {
        continue;
      }
      if (name.equals("..")) {
        if (!resolved.isEmpty()) {
          resolved.remove(resolved.size() - 1);
        }
        continue;
      }
      Path candidate = join(root, resolved).resolve(name);
      if (!Files.isSymbolicLink(candidate)) {
        resolved.add(name);
        continue;
      }
      if (++links > MAX_LINKS) {
        throw new IllegalArgumentException(
            "more than " + MAX_LINKS + " symbolic links resolving " + relative + " in " + root);
      }
      String target = readLink(candidate);
      if (target.startsWith("/")) {
        resolved.clear();
      }
      List<String> targetParts = components(target);
      for (int i = targetParts.size() - 1; i >= 0; i--) {
        pending.addFirst(targetParts.get(i));
      }
    }
    return join(root, resolved);
  }

  private static List<String> components(String path) {
    return List.of(path.split("/", -1));
  }

  private static Path join(Path root, List<String> names) {
    Path path = root;
    for (String name : names) {
      path = path.resolve(name);
    }
    return path;
  }

  private static String readLink(Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the link " + link + ": " + e.getMessage(), e);
    }
  }
}
