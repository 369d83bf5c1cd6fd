package dev.rdmaforge.kabi;

import dev.rdmaforge.kernel.KernelExport;
import dev.rdmaforge.pkg.Comparison;
import dev.rdmaforge.pkg.PackageRelation;
import dev.rdmaforge.pkg.RelationKind;
import dev.rdmaforge.pkg.Requirement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * RPM's side of a cell: a kmod RPM's {@code kernel(sym)} requirements against the kernel's {@code
 * kernel(sym)} provides, matched as rpm matches versioned capabilities ({@code rpmdsCompare}).
 * The kernel's provides are its package's own when it is an RPM that has them, otherwise one
 * {@code kernel(sym) = 0xCRC} per export (vmlinux and the kernel's modules), as RHEL's
 * find-provides derives them from the kernel's Module.symvers.
 */
final class RpmKernelSymbols {
  private final Map<String, List<PackageRelation>> provides = new HashMap<>();

  RpmKernelSymbols(KabiKernel kernel) {
    if (kernel.rpmProvides() != null) {
      for (PackageRelation r : kernel.rpmProvides()) {
        provides.computeIfAbsent(r.name(), k -> new ArrayList<>(1)).add(r);
      }
    } else {
      for (KernelExport e : kernel.exports().values()) {
        String name = "kernel(" + e.name() + ")";
        provides.computeIfAbsent(name, k -> new ArrayList<>(1))
            .add(PackageRelation.of(name, Comparison.EQUAL, String.format("0x%08x", e.crc())));
      }
    }
  }

  /** The package's unmet {@code kernel(sym)} requirements, in package order, as rpm prints them. */
  List<String> unsatisfied(KabiPackage pkg) {
    List<String> unmet = new ArrayList<>();
    for (Requirement r : pkg.pkg().requires()) {
      PackageRelation need = r.first();
      if (need.kind() != RelationKind.KERNEL_SYMBOL) {
        continue;
      }
      boolean met = false;
      for (PackageRelation have : provides.getOrDefault(need.name(), List.of())) {
        met |= overlaps(have, need);
      }
      if (!met) {
        unmet.add(need.toString());
      }
    }
    return unmet;
  }

  /** {@code rpmdsCompare}: whether a provide's range and a requirement's range overlap. */
  static boolean overlaps(PackageRelation provide, PackageRelation require) {
    Comparison a = provide.comparison();
    Comparison b = require.comparison();
    if (a == Comparison.ANY || b == Comparison.ANY) {
      return true;
    }
    int sense = RpmVersions.compareEvr(provide.version(), require.version());
    if (sense < 0) {
      return greater(a) || less(b);
    }
    if (sense > 0) {
      return less(a) || greater(b);
    }
    return equal(a) && equal(b) || less(a) && less(b) || greater(a) && greater(b);
  }

  private static boolean less(Comparison c) {
    return c == Comparison.LESS || c == Comparison.LESS_OR_EQUAL;
  }

  private static boolean greater(Comparison c) {
    return c == Comparison.GREATER || c == Comparison.GREATER_OR_EQUAL;
  }

  private static boolean equal(Comparison c) {
    return c == Comparison.EQUAL || c == Comparison.LESS_OR_EQUAL
        || c == Comparison.GREATER_OR_EQUAL;
  }
}
