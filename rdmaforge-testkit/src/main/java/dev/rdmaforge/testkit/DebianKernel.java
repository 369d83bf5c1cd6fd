package dev.rdmaforge.testkit;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One Debian kernel unpacked (not installed) in the test kit's cache.
 *
 * @param release the kernel release, e.g. {@code 6.1.0-56-amd64}
 * @param root the unpacked {@code linux-image-RELEASE} package (has {@code boot/} and the modules)
 * @param modulesDir {@code root/lib/modules/RELEASE} or {@code root/usr/lib/modules/RELEASE},
 *     wherever the package put them; read-only for tests (copy with {@link TreeCopies} first)
 * @param headersSymvers {@code Module.symvers} from {@code linux-headers-RELEASE}, when the archive
 *     has that package
 */
public record DebianKernel(
    String release, Path root, Path modulesDir, Optional<Path> headersSymvers) {

  /** {@code modulesDir/relativePath}, e.g. {@code kernel/drivers/infiniband/core/ib_core.ko}. */
  public Path module(String relativePath) {
    return modulesDir.resolve(relativePath);
  }

  /** The symvers file, or an exception naming the missing headers package. */
  public Path requireSymvers() {
    return headersSymvers.orElseThrow(
        () ->
            new IllegalStateException(
                "the archive has no linux-headers-" + release + ", so there is no Module.symvers"));
  }
}
