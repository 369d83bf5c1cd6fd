package dev.rdmaforge.check.render;

import dev.rdmaforge.pkg.PackageFile;
import dev.rdmaforge.pkg.root.InstalledPackage;
import dev.rdmaforge.pkg.root.PackageRoot;
import dev.rdmaforge.pkg.root.RootSelection;
import dev.rdmaforge.pkg.root.ScriptEffect;
import dev.rdmaforge.pkg.root.WeakLink;
import dev.rdmaforge.pkg.root.WeakModulesCompatibility.SymbolProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The "packages" part of {@code check --packages}: the packages laid out, the scripts not run with
 * their effects, and the predicted weak-updates links. The conflicts are findings of the report
 * itself. JSON key {@code "packages"} (added to check's schema 1):
 *
 * <pre>
 * {"root": DIR, "kept": true|false, "kernel_release": KVER, "selection": "...",
 *  "kernel_package": PACKAGE, "installed": [PACKAGE...],
 *  "scripts": [{"package", "phase", "command", "effect", "predicted"}],
 *  "weak_updates": [{"module", "package", "home_kernel", "link", "target", "created", "reason",
 *                    "symbols": [{"symbol", "problem": "unknown"|"crc", "needed_crc",
 *                                 "provided_crc", "provider"}]}],
 *  "notes": [...]}
 * PACKAGE: {"name", "version", "arch", "format": "rpm"|"deb", "file", "paths"}
 * </pre>
 */
public final class PackagesPart {
  private PackagesPart() {}

  /** The JSON object, keys in the order above. */
  public static Map<String, Object> json(PackageRoot root, boolean kept) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("root", root.root().toString());
    m.put("kept", kept);
    m.put("kernel_release", root.kernelRelease());
    m.put("selection", RootSelection.DESCRIPTION);
    m.put("kernel_package", pkg(root.kernel()));
    List<Object> installed = new ArrayList<>();
    root.packages().forEach(p -> installed.add(pkg(p)));
    m.put("installed", installed);
    List<Object> scripts = new ArrayList<>();
    for (ScriptEffect s : root.scripts()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("package", s.packageLabel());
      e.put("phase", phase(s));
      e.put("command", s.command());
      e.put("effect", s.effect());
      e.put("predicted", s.predicted());
      scripts.add(e);
    }
    m.put("scripts", scripts);
    List<Object> links = new ArrayList<>();
    for (WeakLink l : root.weakLinks()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("module", l.module());
      e.put("package", l.packageLabel());
      e.put("home_kernel", l.homeRelease());
      e.put("link", l.link());
      e.put("target", l.target());
      e.put("created", l.created());
      e.put("reason", l.reason());
      List<Object> symbols = new ArrayList<>();
      for (SymbolProblem s : l.problems()) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("symbol", s.symbol());
        p.put("problem", s.unknown() ? "unknown" : "crc");
        p.put("needed_crc", String.format("0x%08x", s.neededCrc()));
        p.put("provided_crc", s.providedCrc() == null ? null
            : String.format("0x%08x", s.providedCrc()));
        p.put("provider", s.provider());
        symbols.add(p);
      }
      e.put("symbols", symbols);
      links.add(e);
    }
    m.put("weak_updates", links);
    m.put("notes", root.notes());
    return m;
  }

  /** The text section, appended to check's text report. */
  public static String text(PackageRoot root, boolean kept) {
    StringBuilder out = new StringBuilder("\npackages (laid out in ").append(root.root())
        .append(kept ? "" : ", deleted afterwards").append("; ").append(RootSelection.DESCRIPTION)
        .append("):\n");
    out.append("  kernel ").append(root.kernel().label()).append(" (release ")
        .append(root.kernelRelease()).append(")\n");
    for (InstalledPackage p : root.packages()) {
      out.append("  ").append(p.label()).append('\n');
    }
    if (!root.scripts().isEmpty()) {
      out.append("\nscripts not run:\n");
      for (ScriptEffect s : root.scripts()) {
        out.append("  ").append(s.packageLabel()).append(' ').append(phase(s)).append(": ")
            .append(s.command()).append('\n');
        out.append("    ").append(s.effect()).append('\n');
      }
    }
    if (!root.weakLinks().isEmpty()) {
      out.append("\nweak-updates links predicted (RHEL weak-modules, not run):\n");
      for (WeakLink l : root.weakLinks()) {
        out.append("  ").append(l.created() ? "" : "(not made) ").append(l.link())
            .append(" -> ").append(l.target()).append('\n');
        out.append("    ").append(l.reason()).append('\n');
      }
    }
    for (String note : root.notes()) {
      out.append("  note: ").append(note).append('\n');
    }
    return out.toString();
  }

  private static Map<String, Object> pkg(InstalledPackage p) {
    PackageFile f = p.pkg();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", f.name());
    m.put("version", f.version().toString());
    m.put("arch", f.arch());
    m.put("format", f.format().name().toLowerCase(Locale.ROOT));
    m.put("file", f.source().toString());
    m.put("paths", p.laidOut().size());
    return m;
  }

  /** RPM's and Debian's name of the phase, e.g. {@code %post/postinst}. */
  private static String phase(ScriptEffect s) {
    switch (s.phase()) {
      case PRE_INSTALL:
        return "%pre/preinst";
      case POST_INSTALL:
        return "%post/postinst";
      case PRE_TRANSACTION:
        return "%pretrans";
      case POST_TRANSACTION:
        return "%posttrans";
      case PRE_REMOVE:
        return "%preun/prerm";
      default:
        return "%postun/postrm";
    }
  }
}
