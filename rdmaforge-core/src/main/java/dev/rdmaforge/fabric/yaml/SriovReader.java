package dev.rdmaforge.fabric.yaml;

import dev.rdmaforge.fabric.kernel.Mlx4Limits;
import dev.rdmaforge.fabric.model.PortType;
import dev.rdmaforge.fabric.model.Sriov;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/** Reads the {@code sriov:} block and checks it against mlx4_core's limits. */
final class SriovReader {
  private SriovReader() {}

  static Sriov read(YamlMap top) {
    Optional<YamlMap> s = top.map("sriov");
    if (s.isEmpty()) {
      return Sriov.DEFAULT;
    }
    YamlMap m = s.get();
    m.rejectUnknown(List.of("driver", "numVfs", "probeVf", "portTypes", "vendorId", "productId"));
    Sriov d = Sriov.DEFAULT;
    String driver = m.string("driver").orElse(d.driver());
    if (!driver.equals("mlx4") && !driver.equals("mlx5")) {
      m.problems().add(m.value("driver").get(), "sriov.driver '" + driver + "' is unknown",
          "write `mlx4` (ConnectX-3) or `mlx5` (ConnectX-4 and later)");
    }
    List<Integer> numVfs = ints(m, "numVfs", d.numVfs());
    List<Integer> probeVf = ints(m, "probeVf", d.probeVf());
    checkShape(m, "numVfs", numVfs);
    checkShape(m, "probeVf", probeVf);
    boolean shaped = (numVfs.size() == 1 || numVfs.size() == 3)
        && (probeVf.size() == 1 || probeVf.size() == 3);
    if (driver.equals("mlx4") && shaped && m.value("numVfs").isPresent()) {
      // mlx4_core's own probe checks: 126 VFs in all, 64 on either port (dual-port VFs count on
      // both), so a single num_vfs value above 64 already fails.
      for (String problem : Mlx4Limits.vfProblems(numVfs, List.of())) {
        m.problems().add(m.value("numVfs").get(), "sriov.numVfs " + numVfs + ": mlx4_core refuses"
            + " to probe the HCA (" + problem + ")", "lower numVfs");
      }
    }
    if (probeVf.size() == numVfs.size()) {
      for (int i = 0; i < probeVf.size(); i++) {
        if (probeVf.get(i) > numVfs.get(i)) {
          m.problems().add(m.value("probeVf").orElse(m.node()), "sriov.probeVf[" + i + "] = "
              + probeVf.get(i) + " exceeds numVfs[" + i + "] = " + numVfs.get(i)
              + " (mlx4_core: probe_vf module parameter cannot be greater than num_vfs)",
              "lower probeVf");
        }
      }
    } else if (m.value("probeVf").isPresent()) {
      m.problems().add(m.value("probeVf").get(), "sriov.probeVf must have as many values as numVfs",
          "give " + numVfs.size() + " value(s)");
    }
    List<PortType> types = new ArrayList<>();
    for (ScalarNode n : m.scalars("portTypes")) {
      Optional<PortType> t = FabricYamlReader.portType(n.getValue());
      if (t.isEmpty()) {
        m.problems().add(n, "port type '" + n.getValue() + "' is unknown", "write ib, eth or auto");
      } else {
        types.add(t.get());
      }
    }
    if (types.size() > 2) {
      m.problems().add(m.value("portTypes").get(), "sriov.portTypes: a ConnectX has at most 2 ports",
          "give one or two values");
    }
    return new Sriov(driver, numVfs, probeVf, m.value("portTypes").isPresent() ? types
        : d.portTypes(), m.string("vendorId").orElse(d.vendorId()),
        m.string("productId").orElse(d.productId()));
  }

  private static List<Integer> ints(YamlMap m, String key, List<Integer> dflt) {
    if (m.value(key).isEmpty()) {
      return dflt;
    }
    List<Integer> out = new ArrayList<>();
    for (ScalarNode n : m.scalars(key)) {
      try {
        int v = Integer.parseInt(n.getValue().trim());
        if (v < 0) {
          throw new NumberFormatException();
        }
        out.add(v);
      } catch (NumberFormatException ex) {
        m.problems().add(n, "sriov." + key + ": '" + n.getValue() + "' is not a count", "");
      }
    }
    return out;
  }

  private static void checkShape(YamlMap m, String key, List<Integer> values) {
    if (m.value(key).isPresent() && values.size() != 1 && values.size() != 3) {
      m.problems().add(m.value(key).get(), "sriov." + key + " takes 1 value (dual-port VFs) or 3"
          + " (port 1, port 2, dual-port)", "give 1 or 3 values");
    }
  }
}
