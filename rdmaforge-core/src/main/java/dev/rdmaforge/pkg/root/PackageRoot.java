package dev.rdmaforge.pkg.root;

import dev.rdmaforge.report.Finding;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A kernel package and packages laid out as if installed, restricted to what module loading
 * reads, with what their scripts would have done.
 *
 * @param root the directory holding the root (its real path)
 * @param kernelRelease the target kernel release, from the kernel package
 * @param kernel the kernel package
 * @param packages the other packages, in installation order
 * @param selection the package paths laid out, as globs ({@link RootSelection#GLOBS})
 * @param scripts every install-time script command not run, with its effect
 * @param weakLinks the weak-updates links predicted for the target kernel, created or refused
 * @param notes what the prediction could not do, one line each (e.g. no symvers for the target)
 * @param findings conflicts between packages ({@code RF-PKG-*})
 */
public record PackageRoot(
    Path root,
    String kernelRelease,
    InstalledPackage kernel,
    List<InstalledPackage> packages,
    List<String> selection,
    List<ScriptEffect> scripts,
    List<WeakLink> weakLinks,
    List<String> notes,
    List<Finding> findings) {

  /** Requires the root, release and kernel; copies the lists. */
  public PackageRoot {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(kernelRelease, "kernelRelease");
    Objects.requireNonNull(kernel, "kernel");
    packages = List.copyOf(packages);
    selection = List.copyOf(selection);
    scripts = List.copyOf(scripts);
    weakLinks = List.copyOf(weakLinks);
    notes = List.copyOf(notes);
    findings = List.copyOf(findings);
  }

  /** The kernel package then the others, in installation order. */
  public List<InstalledPackage> all() {
    List<InstalledPackage> all = new java.util.ArrayList<>();
    all.add(kernel);
    all.addAll(packages);
    return all;
  }
}
