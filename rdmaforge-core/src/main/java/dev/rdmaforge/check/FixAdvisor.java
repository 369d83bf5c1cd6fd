package dev.rdmaforge.check;

import dev.rdmaforge.depmod.Resolution;
import dev.rdmaforge.depmod.tree.Contest;
import dev.rdmaforge.depmod.tree.ModuleCandidate;
import dev.rdmaforge.kmod.ExportedSymbol;
import dev.rdmaforge.report.Finding;
import dev.rdmaforge.report.Location;
import dev.rdmaforge.report.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns refused insertions into findings with a fix. The most useful fix is often not a rebuild:
 * when depmod chose a vendor copy over one that would load (the wrong {@code ib_core} from {@code
 * updates/}), one {@code override} line in {@code /etc/depmod.d} makes the good copy win.
 *
 * <p>Rule ids: RF-CHK-001 built for another kernel, RF-CHK-002 symbol CRCs disagree with the
 * provider that loads, RF-CHK-003 unknown symbol, RF-CHK-004 GPL-only symbol used by a non-GPL
 * module, RF-CHK-005 signature refused, RF-CHK-006 module not found, RF-CHK-007 invalid module or
 * duplicate export, RF-CHK-010 firmware missing from the image.
 */
final class FixAdvisor {
  private final CheckRequest request;
  private final Resolution resolution;
  private final TargetKernel kernel;
  private final ModuleFiles files;

  FixAdvisor(CheckRequest request, Resolution resolution, TargetKernel kernel, ModuleFiles files) {
    this.request = request;
    this.resolution = resolution;
    this.kernel = kernel;
    this.files = files;
  }

  List<Finding> findings(List<ModuleResult> results, Map<String, Insertion> failures) {
    List<Finding> findings = new ArrayList<>();
    List<Insertion> sorted = new ArrayList<>(failures.values());
    sorted.sort(Comparator.comparing(i -> i.module().file()));
    for (Insertion ins : sorted) {
      findings.add(finding(ins));
    }
    for (ModuleResult r : results) {
      if (r.verdict() == Verdict.NOT_FOUND) {
        findings.add(new Finding("RF-CHK-006", Severity.ERROR,
            Location.of("lib/modules/" + kernel.release()),
            "module " + r.module() + " is not in the tree and not built into " + kernel.release(),
            "install the package that ships " + r.module() + ".ko for " + kernel.release()
                + ", or check the name"));
      } else if (r.verdict() == Verdict.INVALID_MODULE && !failures.containsKey(r.file())) {
        findings.add(new Finding("RF-CHK-007", Severity.ERROR, location(r.file()), r.why(),
            "reinstall " + r.file() + " from its package"));
      }
    }
    findings.addAll(new FirmwareCheck(request, resolution, kernel, files).findings(results));
    return findings;
  }

  private Finding finding(Insertion ins) {
    CheckedModule m = ins.module();
    Location where = location(m.file());
    switch (ins.verdict()) {
      case SIGNATURE_REJECTED:
        return new Finding("RF-CHK-005", Severity.ERROR, where,
            m.name() + ": " + ins.why(), signatureFix(ins));
      case VERMAGIC_MISMATCH:
        return new Finding("RF-CHK-001", Severity.ERROR, where,
            m.name() + ": " + ins.why(), otherKernelFix(m));
      case SYMBOL_VERSION_MISMATCH:
        if (ins.symbols().equals(List.of("module_layout"))) {
          return new Finding("RF-CHK-001", Severity.ERROR, where,
              m.name() + " was built for another kernel: " + ins.why(), otherKernelFix(m));
        }
        return new Finding("RF-CHK-002", Severity.ERROR, where,
            m.name() + ": " + ins.why(), crcFix(ins));
      case UNKNOWN_SYMBOL:
        boolean gpl = !m.facts().firstModinfo("license").map(l -> l.contains("GPL")).orElse(false);
        return new Finding(gpl ? "RF-CHK-004" : "RF-CHK-003", Severity.ERROR, where,
            m.name() + ": " + ins.why(), unknownFix(ins));
      default:
        return new Finding("RF-CHK-007", Severity.ERROR, where, m.name() + ": " + ins.why(),
            "only one module may export a symbol: remove or override one of them");
    }
  }

  private Location location(String file) {
    return Location.of(file.startsWith("/") ? file
        : "lib/modules/" + kernel.release() + "/" + file);
  }

  private String signatureFix(Insertion ins) {
    String file = ins.module().file();
    switch (ins.signature().outcome()) {
      case UNSIGNED:
        return "sign " + file + " with a key the kernel trusts (scripts/sign-file sha256 KEY CERT "
            + file + ") and enroll its certificate (mokutil --import CERT), or boot without"
            + " module.sig_enforce=1";
      case KEY_UNAVAILABLE:
        return "enroll the certificate of '" + ins.signature().signer() + "' (mokutil --import"
            + " CERT; tell rdmaforge with --trusted-cert CERT), or re-sign " + file
            + " with a key the kernel trusts";
      case REJECTED:
      case MALFORMED:
        return file + " was changed after it was signed: reinstall it from its package or sign it"
            + " again";
      default:
        return "rebuild " + file + " with the kernel's signature algorithm";
    }
  }

