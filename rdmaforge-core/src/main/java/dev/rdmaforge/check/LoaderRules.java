package dev.rdmaforge.check;

import dev.rdmaforge.kernel.KernelExport;
import dev.rdmaforge.kernel.Vermagic;
import dev.rdmaforge.kmod.DependencySymbol;
import dev.rdmaforge.kmod.ExportedSymbol;
import dev.rdmaforge.kmod.SymbolBind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The checks of Linux 6.1's {@code load_module} ({@code kernel/module/main.c}, {@code
 * version.c}, {@code signing.c}) in the kernel's order, applied to one module against the kernel's
 * current state. The first failing step decides; within the symbol step the kernel reports every
 * bad symbol before it gives up, and CRC disagreements outrank unknown symbols in the verdict.
 */
final class LoaderRules {
  /** {@code license_is_gpl_compatible} in include/linux/license.h. */
  private static final Set<String> GPL_COMPATIBLE =
      Set.of("GPL", "GPL v2", "GPL and additional rights", "Dual BSD/GPL", "Dual MIT/GPL",
          "Dual MPL/GPL");

  private LoaderRules() {}

  static Insertion insert(CheckedModule m, KernelState state) {
    TargetKernel kernel = state.kernel();
    ModuleFacts file = m.facts();
    EnumSet<Taint> taints = EnumSet.noneOf(Taint.class);

    // 1. module_sig_check runs before the ELF is even parsed.
    SignatureVerdict sig = kernel.signatures().check(m);
    if (sig.outcome() != SignatureOutcome.VALID) {
      if (sig.outcome().fatalWhenNotEnforced() || kernel.signaturesEnforced()) {
        String why = sig.outcome().kernelMessage()
            + (kernel.signaturesEnforced() && !sig.outcome().fatalWhenNotEnforced()
                ? " (signatures are enforced)" : "")
            + (sig.detail().isEmpty() ? "" : ": " + sig.detail());
        return refuse(m, Verdict.SIGNATURE_REJECTED, List.of(), why, List.of(), sig);
      }
      taints.add(Taint.UNSIGNED);
    }

    // 2. check_modstruct_version: module_layout's CRC, or a forced load without __versions.
    Map<String, Long> versions = file.versions();
    boolean hasVersions = file.hasVersions();
    KernelExport layout = kernel.exports().get("module_layout");
    if (layout != null) {
      if (!hasVersions) {
        if (!kernel.forceLoadAllowed()) {
          return refuse(m, Verdict.VERMAGIC_MISMATCH, List.of(),
              "no symbol versions and the kernel does not allow forced loads", List.of(), sig);
        }
        taints.add(Taint.FORCED);
      } else {
        Long built = versions.get("module_layout");
        if (built != null && built != layout.crc()) {
          Insertion.Mismatch mm =
              new Insertion.Mismatch("module_layout", built, layout.crc(), "vmlinux", null);
          return refuse(m, Verdict.SYMBOL_VERSION_MISMATCH, List.of("module_layout"),
              "disagrees about version of symbol module_layout: built for another kernel"
                  + vermagicNote(file),
              List.of(mm), sig);
        }
      }
    }

    // 3. check_modinfo: version magic, then the modinfo taints and the licence.
    String modmagic = file.firstModinfo("vermagic").orElse(null);
    if (modmagic == null) {
      if (!kernel.forceLoadAllowed()) {
        return refuse(m, Verdict.VERMAGIC_MISMATCH, List.of(),
            "no version magic and the kernel does not allow forced loads", List.of(), sig);
      }
      taints.add(Taint.FORCED);
    } else if (!Vermagic.same(modmagic, kernel.vermagic(), hasVersions)) {
      return refuse(m, Verdict.VERMAGIC_MISMATCH, List.of(),
          "version magic '" + modmagic + "' should be '" + kernel.vermagic() + "'", List.of(), sig);
    }
    if (!"Y".equals(file.firstModinfo("intree").orElse(null))) {
      taints.add(Taint.OUT_OF_TREE);
    }
    if ("Y".equals(file.firstModinfo("staging").orElse(null))) {
      taints.add(Taint.STAGING);
    }
    if (file.firstModinfo("test").isPresent()) {
      taints.add(Taint.TEST);
    }
    String license = file.firstModinfo("license").orElse(null);
    boolean gplOk = license != null && GPL_COMPATIBLE.contains(license);
    if (!gplOk) {
      taints.add(Taint.PROPRIETARY);
    }

    // 4. check_export_symbol_versions: exports without CRCs force the load.
    if (layout != null && !file.exports().isEmpty()
        && file.exports().stream().noneMatch(KernelState::hasCrc)) {
      taints.add(Taint.FORCED);
    }

    // 5. simplify_symbols: every undefined symbol, each failure reported, none stopping the walk.
    List<Insertion.Mismatch> mismatches = new ArrayList<>();
    TreeSet<String> unknown = new TreeSet<>();
    List<String> unimported = new ArrayList<>();
    Set<String> imports = new java.util.HashSet<>(file.modinfo("import_ns"));
    for (DependencySymbol u : file.undefined()) {
      SymbolProvider p = state.find(u.name(), gplOk);
      if (p == null) {
        if (u.bind() != SymbolBind.WEAK) {
          unknown.add(u.name());
        }
        continue;
      }
      if (p.hasCrc() && hasVersions) {
        Long built = versions.get(u.name());
        if (built != null && built != p.crc()) {
          mismatches.add(
              new Insertion.Mismatch(u.name(), built, p.crc(), p.owner(), p.file()));
          continue;
        }
      } else if (p.hasCrc() && !kernel.forceLoadAllowed()) {
        // No __versions at all: check_version only lets it through as a forced load.
        unknown.add(u.name());
        continue;
      }
      if (!p.namespace().isEmpty() && !imports.contains(p.namespace())) {
        unknown.add(u.name());
        unimported.add(u.name() + " (namespace " + p.namespace() + ")");
      }
    }
    if (!mismatches.isEmpty()) {
      TreeSet<String> names = new TreeSet<>();
      for (Insertion.Mismatch mm : mismatches) {
        names.add(mm.symbol());
      }
      Insertion.Mismatch first = mismatches.get(0);
      String why = "disagrees about version of symbol" + (names.size() > 1 ? "s " : " ")
          + String.join(", ", names) + ": built against " + hex(first.builtAgainst())
          + ", " + describe(first) + " exports " + hex(first.provided());
      return refuse(m, Verdict.SYMBOL_VERSION_MISMATCH, List.copyOf(names), why, mismatches, sig);
    }
    if (!unknown.isEmpty()) {
      String why = "Unknown symbol" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
          + (unimported.isEmpty() ? "" : "; not imported: " + String.join(", ", unimported))
          + (gplOk ? ": nothing loaded exports " + (unknown.size() > 1 ? "them" : "it")
              : ": license '" + (license == null ? "unspecified" : license)
                  + "' is not GPL-compatible, so GPL-only exports are hidden from it");
      return refuse(m, Verdict.UNKNOWN_SYMBOL, List.copyOf(unknown), why, List.of(), sig);
    }

    // 6. verify_exported_symbols: a symbol exported twice refuses the newcomer.
    TreeSet<String> duplicates = new TreeSet<>();
    String duplicateOwner = null;
    for (ExportedSymbol e : file.exports()) {
      String owner = state.owner(e.name());
      if (owner != null) {
        duplicates.add(e.name());
        duplicateOwner = owner;
      }
    }
    if (!duplicates.isEmpty()) {
      return refuse(m, Verdict.INVALID_MODULE, List.copyOf(duplicates),
          "exports duplicate symbol " + duplicates.first() + " (owned by " + duplicateOwner + ")",
          List.of(), sig);
    }
    String why = taints.isEmpty() ? "loads" : "loads, tainting the kernel: " + taintNames(taints);
    return new Insertion(m, Verdict.LOADS, List.of(), List.copyOf(taints), why, List.of(), sig);
  }

  private static String vermagicNote(ModuleFacts file) {
    return file.firstModinfo("vermagic")
        .map(v -> " (vermagic " + v.strip() + ")")
        .orElse("");
  }

  private static String describe(Insertion.Mismatch mm) {
    return mm.providerFile() == null ? "the kernel" : mm.provider() + " (" + mm.providerFile() + ")";
  }

  static String hex(long crc) {
    return String.format("0x%08x", crc);
  }

  static String taintNames(Iterable<Taint> taints) {
    List<String> names = new ArrayList<>();
    for (Taint t : taints) {
      names.add(t.id());
    }
    return String.join(", ", names);
  }

  private static Insertion refuse(CheckedModule m, Verdict verdict, List<String> symbols,
      String why, List<Insertion.Mismatch> mismatches, SignatureVerdict sig) {
    return new Insertion(m, verdict, symbols, List.of(), why, mismatches, sig);
  }
}
