package dev.rdmaforge.pkg.root;

import dev.rdmaforge.pkg.root.WeakModulesCompatibility.SymbolProblem;
import java.util.List;
import java.util.Objects;

/**
 * A weak-updates link RHEL's {@code weak-modules --add-modules} would create for the target
 * kernel, or would remove again as incompatible.
 *
 * @param module the module file, a root path ({@code lib/modules/HOME/extra/x/y.ko})
 * @param packageLabel the package that ships it and runs weak-modules
 * @param homeRelease the kernel it was built for (the first word of its vermagic)
 * @param link where the link goes, a root path ({@code lib/modules/TARGET/weak-updates/x/y.ko})
 * @param target the link's target as weak-modules writes it (the module's absolute path)
 * @param created whether the link is in the root (the module is compatible)
 * @param reason one line: why it is linked or refused
 * @param problems for a refusal, every symbol that made depmod complain
 */
public record WeakLink(
    String module,
    String packageLabel,
    String homeRelease,
    String link,
    String target,
    boolean created,
    String reason,
    List<SymbolProblem> problems) {

  /** Requires every part; copies the list. */
  public WeakLink {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(packageLabel, "packageLabel");
    Objects.requireNonNull(homeRelease, "homeRelease");
    Objects.requireNonNull(link, "link");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(reason, "reason");
    problems = List.copyOf(problems);
  }
}
