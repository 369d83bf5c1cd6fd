package dev.rdmaforge.build.output;

import dev.rdmaforge.kabi.KabiCell;
import dev.rdmaforge.kabi.KabiMatrix;
import dev.rdmaforge.kabi.KabiMatrixBuilder;
import dev.rdmaforge.kabi.KabiModule;
import dev.rdmaforge.kabi.KabiPackage;
import dev.rdmaforge.kabi.KabiRequest;
import dev.rdmaforge.kabi.KernelInput;
import dev.rdmaforge.stack.KernelInputs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load check of a result: the kernel-compatibility matrix of every kmod package in it on every
 * target kernel (the kernel's Module.symvers and header tree: CRCs, unknown symbols, module_layout
 * with the checker's own rules, providers among the result's packages). On each kernel, each kmod
 * package name must have a build that loads there: the stack for that kernel is complete; the
 * builds for other kernels failing there is expected.
 */
final class LoadCheck {
  private LoadCheck() {}

  /** One verdict per kernel and package name: the build that loads, else every failing build. */
  static List<LoadVerdict> run(List<Path> packages, List<KernelInputs> kernels, Path cache) {
    List<KernelInput> columns = new ArrayList<>();
    for (KernelInputs k : kernels) {
      columns.add(new KernelInput(k.headers(), k.release()));
    }
    KabiMatrix matrix = KabiMatrixBuilder.create().build(new KabiRequest(columns, packages, cache));
    List<LoadVerdict> out = new ArrayList<>();
    for (KernelInputs k : kernels) {
      Map<String, List<KabiCell>> byName = new LinkedHashMap<>();
      for (KabiPackage p : matrix.packages()) {
        for (KabiCell c : matrix.cells()) {
          if (c.pkg().equals(p.label()) && c.kernel().equals(k.release())) {
            byName.computeIfAbsent(p.name(), n -> new ArrayList<>()).add(c);
          }
        }
      }
      byName.forEach((name, cells) -> {
        KabiCell good = cells.stream().filter(KabiCell::loads).findFirst().orElse(null);
        if (good != null) {
          out.add(new LoadVerdict(k.release(), good.pkg(), good.verdict(), ""));
        } else {
          cells.forEach(c -> out.add(new LoadVerdict(k.release(), c.pkg(), c.verdict(),
              detail(c))));
        }
      });
    }
    return out;
  }

  private static String detail(KabiCell c) {
    List<String> parts = new ArrayList<>();
    for (KabiModule m : c.modules()) {
      if (!m.loads()) {
        parts.add(m.name() + ": " + m.verdict()
            + (m.symbols().isEmpty() ? "" : " " + m.symbols())
            + (m.message() == null ? "" : " (" + m.message() + ")"));
      }
    }
    return String.join("; ", parts);
  }
}
