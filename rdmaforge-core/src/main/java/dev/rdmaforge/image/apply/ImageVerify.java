package dev.rdmaforge.image.apply;

import dev.rdmaforge.check.CheckReport;
import dev.rdmaforge.check.CheckRequest;
import dev.rdmaforge.check.Checker;
import dev.rdmaforge.check.ModuleResult;
import dev.rdmaforge.image.ImageKernel;
import dev.rdmaforge.image.ImageKernels;
import dev.rdmaforge.report.UserInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code rdmaforge image verify}: the kernel-pinning guard. An image build step after the apply
 * may change the image's kernel (another kernel package installed, the one the stack was built
 * for removed by a kernel clean-up, a kernel upgraded in place); the stack's modules then do not
 * load on the kernel the image boots. Compares the image now with {@link AppliedState} and checks
 * the stack's modules again on the applied kernel.
 */
public final class ImageVerify {
  private ImageVerify() {}

  /**
   * The verification.
   *
   * @param problems each problem, with the reason; empty when the image is as applied
   * @param verdicts the stack's modules checked again on the applied kernel (when it is there)
   */
  public record Result(String kernel, List<String> problems, List<ModuleResult> verdicts) {
    /** Copies the lists. */
    public Result {
      problems = List.copyOf(problems);
      verdicts = List.copyOf(verdicts);
    }

    /** Whether the image is still as the apply left it. */
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /** Verifies {@code root} against what the last apply recorded. */
  public static Result verify(Path root) {
    AppliedState state = AppliedState.read(root).orElseThrow(() -> new UserInputException(root
        + ": no " + AppliedState.FILE + "; run `rdmaforge image apply --root " + root
        + "` first (verify checks an image against what apply recorded)"));
    ImageKernels now = ImageKernels.find(root);
    List<String> problems = new ArrayList<>();
    Set<String> before = new TreeSet<>(state.kernels());
    Set<String> after = new TreeSet<>();
    now.kernels().stream().filter(ImageKernel::complete).map(ImageKernel::release)
        .forEach(after::add);
    Optional<ImageKernel> applied = now.kernel(state.kernel()).filter(ImageKernel::complete);
    if (applied.isEmpty()) {
      problems.add("kernel " + state.kernel() + ", which the stack was applied for, is no longer"
          + " in the image (now: " + after + "); an element after the apply removed it (e.g. a"
          + " kernel clean-up): keep that kernel, or apply the stack again for the new one");
    } else if (!AppliedState.sha256(applied.get().vmlinuz()).equals(state.vmlinuzSha256())) {
      problems.add("kernel " + state.kernel() + " was replaced after the apply (boot/vmlinuz-"
          + state.kernel() + " changed); apply the stack again");
    }
    for (String k : after) {
      if (!before.contains(k)) {
        problems.add("kernel " + k + " appeared after the stack was applied for "
            + state.kernel() + "; the stack's modules are not built for it and the image may boot"
            + " it (the newest kernel): pin the image's kernel, or build and apply the stack for "
            + k);
      }
    }
    List<ModuleResult> verdicts = List.of();
    if (applied.isPresent()) {
      CheckReport report = Checker.create().check(new CheckRequest(root, state.kernel(), null,
          null, List.of(), false, null, state.modules()));
      verdicts = report.results();
      for (ModuleResult r : verdicts) {
        if (r.verdict().fails()) {
          problems.add(r.module() + " no longer loads on " + state.kernel() + ": "
              + r.verdict().id() + " (" + r.why() + ")");
        }
      }
    }
    return new Result(state.kernel(), problems, verdicts);
  }
}
