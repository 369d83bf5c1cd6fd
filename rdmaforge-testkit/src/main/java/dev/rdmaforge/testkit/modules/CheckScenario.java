package dev.rdmaforge.testkit.modules;

import dev.rdmaforge.testkit.DebianKernel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One image root of the {@code rdmaforge check} scenarios (issue 3 §7), built by {@link
 * CheckScenarios}: what the lead's scenario test gives both to {@code rdmaforge check} and to the
 * booted kernel.
 *
 * <p>The root holds {@code lib/modules/KVER} (the kernel's {@code modules.builtin}, {@code
 * modules.builtin.modinfo} and {@code modules.order}, and only the modules the scenario needs; no
 * {@code modules.dep}: the image's own depmod writes it), {@code etc/depmod.d} and {@code
 * etc/modprobe.d} (empty unless the scenario configures something), and {@code lib/firmware} in the
 * firmware scenarios. Absolute symbolic links point inside the root, as in an image.
 *
 * @param id a short stable name, e.g. {@code s02-crc-mismatch}; also the root's directory name
 * @param standsFor the real-world case and what the kernel is expected to say
 * @param kernel the kernel the root is for (its release is the {@code KVER} above)
 * @param root the image root
 * @param targets the module names to give modprobe, in order, in one kernel
 * @param sigEnforce whether the kernel boots with {@code module.sig_enforce=1}
 * @param checkArgs further {@code rdmaforge check} arguments: {@code --symvers FILE}, {@code
 *     --kernel-image VMLINUZ}, and {@code --sig-enforce} when enforced
 */
public record CheckScenario(
    String id,
    String standsFor,
    DebianKernel kernel,
    Path root,
    List<String> targets,
    boolean sigEnforce,
    List<String> checkArgs) {

  public CheckScenario {
    targets = List.copyOf(targets);
    checkArgs = List.copyOf(checkArgs);
  }

  /** The module directory of the root: {@code root/lib/modules/KVER}. */
  public Path modulesDir() {
    return root.resolve("lib/modules").resolve(kernel.release());
  }

  /**
   * The arguments after {@code rdmaforge check}: {@code --root ROOT --kernel KVER}, {@link
   * #checkArgs}, then the targets (output options such as {@code --json} are the caller's).
   */
  public List<String> checkArguments() {
    List<String> arguments = new ArrayList<>();
    arguments.add("--root");
    arguments.add(root.toString());
    arguments.add("--kernel");
    arguments.add(kernel.release());
    arguments.addAll(checkArgs);
    arguments.addAll(targets);
    return arguments;
  }

  @Override
  public String toString() {
    return id;
  }
}
