package dev.rdmaforge.build.plan;

import dev.rdmaforge.build.precheck.PreCheckRequest;
import dev.rdmaforge.build.precheck.PreCheckResult;
import dev.rdmaforge.build.precheck.PreChecks;
import dev.rdmaforge.build.sign.ModuleSigning;
import dev.rdmaforge.build.sign.SignFile;
import dev.rdmaforge.build.store.StepKey;
import dev.rdmaforge.kabi.KabiCell;
import dev.rdmaforge.kabi.KabiMatrix;
import dev.rdmaforge.kabi.KabiMatrixBuilder;
import dev.rdmaforge.kabi.KabiModule;
import dev.rdmaforge.kabi.KabiPackage;
import dev.rdmaforge.kabi.KabiRequest;
import dev.rdmaforge.kabi.KernelInput;
import dev.rdmaforge.pkg.PackageFormat;
import dev.rdmaforge.pkg.repo.Repositories;
import dev.rdmaforge.pkg.repo.Repository;
import dev.rdmaforge.pkg.repo.RepositoryPackage;
import dev.rdmaforge.report.UserInputException;
import dev.rdmaforge.stack.BundleArchives;
import dev.rdmaforge.stack.BundleSource;
import dev.rdmaforge.stack.Dependent;
import dev.rdmaforge.stack.KernelInputs;
import dev.rdmaforge.stack.StackDescription;
import dev.rdmaforge.stack.TargetKernel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes the plan of a stack (see the package documentation): pre-checks first (a refusal stops
 * the plan with its findings), then per target kernel the kernel-compatibility matrix of the
 * bundle's kmod packages decides, as mlnx_add_kernel_support.sh's "already supported" does but
 * by the kernel's symbols rather than by file names, which sources are rebuilt; every dependent
 * is built for every kernel, after its provider's rebuild when there is one.
 *
 * <p>Keys. A rebuild: {@code source} (the SRPM's content), {@code kernel.release}, {@code
 * kernel.symvers} (the kernel's Module.symvers content), {@code defines} (the rpmbuild defines
 * other than paths), {@code rpmbuild} (its version) and {@code format} ({@value #FORMAT}). A
 * dependent: the same, plus {@code options} and either {@code provider.step} (the provider
 * rebuild's key) or {@code provider.devel} (the shipped devel package's content). Paths (the
 * headers' directory, build roots) are not part of any key: the same inputs elsewhere hit. With
 * {@code signing:}, both also have {@code signing.certificate}, {@code signing.key} (the files'
 * SHA-256), {@code signing.hash} and {@code signing.sign-file} (see {@link ModuleSigning#addTo}).
 */
public final class Planner {
  /** Bump when what a step produces for the same inputs changes (2: packages/, not rpms/). */
  static final String FORMAT = "2";

  private Planner() {}

  /** The plan of {@code request.stack()}. */
  public static Plan plan(PlanRequest request) {
    StackDescription stack = request.stack();
    PackageFormat format = stack.output().format();
    Path work = request.workDir();
    Path bundleDir = stack.bundle().form() == BundleSource.Form.TGZ
        ? BundleArchives.unpack(stack.bundle().path(), work.resolve("bundle"))
        : stack.bundle().path();
    Repository bundle = Repositories.open(bundleDir);
    if (bundle.bundle().isEmpty()) {
      throw new UserInputException(stack.bundle().at() + ": " + bundleDir + " is not an"
          + " MLNX_OFED bundle (no .mlnx / mlnx version file); give the bundle's directory or"
          + " .tgz");
    }
    List<KernelInputs> kernels = new ArrayList<>();
    for (TargetKernel k : stack.kernels()) {
      kernels.add(KernelInputs.of(k, work.resolve("kernels").resolve(k.release())));
    }
    PreCheckResult pre = PreChecks.run(new PreCheckRequest(stack, bundle, kernels));
    if (pre.refused()) {
      return new Plan(stack, bundleDir, kernels, pre, List.of(), List.of(), Optional.empty());
    }
    requireFormat(stack, bundle, bundleDir, format);
    if (format == PackageFormat.DEB && stack.signing().isPresent()) {
      // debhelper strips modules (and adds debug links) after the build, which would drop an
      // appended signature; signing Debian builds needs a re-pack step that is not written yet.
      throw new UserInputException(stack.file() + ": signing is supported for RPM"
          + " output only; remove `signing:` and sign the modules in the image (e.g. with DKMS's"
          + " mok_signing_key), or build RPMs");
    }
    Map<Dependent, SourceKind> dependentKinds = new HashMap<>();
    for (Dependent d : stack.dependents()) {
      dependentKinds.put(d, sourceKind(d, format));
    }
    List<KernelPackageGroup> groups = KernelPackageGroups.of(bundle, format);
    Map<String, Path> sources = groups.isEmpty() ? Map.of()
        : BundleSources.unpack(bundleDir, work.resolve("src"), format);
    KabiMatrix matrix = groups.isEmpty() ? null : matrix(groups, kernels, request.kabiCache());
    Tooling tooling = new Tooling(format);
    Map<String, String> digests = new HashMap<>();

    List<KernelPlan> kernelPlans = new ArrayList<>();
    List<PlanStep> steps = new ArrayList<>();
    for (KernelInputs k : kernels) {
      String release = k.release();
      String symvers = digest(digests, k.symvers());
      Optional<ModuleSigning> signing = signing(stack, k);
      List<String> supported = new ArrayList<>();
      List<String> rebuilt = new ArrayList<>();
      Map<String, PlanStep> rebuildOf = new HashMap<>();
      for (KernelPackageGroup g : groups) {
        Optional<String> whyNot = whyNotLoading(g, matrix, release, supported);
        if (whyNot.isEmpty()) {
          continue;
        }
        Path source = sources.get(g.source());
        if (source == null) {
          throw new UserInputException(bundleDir + ": " + g.kmodNames() + " are built from "
              + (format == PackageFormat.RPM ? g.source()
                  : "the source package " + g.source() + " (" + g.source()
                      + "_VERSION.orig.tar.gz)")
              + ", which the bundle's src/*_SRC*.tgz does not hold; use the bundle's matching"
              + " source archive");
        }
        rebuilt.addAll(g.kmodNames());
        StepKey.Builder keyed = StepKey.builder(StepKind.REBUILD.id())
            .label(g.source() + " for " + release)
            .fileDigest("source", digest(digests, source))
            .string("kernel.release", release)
            .fileDigest("kernel.symvers", symvers)
            .string("defines", tooling.defines(release))
            .tool(tooling.tool(), tooling.version())
            .string("format", FORMAT);
        signing.ifPresent(s -> s.addTo(keyed));
        StepKey key = keyed.build();
        List<String> packages = new ArrayList<>(g.kmodNames());
        g.others().stream().map(RepositoryPackage::name).distinct().forEach(packages::add);
        PlanStep step = new PlanStep("rebuild/" + g.sourceName() + "/" + release,
            StepKind.REBUILD, release, key, cached(request, key), List.of(), whyNot.get(),
            new StepWork(source, format == PackageFormat.RPM ? SourceKind.SRPM
                : SourceKind.DEB_ARCHIVE, release, k.headers(), Optional.empty(),
                Optional.empty(), "", List.of(), packages, signing));
        rebuildOf.put(g.source(), step);
        steps.add(step);
      }
      for (Dependent d : stack.dependents()) {
        steps.add(dependent(request, d, dependentKinds.get(d), k, groups, rebuildOf, symvers,
            tooling, digests, signing));
      }
      kernelPlans.add(new KernelPlan(release, supported, rebuilt));
    }
    List<PlanStep> ordered = DagOrder.sort(steps);
    StepKey.Builder output = StepKey.builder("output").label("output of " + stack.file())
        .tree("bundle", bundleDir)
        .string("output.repository", stack.output().repository().name())
        .string("format", FORMAT);
    for (PlanStep s : ordered) {
      output.string("step/" + s.id(), s.key().hex());
    }
    return new Plan(stack, bundleDir, kernels, pre, kernelPlans, ordered,
        Optional.of(output.build()));
  }

  private static PlanStep dependent(PlanRequest request, Dependent d, SourceKind kind,
      KernelInputs k, List<KernelPackageGroup> groups, Map<String, PlanStep> rebuildOf,
      String symvers, Tooling tooling, Map<String, String> digests,
      Optional<ModuleSigning> signing) {
    String release = k.release();
    KernelPackageGroup provider = groups.stream().filter(g -> g.has(d.provider())).findFirst()
        .orElseThrow(() -> new UserInputException(d.providerAt() + ": dependent " + d.name()
            + ": '" + d.provider() + "' ships no kernel module and belongs to no source that"
            + " does; name the bundle's kernel package it builds against"));
    String devel = provider.develName();
    if (devel.isEmpty()) {
      throw new UserInputException(d.providerAt() + ": dependent " + d.name() + ": the source "
          + provider.source() + " of '" + d.provider() + "' makes no package holding its"
          + " Module.symvers (usr/src/.../Module.symvers, as a -devel package does), so there is"
          + " nothing to build against");
    }
    StepKey.Builder key = StepKey.builder(StepKind.DEPENDENT.id())
        .label(d.name() + " for " + release);
    if (d.sourceForm() == Dependent.SourceForm.TREE) {
      key.tree("source", d.source());
    } else {
      key.fileDigest("source", digest(digests, d.source()));
    }
    key.string("kernel.release", release)
        .fileDigest("kernel.symvers", symvers)
        .string("defines", tooling.defines(release))
        .string("options", String.join("\n", d.options()))
        .tool(tooling.tool(), tooling.version())
        .string("format", FORMAT);
    signing.ifPresent(s -> s.addTo(key));
    PlanStep providerStep = rebuildOf.get(provider.source());
    Optional<Path> shipped = Optional.empty();
    String reason;
    if (providerStep != null) {
      key.string("provider.step", providerStep.key().hex());
      reason = "its provider " + d.provider() + " is rebuilt for " + release;
    } else {
      RepositoryPackage pkg = provider.all()
          .filter(p -> p.name().equals(devel))
          .filter(p -> provider.builtFor(p, release))
          .findFirst()
          .orElseThrow(() -> new UserInputException(d.providerAt() + ": dependent " + d.name()
              + ": " + d.provider() + " loads on " + release + " as shipped, but the bundle has"
              + " no " + devel + " built for " + release + " to build against"));
      shipped = Optional.of(pkg.file());
      key.fileDigest("provider.devel", digest(digests, pkg.file()));
      reason = "built against the shipped " + pkg.label() + " (its provider loads on " + release
          + " as shipped)";
    }
    StepKey built = key.build();
    return new PlanStep("dependent/" + d.name() + "/" + release, StepKind.DEPENDENT, release,
        built, cached(request, built),
        providerStep == null ? List.of() : List.of(providerStep.id()), reason,
        new StepWork(d.source(), kind, release, k.headers(),
            Optional.ofNullable(providerStep).map(PlanStep::id), shipped, devel, d.options(),
            List.of(), signing));
  }

  /**
   * Refuses a bundle without packages of the output's format: the rebuilt packages go beside the
   * bundle's own ({@code RPMS/} or {@code DEBS/}), so the formats must agree.
   */
  private static void requireFormat(StackDescription stack, Repository bundle, Path bundleDir,
      PackageFormat format) {
    boolean has = bundle.packages().stream().anyMatch(p -> p.format() == format);
    boolean other = bundle.packages().stream().anyMatch(p -> p.format() != format);
    if (!has && other) {
      throw new UserInputException(stack.file() + ": output format "
          + format.name().toLowerCase(java.util.Locale.ROOT) + ", but the bundle " + bundleDir
          + " holds " + (format == PackageFormat.RPM ? "Debian packages (DEBS/)" : "RPMs (RPMS/)")
          + "; set `format: " + (format == PackageFormat.RPM ? "deb" : "rpm")
          + "` (the rebuilt packages go beside the bundle's own)");
    }
  }

  /** How a dependent's source is built for {@code format}; refuses a source of the other kind. */
  static SourceKind sourceKind(Dependent d, PackageFormat format) {
    boolean rpm = format == PackageFormat.RPM;
    switch (d.sourceForm()) {
      case SRPM:
        if (!rpm) {
          throw new UserInputException(d.at() + ": dependent " + d.name() + ": a source RPM"
              + " cannot make Debian packages; give its Debian source archive (NAME_VERSION"
              + ".orig.tar.gz holding debian/) or its source tree with debian/");
        }
        return SourceKind.SRPM;
      case ARCHIVE:
        if (rpm) {
          throw new UserInputException(d.at() + ": dependent " + d.name() + ": a source"
              + " archive is built with dpkg-buildpackage, but the output format is rpm; give"
              + " its .src.rpm or a spec directory");
        }
        return SourceKind.DEB_ARCHIVE;
      default:
        if (rpm) {
          if (SourceTrees.spec(d.source()).isEmpty()) {
            throw new UserInputException(d.at() + ": dependent " + d.name() + ": "
                + d.source() + " has no spec file at its top; for RPM output a source"
                + " directory is a spec directory (NAME.spec and the sources it names, as a"
                + " dist-git checkout), or give the .src.rpm");
          }
          return SourceKind.SPEC_TREE;
        }
        if (!java.nio.file.Files.isRegularFile(d.source().resolve("debian/control"))) {
          throw new UserInputException(d.at() + ": dependent " + d.name() + ": "
              + d.source() + " has no debian/control; for DEB output a source directory is an"
              + " unpacked Debian source tree");
        }
        return SourceKind.DEB_TREE;
    }
  }

  /** The build tool of a format: its name and version in keys, and the defines it gets. */
  private record Tooling(PackageFormat format, String version) {
    Tooling(PackageFormat format) {
      this(format, BuildToolVersion.of(format));
    }

    String tool() {
      return format == PackageFormat.RPM ? "rpmbuild" : "dpkg-buildpackage";
    }

    /** RPM: {@code --define "KVERSION R"}; DEB: install.pl's environment for non-DKMS builds. */
    String defines(String release) {
      return format == PackageFormat.RPM ? "KVERSION " + release
          : "kernelver " + release + "\nwithout_dkms 1";
    }
  }

  /**
   * Empty when some build of each of the group's kmod packages loads on {@code release} (their
   * labels are added to {@code supported}); else why not, in the matrix's words.
   */
  private static Optional<String> whyNotLoading(KernelPackageGroup g, KabiMatrix matrix,
      String release, List<String> supported) {
    List<String> loading = new ArrayList<>();
    List<String> why = new ArrayList<>();
    for (String name : g.kmodNames()) {
      Optional<KabiCell> ok = Optional.empty();
      List<KabiCell> failing = new ArrayList<>();
      for (KabiPackage p : matrix.packages()) {
        if (!p.name().equals(name)) {
          continue;
        }
        KabiCell cell = cell(matrix, p, release);
        if (cell.loads()) {
          ok = Optional.of(cell);
        } else {
          failing.add(cell);
        }
      }
      if (ok.isPresent()) {
        loading.add(ok.get().pkg());
      } else {
        for (KabiCell c : failing) {
          why.add(c.pkg() + " does not load on " + release + ": " + describe(c));
        }
      }
    }
    if (why.isEmpty()) {
      supported.addAll(loading);
      return Optional.empty();
    }
    return Optional.of(String.join("; ", why));
  }

  private static String describe(KabiCell c) {
    for (KabiModule m : c.modules()) {
      if (!m.loads()) {
        return c.verdict() + " (" + m.name()
            + (m.symbols().isEmpty() ? "" : ": " + String.join(", ", m.symbols().subList(0,
                Math.min(3, m.symbols().size())))
                + (m.symbols().size() > 3 ? ", ..." : "")) + ")";
      }
    }
    return c.verdict();
  }

  private static KabiCell cell(KabiMatrix matrix, KabiPackage p, String release) {
    return matrix.cells().stream()
        .filter(c -> c.pkg().equals(p.label()) && c.kernel().equals(release))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no cell for " + p.label() + " on "
            + release));
  }

  private static KabiMatrix matrix(List<KernelPackageGroup> groups, List<KernelInputs> kernels,
      Path cache) {
    List<KernelInput> columns = new ArrayList<>();
    for (KernelInputs k : kernels) {
      columns.add(new KernelInput(k.headers(), k.release()));
    }
    List<Path> files = new ArrayList<>();
    for (KernelPackageGroup g : groups) {
      g.kmods().forEach(p -> files.add(p.file()));
      // Dependencies between kmod packages (ksym()) are met by the others given.
    }
    return KabiMatrixBuilder.create().build(new KabiRequest(columns, files, cache));
  }

  /**
   * The signing of {@code k}'s steps; the pre-checks have already refused a stack whose kernel has
   * no sign-file (RF-STK-010).
   */
  private static Optional<ModuleSigning> signing(StackDescription stack, KernelInputs k) {
    return stack.signing().map(s -> new ModuleSigning(
        SignFile.find(k.headers(), k.release()).orElseThrow(() -> new IllegalStateException(
            "no sign-file for " + k.release() + " passed the pre-checks")),
        s.key(), s.certificate(), s.hash()));
  }

  private static boolean cached(PlanRequest request, StepKey key) {
    return request.store().get(key).hit();
  }

  private static String digest(Map<String, String> digests, Path file) {
    return digests.computeIfAbsent(file.toString(), f -> StepKey.sha256(file));
  }
}
