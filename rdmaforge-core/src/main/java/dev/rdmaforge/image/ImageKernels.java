package dev.rdmaforge.image;

import dev.rdmaforge.depmod.tree.TreeView;
import dev.rdmaforge.pkg.PackageFormat;
import dev.rdmaforge.report.Finding;
import dev.rdmaforge.report.Location;
import dev.rdmaforge.report.Severity;
import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The kernels of one image root, found from the image alone ({@link #find}): {@code
 * boot/vmlinuz-R}, {@code lib/modules/R} and {@code usr/lib/modules/R} (links resolved inside the
 * root), {@code boot/initrd.img-R} or {@code boot/initramfs-R.img}, and the package owning each
 * kernel image in the image's dpkg or rpm database. Problems an image builder leaves behind are
 * reported as findings:
 *
 * <ul>
 *   <li>{@code RF-IMG-001} (warning) modules for a release with no kernel image: a leftover of a
 *       removed kernel, or a kernel whose package scripts never ran;
 *   <li>{@code RF-IMG-002} (warning) a kernel image with no modules directory;
 *   <li>{@code RF-IMG-003} (warning) a modules directory without {@code modules.dep}: depmod never
 *       ran for it.
 * </ul>
 */
public final class ImageKernels {
  private static final String[] MODULE_BASES = {"/lib/modules", "/usr/lib/modules"};

  private final Path root;
  private final Optional<PackageFormat> packageManager;
  private final List<ImageKernel> kernels;
  private final List<Finding> problems;

  private ImageKernels(Path root, Optional<PackageFormat> packageManager,
      List<ImageKernel> kernels, List<Finding> problems) {
    this.root = root;
    this.packageManager = packageManager;
    this.kernels = List.copyOf(kernels);
    this.problems = List.copyOf(problems);
  }

  /**
   * Finds the kernels of the image rooted at {@code root}.
   *
   * @throws UserInputException when {@code root} is not a directory, or its package database
   *     cannot be read
   */
  public static ImageKernels find(Path root) {
    Objects.requireNonNull(root, "root");
    Path abs = root.toAbsolutePath().normalize();
    if (!Files.isDirectory(abs)) {
      throw new UserInputException(root + ": not a directory; give the image root, the directory"
          + " that holds the image's boot/, usr/ and var/");
    }
    TreeView view = TreeView.chroot(abs);
    TreeMap<String, Path> images = vmlinuzFiles(view);
    TreeMap<String, Path> modules = modulesDirs(view);
    Owners owners = Owners.of(abs, view);

    TreeSet<String> releases = new TreeSet<>(images.keySet());
    releases.addAll(modules.keySet());
    List<ImageKernel> kernels = new ArrayList<>();
    List<Finding> problems = new ArrayList<>();
    for (String release : releases) {
      Optional<Path> vmlinuz = Optional.ofNullable(images.get(release));
      Optional<Path> modulesDir = Optional.ofNullable(modules.get(release));
      boolean hasDep = modulesDir.map(d -> Files.isRegularFile(d.resolve("modules.dep")))
          .orElse(false);
      Optional<KernelPackage> owner = vmlinuz.isPresent()
          ? owners.ownerOf("/boot/vmlinuz-" + release)
          : Optional.empty();
      kernels.add(new ImageKernel(release, vmlinuz, modulesDir, hasDep,
          initramfs(view, release), owner));
      problems.addAll(problemsOf(release, vmlinuz, modulesDir, hasDep));
    }
    return new ImageKernels(abs, owners.format(), kernels, problems);
  }

  /** The image root (absolute). */
  public Path root() {
    return root;
  }

  /**
   * The image's package manager: {@link PackageFormat#DEB} when it has a dpkg database, else
   * {@link PackageFormat#RPM} when it has an rpm database, else empty.
   */
  public Optional<PackageFormat> packageManager() {
    return packageManager;
  }

  /** Every release found, complete or not, in release order. */
  public List<ImageKernel> kernels() {
    return kernels;
  }

  /** What is wrong or odd about the kernels found; empty for a clean image. */
  public List<Finding> problems() {
    return problems;
  }

  /** The kernel {@code release}, when found. */
  public Optional<ImageKernel> kernel(String release) {
    return kernels.stream().filter(k -> k.release().equals(release)).findFirst();
  }

  /**
   * The kernel to work for. With {@code wanted}, that release, which must be complete (kernel image
   * and modules directory). Without, the only complete kernel; with several, the newest, as image
   * builders boot the newest (Debian's {@code /vmlinuz} link, RHEL's default boot entry), and the
   * choice says so in its note. Newest is by the owning packages' versions in the image's package
   * manager's order (dpkg's or rpm's), then by release in that order.
   *
   * @throws UserInputException when {@code wanted} is not a complete kernel of the image, or the
   *     image has no complete kernel; the message names the root and the kernels found
   */
  public KernelChoice choose(Optional<String> wanted) {
    List<ImageKernel> complete = kernels.stream().filter(ImageKernel::complete).toList();
    if (wanted.isPresent()) {
      String release = wanted.get();
      Optional<ImageKernel> found = kernel(release);
      if (found.isEmpty()) {
        throw new UserInputException(root + ": the image has no kernel " + release + "; it has "
            + describe(kernels) + "; name one of those, or install " + release + " into the image"
            + " first");
      }
      if (!found.get().complete()) {
        throw new UserInputException(root + ": kernel " + release + " is incomplete ("
            + missing(found.get()) + "); install its package into the image again, or name"
            + " another of " + describe(kernels));
      }
      return new KernelChoice(found.get(), Optional.empty());
    }
    if (complete.isEmpty()) {
      throw new UserInputException(root + ": the image has no complete kernel (a boot/vmlinuz-R"
          + " with its lib/modules/R); it has " + describe(kernels) + "; install a kernel package"
          + " into the image first");
    }
    if (complete.size() == 1) {
      return new KernelChoice(complete.get(0), Optional.empty());
    }
    Comparator<ImageKernel> order = KernelOrder.of(packageManager);
    ImageKernel newest = complete.stream().max(order).orElseThrow();
    String note = root + " has " + complete.size() + " complete kernels (" + describe(complete)
        + "); chose the newest, " + newest.release()
        + newest.owner().map(o -> " (" + o + ")").orElse("") + ", by "
        + KernelOrder.describe(packageManager) + ", as image builders boot the newest; name the"
        + " kernel to work for another";
    return new KernelChoice(newest, Optional.of(note));
  }

  private static String describe(List<ImageKernel> list) {
    if (list.isEmpty()) {
      return "no kernel at all (no boot/vmlinuz-*, no lib/modules/*)";
    }
    return list.stream()
        .map(k -> k.release() + (k.complete() ? "" : " [" + missing(k) + "]"))
        .collect(Collectors.joining(", "));
  }

  private static String missing(ImageKernel k) {
    List<String> what = new ArrayList<>();
    if (k.vmlinuz().isEmpty()) {
      what.add("no boot/vmlinuz-" + k.release());
    }
    if (k.modulesDir().isEmpty()) {
      what.add("no lib/modules/" + k.release());
    }
    return what.isEmpty() ? "complete" : String.join(", ", what);
  }

  private static List<Finding> problemsOf(String release, Optional<Path> vmlinuz,
      Optional<Path> modulesDir, boolean hasDep) {
    List<Finding> found = new ArrayList<>();
    if (vmlinuz.isEmpty() && modulesDir.isPresent()) {
      Path dir = modulesDir.get();
      boolean packaged = Files.isRegularFile(dir.resolve("vmlinuz"));
      found.add(new Finding("RF-IMG-001", Severity.WARNING, Location.of(dir.toString()),
          packaged
              ? "modules for " + release + " and its kernel image " + dir.resolve("vmlinuz")
                  + ", but no boot/vmlinuz-" + release + ": the kernel package's scripts never"
                  + " installed it to /boot, so the image cannot boot it"
              : "modules for " + release + " but no boot/vmlinuz-" + release + ": a leftover of a"
                  + " removed kernel; it is never chosen",
          packaged
              ? "run kernel-install add " + release + " inside the image, or reinstall the kernel"
                  + " package with its scripts"
              : "remove " + dir + ", or reinstall the kernel package of " + release));
    }
    if (vmlinuz.isPresent() && modulesDir.isEmpty()) {
      found.add(new Finding("RF-IMG-002", Severity.WARNING, Location.of(vmlinuz.get().toString()),
          "kernel " + release + " has no lib/modules/" + release + ": nothing can be installed"
              + " for it and it cannot load modules; it is never chosen",
          "reinstall the kernel package of " + release + ", or remove " + vmlinuz.get()));
    }
    if (modulesDir.isPresent() && !hasDep) {
      found.add(new Finding("RF-IMG-003", Severity.WARNING,
          Location.of(modulesDir.get().resolve("modules.dep").toString()),
          "no modules.dep for " + release + ": depmod never ran for it, so modprobe finds none of"
              + " its modules",
          "run depmod for " + release + " inside the image (chroot ROOT depmod -a " + release
              + ")"));
    }
    return found;
  }

  /** Releases with {@code boot/vmlinuz-RELEASE} (resolving inside the root). */
  private static TreeMap<String, Path> vmlinuzFiles(TreeView view) {
    TreeMap<String, Path> found = new TreeMap<>();
    for (String name : names(view, "/boot")) {
      // RHEL's rescue image is a copy of some kernel under a machine-id name, not a release.
      if (!name.startsWith("vmlinuz-") || name.startsWith("vmlinuz-0-rescue-")) {
        continue;
      }
      Optional<Path> file = existing(view, "/boot/" + name, false);
      file.ifPresent(f -> found.put(name.substring("vmlinuz-".length()), f));
    }
    return found;
  }

  /**
   * Releases with a modules directory, {@code /lib/modules} first: with bookworm's and RHEL's
   * {@code /lib -> usr/lib} both bases resolve to one directory.
   */
  private static TreeMap<String, Path> modulesDirs(TreeView view) {
    TreeMap<String, Path> found = new TreeMap<>();
    for (String base : MODULE_BASES) {
      for (String name : names(view, base)) {
        if (!found.containsKey(name)) {
          existing(view, base + "/" + name, true).ifPresent(d -> found.put(name, d));
        }
      }
    }
    return found;
  }

  private static Optional<Path> initramfs(TreeView view, String release) {
    Optional<Path> debian = existing(view, "/boot/initrd.img-" + release, false);
    return debian.isPresent() ? debian : existing(view, "/boot/initramfs-" + release + ".img",
        false);
  }

  /** The names in a directory of the image, or none when it is absent. */
  private static List<String> names(TreeView view, String logicalDir) {
    Optional<Path> dir = existing(view, logicalDir, true);
    List<String> names = new ArrayList<>();
    if (dir.isEmpty()) {
      return names;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir.get())) {
      for (Path p : entries) {
        names.add(p.getFileName().toString());
      }
    } catch (IOException e) {
      throw new UserInputException(dir.get() + ": cannot list the image's " + logicalDir + " ("
          + e.getMessage() + "); check the image root's permissions", e);
    }
    names.sort(null);
    return names;
  }

  /** The host path of a logical path of the image when it is a directory (or regular file). */
  static Optional<Path> existing(TreeView view, String logical, boolean directory) {
    try {
      Path p = view.physical(logical);
      return (directory ? Files.isDirectory(p) : Files.isRegularFile(p))
          ? Optional.of(p) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // a link loop inside the image: as absent as a dangling link
    }
  }
}
