package dev.rdmaforge.build.exec;

import dev.rdmaforge.build.plan.PlanStep;
import dev.rdmaforge.build.plan.StepKind;
import dev.rdmaforge.build.plan.StepWork;
import dev.rdmaforge.build.sign.ModuleSigning;
import dev.rdmaforge.build.sign.SignHook;
import dev.rdmaforge.build.sign.SignedModules;
import dev.rdmaforge.pkg.ExtractionRequest;
import dev.rdmaforge.pkg.Packages;
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
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs steps on this machine with {@code rpmbuild --rebuild} (see {@link RpmbuildCommand}). For a
 * dependent, the provider's {@code -devel} package (the provider step's output, or the bundle's
 * shipped one) is first unpacked with rdmaforge's own extractor into {@code ROOT/provider}, as
 * Lustre's lbuild unpacks mlnx-ofa_kernel-devel with rpm2cpio instead of installing it, and its
 * tree holding {@code Module.symvers} becomes {@value Dependent#PROVIDER_DEVEL}. Nothing is
 * installed; the host's /lib/modules, /usr/src and package database are only read (the headers).
 */
public final class LocalStepExecutor implements StepExecutor {
  @Override
  public void execute(StepRun run) throws IOException {
    PlanStep step = run.step();
    StepWork work = step.work();
    Path root = run.root();
    for (String d : List.of("top", "tmp", "rpmdb")) {
      Files.createDirectories(root.resolve(d));
    }
    Optional<Path> devel = Optional.empty();
    List<String> options = work.options();
    if (step.kind() == StepKind.DEPENDENT) {
      Path develRpm = develPackage(run);
      Path into = root.resolve("provider");
      Packages.extract(ExtractionRequest.of(develRpm, into));
      Path tree = develTree(into, work.release());
      devel = Optional.of(tree);
      List<String> substituted = new ArrayList<>();
      for (String o : options) {
        substituted.add(o.replace(Dependent.PROVIDER_DEVEL, tree.toString()));
      }
      options = substituted;
    }
    List<String> hook = work.signing().map(s -> SignHook.install(root, s)).orElse(List.of());
    List<String> cmd = RpmbuildCommand.of(root, work.source(), work.release(), work.headers(),
        devel, options, hook);
    Path log = StepRun.log(root);
    Files.writeString(log, "$ " + String.join(" ", cmd) + "\n");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().put("TMPDIR", root.resolve("tmp").toString());
    pb.environment().put("LC_ALL", "C");
    int exit;
    try {
      exit = pb.start().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while " + step.id() + " was building", e);
    }
    if (exit != 0) {
      throw new StepFailure("rpmbuild exited with " + exit, log, LogDiagnosis.diagnose(log));
    }
    Path rpms = Files.createDirectories(StepRun.rpms(run.output()));
    try (Stream<Path> s = Files.walk(root.resolve("top").resolve("RPMS"))) {
      for (Path p : (Iterable<Path>) s.filter(f -> f.toString().endsWith(".rpm")).sorted()
          ::iterator) {
        Files.copy(p, rpms.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    if (work.signing().isPresent()) {
      verifySigned(run, rpms, work.signing().get(), log);
    }
    Files.copy(log, StepRun.log(run.output()));
  }

  /**
   * Refuses the step unless every module of its packages is validly signed by the stack's key: a
   * spec that replaced rpm's install-post chain would have skipped the hook.
   */
  private static void verifySigned(StepRun run, Path rpms, ModuleSigning signing, Path log)
      throws IOException {
    List<Path> packages;
    try (Stream<Path> s = Files.list(rpms)) {
      packages = s.filter(p -> p.toString().endsWith(".rpm")).sorted().toList();
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
    Path dir = StepRun.rpms(run.inputs().get(provider));
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.rpm")) {
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
