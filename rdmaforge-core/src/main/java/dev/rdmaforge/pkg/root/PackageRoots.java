package dev.rdmaforge.pkg.root;

import dev.rdmaforge.depmod.Depmod;
import dev.rdmaforge.depmod.DepmodFailure;
import dev.rdmaforge.depmod.DepmodRequest;
import dev.rdmaforge.depmod.Resolution;
import dev.rdmaforge.io.Trees;
import dev.rdmaforge.pkg.AbsoluteSymlinks;
import dev.rdmaforge.pkg.ExtractionRequest;
import dev.rdmaforge.pkg.ExtractionResult;
import dev.rdmaforge.pkg.PackagedFile;
import dev.rdmaforge.pkg.Packages;
import dev.rdmaforge.report.Finding;
import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Lays out a kernel package and packages as if installed ({@link #build}): each package's {@link
 * RootSelection} is extracted in order with absolute links resolving inside the root ({@link
 * AbsoluteSymlinks#IMAGE}); scripts are read, never run; the weak-updates links RHEL's weak-modules
 * would make for the target kernel are predicted and created; conflicts between the packages are
 * reported as findings.
 */
public final class PackageRoots {
  private PackageRoots() {}

  /**
   * Builds the root.
   *
   * @throws UserInputException for a package that is unreadable, damaged or hostile (nothing is
   *     written outside the output directory), a kernel package that is none, or an output
   *     directory that is not empty
   */
  public static PackageRoot build(PackageRootRequest request) {
    return build(request, Depmod.create());
  }

  /** {@link #build(PackageRootRequest)} with the given depmod (its module cache). */
  public static PackageRoot build(PackageRootRequest request, Depmod depmod) {
    Path out = prepare(request.outputDir());
    InstalledPackage kernel = install(request.kernelPackage(), out);
    String release = KernelReleases.of(kernel.pkg());
    List<InstalledPackage> packages = new ArrayList<>();
    for (Path p : request.packages()) {
      packages.add(install(p, out));
    }
    List<InstalledPackage> all = new ArrayList<>();
    all.add(kernel);
    all.addAll(packages);

    List<ScriptEffect> scripts = new ArrayList<>();
    for (InstalledPackage p : all) {
      scripts.addAll(ScriptEffects.of(p.pkg(), release));
    }
    if (!Files.isDirectory(out.resolve("lib/modules/" + release))
        && !Files.isDirectory(out.resolve("usr/lib/modules/" + release))) {
      throw new UserInputException(request.kernelPackage() + ": the kernel package ships no"
          + " lib/modules/" + release + "/; give the package that holds the kernel's modules"
          + " (Debian linux-image-" + release + ", RHEL kernel-modules-core or kernel-core)");
    }
    Resolution resolution = resolve(depmod, out, release);
    WeakUpdatesPredictor predictor = new WeakUpdatesPredictor(out, release);
    WeakUpdatesPredictor.Prediction prediction = predictor.predict(
        WeakUpdatesPredictor.listed(all, release), resolution, request.symvers());

    PathOwners owners = new PathOwners(all);
    Set<String> laidOut = new HashSet<>();
    all.forEach(p -> laidOut.addAll(p.laidOut()));
    List<Finding> findings = new ArrayList<>();
    findings.addAll(ModuleShadowing.findings(resolution, owners, kernel, release));
    findings.addAll(PathConflicts.findings(owners, laidOut));
    findings.addAll(DeadDepmodLines.findings(out, release, all, owners));
    return new PackageRoot(out, release, kernel, packages, RootSelection.GLOBS, scripts,
        prediction.links(), prediction.notes(), findings);
  }

  /**
   * Deletes a package root and everything below it, without following any link (a weak-updates
   * link's target outside the tree is never touched); what cannot be deleted is left.
   */
  public static void delete(Path root) {
    Trees.deleteQuietly(root);
  }

  private static InstalledPackage install(Path file, Path out) {
    ExtractionResult r = Packages.extract(new ExtractionRequest(file, out,
        RootSelection.selection(), AbsoluteSymlinks.IMAGE));
    List<String> paths = new ArrayList<>(r.extracted().size());
    for (PackagedFile f : r.extracted()) {
      paths.add(f.path());
    }
    return new InstalledPackage(r.pkg(), paths);
  }

  private static Resolution resolve(Depmod depmod, Path root, String release) {
    try {
      return depmod.resolve(DepmodRequest.chroot(root, release), (level, message) -> { });
    } catch (DepmodFailure f) {
      throw new UserInputException(root + ": depmod fails on the composed tree of " + release
          + ": " + f.getMessage() + "; check the packages' modules");
    }
  }

  /** The output directory's real path, created when missing; it must be empty. */
  private static Path prepare(Path dir) {
    try {
      Files.createDirectories(dir);
      Path real = dir.toRealPath();
      try (Stream<Path> entries = Files.list(real)) {
        if (entries.findAny().isPresent()) {
          throw new UserInputException(dir + ": not empty; give a new or empty directory for the"
              + " package root (its old content would mix with the packages')");
        }
      }
      return real;
    } catch (IOException e) {
      throw new UserInputException(dir + ": cannot create the package root directory: "
          + e.getMessage() + "; check the path and its permissions", e);
    }
  }
}
