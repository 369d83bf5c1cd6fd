package dev.rdmaforge.build.precheck;

import dev.rdmaforge.pkg.repo.Repository;
import dev.rdmaforge.stack.KernelInputs;
import dev.rdmaforge.stack.StackDescription;
import java.util.List;
import java.util.Objects;

/**
 * What the pre-build checks look at.
 *
 * @param stack the stack description
 * @param bundle the vendor bundle, opened ({@code Repositories.open} on its directory)
 * @param kernels the files of each target kernel ({@link KernelInputs#of})
 */
public record PreCheckRequest(StackDescription stack, Repository bundle,
    List<KernelInputs> kernels) {

  /** Requires every part; the bundle must be an MLNX_OFED bundle. */
  public PreCheckRequest {
    Objects.requireNonNull(stack, "stack");
    Objects.requireNonNull(bundle, "bundle");
    if (bundle.bundle().isEmpty()) {
      throw new IllegalArgumentException(bundle.root() + " is not an MLNX_OFED bundle");
    }
    kernels = List.copyOf(kernels);
  }
}
