package dev.rdmaforge.fabric.validate;

import dev.rdmaforge.fabric.model.FabricDescription;
import dev.rdmaforge.fabric.model.OpenStackRelease;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What to validate.
 *
 * @param inputs files, or directories (a {@code fabric render} output: {@code DIR/<node>/...},
 *     or any tree) searched for files {@link FileKind} recognises
 * @param release the OpenStack release the files are meant for (decides legacy names)
 * @param kernelModules the target kernel's module tree, to check modprobe options against
 * @param pkeyTableSize the smallest PKey table on the fabric
 * @param description the description the files should follow, to compare them with
 */
public record ValidationRequest(
    List<Path> inputs, OpenStackRelease release, Optional<Path> kernelModules, int pkeyTableSize,
    Optional<FabricDescription> description) {
  /** Copies the list. */
  public ValidationRequest {
    inputs = List.copyOf(inputs);
  }

  /** Without a description to compare with. */
  public ValidationRequest(List<Path> inputs, OpenStackRelease release,
      Optional<Path> kernelModules, int pkeyTableSize) {
    this(inputs, release, kernelModules, pkeyTableSize, Optional.empty());
  }

  /** Inputs for the modern release, no kernel, a 128-entry PKey table. */
  public static ValidationRequest of(List<Path> inputs) {
    return new ValidationRequest(inputs, OpenStackRelease.MODERN, Optional.empty(), 128);
  }
}
