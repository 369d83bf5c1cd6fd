package dev.rdmaforge.pkg.root;

import dev.rdmaforge.depmod.DepmodModule;
import dev.rdmaforge.depmod.Resolution;
import dev.rdmaforge.depmod.explain.Explainer;
import dev.rdmaforge.depmod.explain.ModuleExplanation;
import dev.rdmaforge.depmod.tree.Contest;
import dev.rdmaforge.depmod.tree.ModuleCandidate;
import dev.rdmaforge.pkg.root.PathOwners.Owner;
import dev.rdmaforge.report.Finding;
import dev.rdmaforge.report.Location;
import dev.rdmaforge.report.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code RF-PKG-001}: one module name shipped by two packages (other than the kernel's own) into
 * the target's tree, where depmod keeps one file and the other is never loaded: Intel OPA's
 * {@code ifs-kernel-updates} and {@code mlnx-ofa_kernel} both shipping {@code ib_core.ko} below
 * {@code extra/}. The winner and the rule that decided come from the real resolution of the
 * composed root and its explanation ({@link Explainer}); a tie decided by directory order is
 * called out, since another file system may list the directory in another order.
 */
final class ModuleShadowing {
  /** The rule id. */
  static final String RULE = "RF-PKG-001";

  private ModuleShadowing() {}

  static List<Finding> findings(Resolution resolution, PathOwners owners,
      InstalledPackage kernel, String release) {
    List<Finding> findings = new ArrayList<>();
    Explainer explainer = new Explainer(resolution, Set.of());
    Map<String, List<Contest>> contests = new TreeMap<>(resolution.scan().contests());
    for (Map.Entry<String, List<Contest>> e : contests.entrySet()) {
      if (e.getValue().size() < 2) {
        continue;
      }
      Map<String, Owner> vendors = new LinkedHashMap<>(); // relPath -> owner
      for (Contest c : e.getValue()) {
        ModuleCandidate f = c.found();
        if (f.relPath() == null) {
          continue;
        }
        owner(owners, release, f.relPath())
            .filter(o -> o.pkg() != kernel)
            .ifPresent(o -> vendors.put(f.relPath(), o));
      }
      if (vendors.values().stream().map(Owner::pkg).distinct().count() < 2) {
        continue;
      }
      findings.add(finding(e.getKey(), vendors, resolution, explainer, owners, release));
    }
    return findings;
  }

  private static Finding finding(String name, Map<String, Owner> vendors, Resolution resolution,
      Explainer explainer, PathOwners owners, String release) {
    ModuleExplanation why = explainer.explain(name);
    DepmodModule winner = resolution.module(name).orElseThrow();
    String winnerPath = winner.candidate().relPath() != null ? winner.candidate().relPath()
        : winner.candidate().path();
    String winnerOwner = owner(owners, release, winnerPath).map(o -> o.pkg().label())
        .orElse("no package");
    List<String> shipped = new ArrayList<>();
    List<String> fixes = new ArrayList<>();
    for (Map.Entry<String, Owner> v : vendors.entrySet()) {
      shipped.add(v.getValue().pkg().label() + " (" + v.getKey() + ")");
      if (!v.getKey().equals(winnerPath)) {
        String dir = v.getKey().contains("/")
            ? v.getKey().substring(0, v.getKey().lastIndexOf('/')) : ".";
        fixes.add("to load " + v.getValue().pkg().pkg().name() + "'s, add 'override " + name
            + " " + release + " " + dir + "' to a file in etc/depmod.d/ (or remove "
            + v.getValue().pkg().pkg().name() + " if " + winnerOwner + "'s is the one you want)");
      }
    }
    String rule = why.decidedBy() == null ? "" : ": " + why.decidedBy().text();
    boolean tie = why.decidedBy() != null && why.decidedBy().kind().equals("tie");
    String message = "module " + name + " is shipped by " + String.join(" and ", shipped)
        + "; depmod loads " + winnerPath + " (" + winnerOwner + ")" + rule
        + (tie ? " - the directory order of this file system decided; another machine may"
            + " pick the other file" : "")
        + "; the other files of that name are never loaded";
    return new Finding(RULE, Severity.WARNING,
        Location.of("lib/modules/" + release + "/" + winnerPath), message,
        String.join("; ", fixes));
  }

  private static Optional<Owner> owner(PathOwners owners, String release, String relPath) {
    Optional<Owner> o = owners.installed("lib/modules/" + release + "/" + relPath);
    return o.isPresent() ? o : owners.installed("usr/lib/modules/" + release + "/" + relPath);
  }
}
