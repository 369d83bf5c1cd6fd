package dev.rdmaforge.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A stack to rebuild: a vendor bundle, the kernels to rebuild it for, its dependents, the output
 * and the optional signing key. Every path is absolute (relative ones in the YAML are resolved
 * against the YAML file's directory) and every input path existed when it was read.
 *
 * @param file the YAML file it was read from
 * @param bundle the vendor bundle
 * @param kernels the target kernels, in file order, releases unique
 * @param dependents the dependents, in file order, names unique
 * @param output where and how the result is written
 * @param signing the module signing key, if modules are to be signed
 */
public record StackDescription(
    Path file,
    BundleSource bundle,
    List<TargetKernel> kernels,
    List<Dependent> dependents,
    OutputSpec output,
    Optional<SigningSpec> signing) {

  /** Requires every part and freezes the lists. */
  public StackDescription {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(bundle, "bundle");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(signing, "signing");
    kernels = List.copyOf(kernels);
    dependents = List.copyOf(dependents);
  }

  /** The target kernel with this release, if the description has it. */
  public Optional<TargetKernel> kernel(String release) {
    return kernels.stream().filter(k -> k.release().equals(release)).findFirst();
  }
}
