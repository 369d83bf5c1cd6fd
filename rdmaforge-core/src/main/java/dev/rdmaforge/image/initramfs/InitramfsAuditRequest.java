package dev.rdmaforge.image.initramfs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * What to audit.
 *
 * @param root the image root
 * @param release the kernel release in the image
 * @param initramfs the initramfs file (see {@link #defaultInitramfs})
 * @param modules module names the boot path loads from the initramfs (their dependencies are
 *     added); may be empty to check only for stale modules
 */
public record InitramfsAuditRequest(
    Path root, String release, Path initramfs, List<String> modules) {

  /** Requires every part; copies the list. */
  public InitramfsAuditRequest {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(release, "release");
    Objects.requireNonNull(initramfs, "initramfs");
    modules = List.copyOf(modules);
  }

  /** A request for the modules of {@code paths} plus {@code extra} names. */
  public static InitramfsAuditRequest forBootPaths(Path root, String release, Path initramfs,
      Collection<BootPath> paths, Collection<String> extra) {
    LinkedHashSet<String> names = new LinkedHashSet<>();
    for (BootPath p : paths) {
      names.addAll(p.modules());
    }
    names.addAll(extra);
    return new InitramfsAuditRequest(root, release, initramfs, new ArrayList<>(names));
  }

  /**
   * The image's initramfs for {@code release}: Debian's {@code boot/initrd.img-REL} or dracut's
   * {@code boot/initramfs-REL.img}, whichever exists (Debian's name when neither does).
   */
  public static Path defaultInitramfs(Path root, String release) {
    Path debian = root.resolve("boot/initrd.img-" + release);
    Path dracut = root.resolve("boot/initramfs-" + release + ".img");
    return !Files.exists(debian) && Files.exists(dracut) ? dracut : debian;
  }
}
