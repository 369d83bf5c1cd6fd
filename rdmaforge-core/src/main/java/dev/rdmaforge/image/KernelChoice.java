package dev.rdmaforge.image;

import java.util.Objects;
import java.util.Optional;

/**
 * The kernel {@link ImageKernels#choose} picked.
 *
 * @param kernel the kernel to work for
 * @param note present when the image had several kernels and the newest was taken: which ones,
 *     by which order, and how to pick another; meant to be shown to the user
 */
public record KernelChoice(ImageKernel kernel, Optional<String> note) {

  /** Requires every part. */
  public KernelChoice {
    Objects.requireNonNull(kernel, "kernel");
    Objects.requireNonNull(note, "note");
  }
}