  /** Built for another kernel: prefer another copy of the module that loads; else rebuild. */
  private String otherKernelFix(CheckedModule m) {
    ModuleCandidate better = loadableAlternative(m.name(), m.file());
    String vermagic = m.facts().firstModinfo("vermagic").map(String::strip).orElse("unknown");
    String rebuild = "rebuild " + m.name() + " for " + kernel.release() + " (it says vermagic '"
        + vermagic + "'; for MLNX_OFED: mlnx_add_kernel_support.sh -k " + kernel.release()
        + ") or remove " + m.file();
    if (better != null) {
      return overrideLine(m.name(), better) + "; or " + rebuild;
    }
    return rebuild;
  }

  /** CRCs disagree with the provider that loads: maybe another copy of the provider fits. */
  private String crcFix(Insertion ins) {
    Insertion.Mismatch first = ins.mismatches().get(0);
    if (first.providerFile() == null) {
      return "rebuild " + ins.module().name() + " against " + kernel.release()
          + "'s own headers (it was built against another build of the kernel)";
    }
    Map<String, Long> wanted = new HashMap<>();
    for (Insertion.Mismatch mm : ins.mismatches()) {
      if (mm.provider().equals(first.provider())) {
        wanted.put(mm.symbol(), mm.builtAgainst());
      }
    }
    ModuleCandidate fitting = alternativeExporting(first.provider(), first.providerFile(), wanted);
    String rebuild = "rebuild " + ins.module().name() + " against the installed "
        + first.provider() + " (" + first.providerFile() + ", its Module.symvers), or install the "
        + first.provider() + " it was built against";
    if (fitting != null) {
      return overrideLine(first.provider(), fitting) + " (that copy exports the CRCs "
          + ins.module().name() + " was built against); or " + rebuild;
    }
    return rebuild;
  }

  private String unknownFix(Insertion ins) {
    String license = ins.module().facts().firstModinfo("license").orElse("unspecified");
    if (!license.contains("GPL")) {
      return ins.module().name() + "'s license '" + license + "' hides EXPORT_SYMBOL_GPL symbols:"
          + " a non-GPL module can never use " + String.join(", ", ins.symbols());
    }
    for (String symbol : ins.symbols()) {
      for (Map.Entry<String, List<Contest>> e : resolution.scan().contests().entrySet()) {
        for (ModuleCandidate c : candidates(e.getValue())) {
          Object read = files.get(c);
          if (read instanceof CheckedModule cm && exports(cm, symbol) != null) {
            return "install a module that exports " + symbol + ": " + cm.file()
                + " does, but depmod chose another copy of " + cm.name();
          }
        }
      }
    }
    return "install the module that exports " + String.join(", ", ins.symbols()) + " for "
        + kernel.release() + ", or rebuild " + ins.module().name() + " for this kernel";
  }

  private String overrideLine(String module, ModuleCandidate winner) {
    String rel = winner.relPath();
    String dir = rel.substring(0, rel.lastIndexOf('/'));
    return "add 'override " + module + " " + kernel.release() + " " + dir
        + "' to /etc/depmod.d/" + module + ".conf so " + rel + " wins, then run depmod";
  }

  /** Another file of {@code name} in the tree whose own checks pass on this kernel. */
  private ModuleCandidate loadableAlternative(String name, String exclude) {
    for (ModuleCandidate c : candidates(resolution.scan().contests().getOrDefault(name, List.of()))) {
      if (c.relPath() == null || c.relPath().equals(exclude)) {
        continue;
      }
      Object read = files.get(c);
      if (read instanceof CheckedModule cm && passesOwnChecks(cm)) {
        return c;
      }
    }
    return null;
  }

  /** Another file of {@code provider} exporting every wanted symbol with the wanted CRC. */
  private ModuleCandidate alternativeExporting(String provider, String exclude,
      Map<String, Long> wanted) {
    for (ModuleCandidate c : candidates(resolution.scan().contests().getOrDefault(provider, List.of()))) {
      if (c.relPath() == null || c.relPath().equals(exclude)) {
        continue;
      }
      Object read = files.get(c);
      if (!(read instanceof CheckedModule cm)) {
        continue;
      }
      boolean all = true;
      for (Map.Entry<String, Long> w : wanted.entrySet()) {
        ExportedSymbol e = exports(cm, w.getKey());
        if (e == null || e.crc() != w.getValue()) {
          all = false;
          break;
        }
      }
      if (all && passesOwnChecks(cm)) {
        return c;
      }
    }
    return null;
  }

  /** Signature, module_layout and vermagic: the checks that do not depend on other modules. */
  private boolean passesOwnChecks(CheckedModule cm) {
    // Only the kernel image is loaded here, so symbols other modules provide come out unknown:
    // that is not this file's fault.
    Insertion ins = LoaderRules.insert(cm, new KernelState(kernel));
    return ins.loads() || ins.verdict() == Verdict.UNKNOWN_SYMBOL;
  }

  private static ExportedSymbol exports(CheckedModule cm, String symbol) {
    for (ExportedSymbol e : cm.facts().exports()) {
      if (e.name().equals(symbol)) {
        return e;
      }
    }
    return null;
  }

  private static Set<ModuleCandidate> candidates(List<Contest> contests) {
    Set<ModuleCandidate> all = new LinkedHashSet<>();
    for (Contest c : contests) {
      all.add(c.found());
      if (c.held() != null) {
        all.add(c.held());
      }
    }
    return all;
  }
}
