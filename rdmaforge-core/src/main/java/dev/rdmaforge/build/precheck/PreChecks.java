package dev.rdmaforge.build.precheck;

import dev.rdmaforge.fabric.yaml.Suggest;
import dev.rdmaforge.pkg.repo.BundleInfo;
import dev.rdmaforge.pkg.repo.RepositoryPackage;
import dev.rdmaforge.report.Finding;
import dev.rdmaforge.report.Severity;
import dev.rdmaforge.stack.Dependent;
import dev.rdmaforge.stack.KernelInputs;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs every pre-build check (see the package documentation) on a stack before anything is built,
 * so that a stack that cannot work is refused in seconds rather than after a long build.
 *
 * <pre>
 * StackDescription stack = StackDescriptions.read(Path.of("stack.yaml"));
 * Repository bundle = Repositories.open(stack.bundle().path());
 * List&lt;KernelInputs&gt; kernels = ... KernelInputs.of(k, workDir) for each k ...
 * PreCheckResult result = PreChecks.run(new PreCheckRequest(stack, bundle, kernels));
 * if (result.refused()) { ... result.findings() ... }
 * </pre>
 */
public final class PreChecks {
  /** A dependent names a provider the bundle does not have. */
  static final String NO_PROVIDER = "RF-STK-006";

  private PreChecks() {}

  /** Every finding of every check. */
  public static PreCheckResult run(PreCheckRequest request) {
    BundleInfo info = request.bundle().bundle().orElseThrow();
    BundleModules modules = BundleModules.of(request.bundle());
    List<KernelFinding> out = new ArrayList<>();
    for (KernelInputs kernel : request.kernels()) {
      BuiltinDrivers.check(kernel, modules, out);
      SupportedKernels.check(kernel.release(), info, out);
      HeadersMatch.check(kernel, out);
    }
    providers(request, out);
    request.stack().signing().ifPresent(s -> SigningChecks.check(s, request.kernels(), out));
    return new PreCheckResult(out);
  }

  private static void providers(PreCheckRequest request, List<KernelFinding> out) {
    Set<String> names = new TreeSet<>();
    for (RepositoryPackage p : request.bundle().packages()) {
      names.add(p.name());
    }
    for (Dependent d : request.stack().dependents()) {
      if (names.contains(d.provider())) {
        continue;
      }
      // A source name (ofa-like, mlnx-ofa_kernel) is the usual slip: its binary packages
      // (kmod-ofa-like, ofa-like-devel) contain it, so suggest those before an edit-distance match.
      List<String> containing = names.stream().filter(n -> n.contains(d.provider())).toList();
      String near = Suggest.closest(d.provider(), names);
      String fix = !containing.isEmpty()
          ? "name the kernel package itself, one of " + String.join(", ", containing)
          : near.isEmpty() ? "name one of the bundle's packages: " + String.join(", ", names)
          : "perhaps you meant '" + near + "'";
      out.add(new KernelFinding("", new Finding(NO_PROVIDER, Severity.ERROR, d.providerAt(),
          "dependent " + d.name() + " builds against '" + d.provider() + "', which the bundle "
              + request.bundle().root() + " does not have", fix)));
    }
  }
}
