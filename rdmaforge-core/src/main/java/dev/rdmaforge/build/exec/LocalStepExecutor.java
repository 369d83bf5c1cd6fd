package dev.rdmaforge.build.exec;

import dev.rdmaforge.build.plan.PlanStep;
import dev.rdmaforge.build.plan.SourceKind;
import dev.rdmaforge.build.plan.SourceTrees;
import dev.rdmaforge.build.plan.StepKind;
import dev.rdmaforge.build.plan.StepWork;
import dev.rdmaforge.build.sign.ModuleSigning;
import dev.rdmaforge.build.sign.SignHook;
import dev.rdmaforge.build.sign.SignedModules;
import dev.rdmaforge.io.Trees;
import dev.rdmaforge.pkg.ExtractionRequest;
import dev.rdmaforge.pkg.Packages;
import dev.rdmaforge.stack.BundleArchives;
import dev.rdmaforge.stack.Dependent;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs steps on this machine: RPM steps with {@code rpmbuild --rebuild} (see {@link
 * RpmbuildCommand}; a spec directory is first made into a source RPM with {@code rpmbuild -bs}),
 * Debian steps with {@code dpkg-buildpackage} in the source tree unpacked or copied into the build
 * root (see {@link DpkgBuildCommand}). For a dependent, the provider's package holding its
 * Module.symvers (the provider step's output, or the bundle's shipped one) is first unpacked with
 * rdmaforge's own extractor into {@code ROOT/provider}, as Lustre's lbuild unpacks
 * mlnx-ofa_kernel-devel with rpm2cpio instead of installing it, and its tree holding {@code
 * Module.symvers} becomes {@value Dependent#PROVIDER_DEVEL}. Nothing is installed; the host's
 * /lib/modules, /usr/src and package database are only read (the headers).
 */
public final class LocalStepExecutor implements StepExecutor {
  @Override
  public void execute(StepRun run) throws IOException {
    PlanStep step = run.step();
    StepWork work = step.work();
    Path root = run.root();
    for (String d : List.of("top", "tmp", "rpmdb", "src")) {
      Files.createDirectories(root.resolve(d));
    }
    Optional<Path> devel = Optional.empty();
    List<String> options = work.options();
    if (step.kind() == StepKind.DEPENDENT) {
      Path develPackage = develPackage(run);
      Path into = root.resolve("provider");
      Packages.extract(ExtractionRequest.of(develPackage, into));
      Path tree = develTree(into, work.release());
      devel = Optional.of(tree);
      List<String> substituted = new ArrayList<>();
      for (String o : options) {
        substituted.add(o.replace(Dependent.PROVIDER_DEVEL, tree.toString()));
      }
      options = substituted;
    }
    Path log = StepRun.log(root);
    Files.writeString(log, "");
    List<Path> built;
    if (work.sourceKind().deb()) {
      Path tree = debianTree(work, root.resolve("src"));
      run(step, DpkgBuildCommand.command(), tree, DpkgBuildCommand.environment(work.release(),
          work.headers(), devel, options), log, "dpkg-buildpackage");
      built = packagesIn(tree.getParent(), ".deb", 1); // dpkg-buildpackage writes ../*.deb
    } else {
      Path srpm = work.source();
      if (work.sourceKind() == SourceKind.SPEC_TREE) {
        Path spec = SourceTrees.spec(work.source()).orElseThrow(() -> new IOException(
            work.source() + " has no spec file at its top"));
        run(step, RpmbuildCommand.sourcePackage(root, work.source(), spec), root, Map.of(), log,
            "rpmbuild -bs");
        srpm = packagesIn(root.resolve("srpm"), ".src.rpm", 1).get(0);
      }
      List<String> hook = work.signing().map(s -> SignHook.install(root, s)).orElse(List.of());
      run(step, RpmbuildCommand.of(root, srpm, work.release(), work.headers(), devel, options,
          hook), root, Map.of(), log, "rpmbuild");
      built = packagesIn(root.resolve("top").resolve("RPMS"), ".rpm", 2); // RPMS/ARCH/*.rpm
    }
    Path packages = Files.createDirectories(StepRun.packages(run.output()));
    for (Path p : built) {
      Files.copy(p, packages.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }
    if (work.signing().isPresent()) {
      verifySigned(run, packages, work.signing().get(), log);
    }
    Files.copy(log, StepRun.log(run.output()));
  }

  /** Runs one command of a step, its output appended to the step's log. */
  private static void run(PlanStep step, List<String> cmd, Path dir, Map<String, String> env,
      Path log, String what) throws IOException {
    StringBuilder shown = new StringBuilder("$ ");
    env.forEach((k, v) -> shown.append(k).append('=').append(v).append(' '));
    Files.writeString(log, shown + String.join(" ", cmd) + "\n", StandardOpenOption.APPEND);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().putAll(env);
    pb.environment().put("TMPDIR", log.getParent().resolve("tmp").toString());
    pb.environment().put("LC_ALL", "C");
    int exit;
    try {
      exit = pb.start().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while " + step.id() + " was building", e);
    }
    if (exit != 0) {
      throw new StepFailure(what + " exited with " + exit, log, LogDiagnosis.diagnose(log));
    }
  }

  /**
   * The Debian source tree in the build root: a source archive unpacked (its single top directory
   * holding {@code debian/}), a source directory copied (dpkg-buildpackage writes into the tree and
   * beside it, never into the user's directory).
   */
  private static Path debianTree(StepWork work, Path src) throws IOException {
    if (work.sourceKind() == SourceKind.DEB_TREE) {
      Path copy = src.resolve(work.source().getFileName().toString());
      Trees.copy(work.source(), copy);
      return copy;
    }
    Path unpacked = BundleArchives.unpackArchive(work.source(), src.resolve("unpacked"));
    List<Path> trees;
    try (Stream<Path> s = Files.list(unpacked)) {
      trees = s.filter(p -> Files.isRegularFile(p.resolve("debian").resolve("control")))
          .toList();
    }
    if (Files.isRegularFile(unpacked.resolve("debian").resolve("control"))) {
      trees = List.of(unpacked);
    }
    if (trees.size() != 1) {
      throw new IOException(work.source() + ": " + (trees.isEmpty() ? "no" : trees.size())
          + " top directories with debian/control; a Debian source archive holds one source"
          + " tree with its debian/ directory (as MLNX_OFED_SRC-debian's .orig.tar.gz)");
    }
    return trees.get(0);
  }

  /** The files below {@code dir} ending with {@code suffix}, sorted (none: the build made none). */
  private static List<Path> packagesIn(Path dir, String suffix, int depth) throws IOException {
    List<Path> out;
    try (Stream<Path> s = Files.walk(dir, depth)) {
      out = s.filter(p -> p.getFileName().toString().endsWith(suffix))
          .filter(Files::isRegularFile).sorted().toList();
    }
    if (out.isEmpty()) {
      throw new IOException("the build made no " + suffix + " package in " + dir);
    }
    return out;
  }

  /**
   * Refuses the step unless every module of its packages is validly signed by the stack's key: a
   * spec that replaced rpm's install-post chain would have skipped the hook.
   */
  private static void verifySigned(StepRun run, Path rpms, ModuleSigning signing, Path log)
      throws IOException {
    List<Path> packages;
    try (Stream<Path> s = Files.list(rpms)) {
      packages = s.filter(p -> p.toString().endsWith(".rpm") || p.toString().endsWith(".deb"))
          .sorted().toList();
    }
    List<SignedModules.Checked> checked = SignedModules.check(packages, signing.certificate(),
        Files.createDirectories(run.root().resolve("signed-check")));
    List<String> bad = checked.stream().filter(c -> !c.valid()).map(Object::toString).toList();
    String summary = "rdmaforge: " + checked.size() + " module(s) signed with "
        + signing.certificate().getFileName() + " (" + signing.hash() + ")"
        + (bad.isEmpty() ? "" : "; not validly signed: " + String.join("; ", bad)) + "\n";
    Files.writeString(log, summary, StandardOpenOption.APPEND);
    if (!bad.isEmpty()) {
      throw new StepFailure("modules not signed by the stack's key (does the SRPM's spec"
          + " redefine __spec_install_post?): " + String.join("; ", bad), log, Optional.empty());
    }
  }

  private static Path develPackage(StepRun run) throws IOException {
    StepWork work = run.step().work();
    if (work.shippedDevel().isPresent()) {
      return work.shippedDevel().get();
    }
    String provider = work.providerStep().orElseThrow();
    Path dir = StepRun.packages(run.inputs().get(provider));
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.{rpm,deb}")) {
      for (Path p : s) {
        if (Packages.read(p).name().equals(work.develPackage())) {
          return p;
        }
      }
    }
    throw new IOException(provider + " made no " + work.develPackage() + " package in " + dir);
  }

  /**
   * The devel tree: the directory holding {@code Module.symvers} below {@code usr/src}, the one
   * naming the release first ({@code usr/src/ofa_kernel/x86_64/KVER}, as MLNX_OFED lays it out).
   */
  static Path develTree(Path root, String release) throws IOException {
    List<Path> found;
    try (Stream<Path> s = Files.walk(root)) {
      found = s.filter(p -> p.getFileName().toString().equals("Module.symvers"))
          .map(Path::getParent)
          .sorted(Comparator.comparing((Path p) -> !p.toString().contains(release))
              .thenComparing(Path::toString))
          .toList();
    }
    if (found.isEmpty()) {
      throw new IOException(root + ": the provider's devel package has no Module.symvers");
    }
    return found.get(0);
  }
}
