package dev.rdmaforge.stack;

import dev.rdmaforge.report.Location;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A kernel to rebuild the stack for, given by its headers.
 *
 * @param release the kernel release ({@code uname -r}, e.g. {@code 6.1.0-56-amd64})
 * @param headers the headers / kernel-devel tree, or a {@code linux-headers} .deb or {@code
 *     kernel-devel} .rpm holding one
 * @param headersForm which of those {@code headers} is
 * @param symvers the kernel's Module.symvers; empty: the one in the headers ({@code
 *     HEADERS/Module.symvers}; for a package, the one inside it)
 * @param config the kernel's build configuration; empty: {@code HEADERS/.config}
 * @param builtin the kernel's {@code modules.builtin}; empty: {@code HEADERS/modules.builtin}
 *     when the tree has one (a full kernel build tree does; Debian's and RHEL's headers do not)
 * @param at where the description lists this kernel
 * @param image the kernel's image ({@code vmlinuz}), when given: its built-in keys decide whether
 *     signed modules load under enforcement
 */
public record TargetKernel(
    String release,
    Path headers,
    HeadersForm headersForm,
    Optional<Path> symvers,
    Optional<Path> config,
    Optional<Path> builtin,
    Location at,
    Optional<Path> image) {

  /** How the headers are given. */
  public enum HeadersForm {
    /** An unpacked tree (/usr/src/linux-headers-KVER, /usr/src/kernels/KVER, a build tree). */
    DIRECTORY,
    /** A Debian {@code linux-headers-KVER} package. */
    DEB,
    /** An RPM {@code kernel-devel} package. */
    RPM
  }

  /** A kernel whose image is not given. */
  public TargetKernel(String release, Path headers, HeadersForm headersForm,
      Optional<Path> symvers, Optional<Path> config, Optional<Path> builtin, Location at) {
    this(release, headers, headersForm, symvers, config, builtin, at, Optional.empty());
  }

  /** Requires every part. */
  public TargetKernel {
    Objects.requireNonNull(release, "release");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(headersForm, "headersForm");
    Objects.requireNonNull(symvers, "symvers");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(builtin, "builtin");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(image, "image");
  }
}
