package dev.rdmaforge.it;

import dev.rdmaforge.testkit.TreeCopies;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Which copy of a module depmod should pick in a scenario, as kernel-modules.md §2 states it.
 * Where the rule is "first (or last) one scanned", the answer depends on readdir order, which
 * differs between file systems, so it is worked out from the tree's actual order.
 */
final class ExpectedWinner {

  private enum Kind {
    NONE,
    AT,
    FIRST_SCANNED,
    LAST_SCANNED
  }

  private final Kind kind;
  private final List<String> paths;

  private ExpectedWinner(Kind kind, List<String> paths) {
    this.kind = kind;
    this.paths = List.copyOf(paths);
  }

  /** The reference table says nothing about this case: only compare with real depmod. */
  static ExpectedWinner unstated() {
    return new ExpectedWinner(Kind.NONE, List.of());
  }

  /** The copy at {@code path} (relative to the module dir, or absolute for external dirs). */
  static ExpectedWinner at(String path) {
    return new ExpectedWinner(Kind.AT, List.of(path));
  }

  /** Equal priority in different search dirs: the copy scanned first is kept. */
  static ExpectedWinner firstScanned(String... paths) {
    return new ExpectedWinner(Kind.FIRST_SCANNED, List.of(paths));
  }

  /** Equal priority under the same search dir (the else-if quirk): the copy scanned last wins. */
  static ExpectedWinner lastScanned(String... paths) {
    return new ExpectedWinner(Kind.LAST_SCANNED, List.of(paths));
  }

  /** The expected path in modules.dep for this tree, or empty when the table states none. */
  Optional<String> in(Path modulesDir) {
    switch (kind) {
      case NONE:
        return Optional.empty();
      case AT:
        return Optional.of(paths.get(0));
      default:
        List<String> order =
            TreeCopies.readdirOrder(modulesDir).stream().filter(paths::contains).toList();
        if (order.size() != paths.size()) {
          throw new IllegalStateException("scenario tree lacks some of " + paths + ": " + order);
        }
        return Optional.of(kind == Kind.FIRST_SCANNED ? order.get(0) : order.get(order.size() - 1));
    }
  }

  @Override
  public String toString() {
    return kind + " " + paths;
  }
}
