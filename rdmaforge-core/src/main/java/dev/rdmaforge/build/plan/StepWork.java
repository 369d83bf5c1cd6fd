package dev.rdmaforge.build.plan;

import dev.rdmaforge.build.sign.ModuleSigning;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an executor needs to run one step, independent of where it runs.
 *
 * @param source the source to build: a source RPM, a spec directory, a Debian source archive or
 *     tree
 * @param sourceKind which of those, and so how it is built
 * @param release the target kernel release ({@code KVERSION})
 * @param headers the kernel's headers tree ({@code K_SRC})
 * @param providerStep for a dependent whose provider is rebuilt: that step's id
 * @param shippedDevel for a dependent whose provider is used as shipped: the bundle's devel
 *     package for this kernel
 * @param develPackage for a dependent: the name of the provider's package that holds its
 *     Module.symvers (e.g. {@code ofa-like-devel}; on Debian the modules package itself) to unpack
 *     into the build root
 * @param options for a dependent: its options as the description writes them ({@value
 *     dev.rdmaforge.stack.Dependent#PROVIDER_DEVEL} not substituted)
 * @param packages for a rebuild: the binary packages of the bundle it replaces for this kernel
 * @param signing how the step's modules are signed before packaging; empty when not signed
 */
public record StepWork(
    Path source,
    SourceKind sourceKind,
    String release,
    Path headers,
    Optional<String> providerStep,
    Optional<Path> shippedDevel,
    String develPackage,
    List<String> options,
    List<String> packages,
    Optional<ModuleSigning> signing) {

  /** Unsigned work. */
  public StepWork(Path source, SourceKind sourceKind, String release, Path headers,
      Optional<String> providerStep, Optional<Path> shippedDevel, String develPackage,
      List<String> options, List<String> packages) {
    this(source, sourceKind, release, headers, providerStep, shippedDevel, develPackage, options,
        packages, Optional.empty());
  }

  /** Requires every part and freezes the lists. */
  public StepWork {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(sourceKind, "sourceKind");
    Objects.requireNonNull(release, "release");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(providerStep, "providerStep");
    Objects.requireNonNull(shippedDevel, "shippedDevel");
    Objects.requireNonNull(develPackage, "develPackage");
    options = List.copyOf(options);
    packages = List.copyOf(packages);
    Objects.requireNonNull(signing, "signing");
  }
}
