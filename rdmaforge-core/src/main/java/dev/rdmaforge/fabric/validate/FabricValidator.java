package dev.rdmaforge.fabric.validate;

import dev.rdmaforge.fabric.kernel.BundledKernelFacts;
import dev.rdmaforge.fabric.kernel.KernelFacts;
import dev.rdmaforge.fabric.kernel.ModuleTreeFacts;
import dev.rdmaforge.report.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads existing fabric files (rendered, hand-written, or written by a cluster manager) and
 * reports every problem the consumers would have with them and every inconsistency between them.
 */
public final class FabricValidator {
  private FabricValidator() {}

  /** Validates the inputs of the request. */
  public static ValidationResult validate(ValidationRequest request) {
    List<InputFile> files = InputCollector.collect(request.inputs());
    ParsedFabric parsed = ParsedFabric.parse(files, request.pkeyTableSize());
    List<Finding> out = new ArrayList<>();
    OpenSmChecks.run(parsed, out);
    NeutronChecks.run(parsed, request.release(), out);
    KernelFacts facts = request.kernelModules().<KernelFacts>map(ModuleTreeFacts::open)
        .orElse(BundledKernelFacts.debian61());
    HostChecks.run(parsed, facts, out);
    request.description().ifPresent(d -> AgainstDescription.run(parsed, d, out));
    out.sort(Comparator.comparing((Finding f) -> f.location().file())
        .thenComparingInt(f -> f.location().line())
        .thenComparingInt(f -> f.location().column())
        .thenComparing(Finding::rule));
    return new ValidationResult(files, out);
  }
}
