package dev.rdmaforge.image;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One kernel release found in an image root. Paths are host paths below the root, with links
 * resolved inside the root (bookworm's {@code lib/modules/R} is {@code ROOT/usr/lib/modules/R}).
 *
 * @param release the kernel release ({@code uname -r} of the booted image)
 * @param vmlinuz {@code boot/vmlinuz-RELEASE}, when the image has it
 * @param modulesDir {@code lib/modules/RELEASE} (or {@code usr/lib/modules/RELEASE}), when present
 * @param hasModulesDep whether the modules directory has {@code modules.dep} (depmod ran)
 * @param initramfs {@code boot/initrd.img-RELEASE} (Debian) or {@code
 *     boot/initramfs-RELEASE.img} (RHEL), when present
 * @param owner the installed package that ships {@code /boot/vmlinuz-RELEASE}, when one does
 */
public record ImageKernel(
    String release,
    Optional<Path> vmlinuz,
    Optional<Path> modulesDir,
    boolean hasModulesDep,
    Optional<Path> initramfs,
    Optional<KernelPackage> owner) {

  /** Requires every part. */
  public ImageKernel {
    Objects.requireNonNull(release, "release");
    Objects.requireNonNull(vmlinuz, "vmlinuz");
    Objects.requireNonNull(modulesDir, "modulesDir");
    Objects.requireNonNull(initramfs, "initramfs");
    Objects.requireNonNull(owner, "owner");
  }

  /**
   * Whether the image can boot this kernel with its modules: both the kernel image and the
   * modules directory are there. A missing {@code modules.dep} does not count: depmod can still be
   * run for it.
   */
  public boolean complete() {
    return vmlinuz.isPresent() && modulesDir.isPresent();
  }
}
