package dev.rdmaforge.fabric.yaml;

import dev.rdmaforge.fabric.model.Node;
import dev.rdmaforge.fabric.model.PhysicalNetwork;
import dev.rdmaforge.fabric.model.Role;
import dev.rdmaforge.report.Location;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads {@code groups:} (cluster-manager categories: roles and settings shared by their nodes)
 * and {@code nodes:} (per-node overrides, like a node-level role in Bright) and merges them: a
 * node's {@code interfaces} and {@code fabrics} entries replace the group's entry for the same
 * physnet; its {@code roles} are added to the group's.
 */
final class NodeListReader {
  private static final Pattern RANGE = Pattern.compile("(.*?)(\\d+)\\.\\.(.*?)(\\d+)");
  private final YamlMap top;
  private final List<PhysicalNetwork> networks;

  NodeListReader(YamlMap top, List<PhysicalNetwork> networks) {
    this.top = top;
    this.networks = networks;
  }

  /** A node being assembled. */
  private static final class Draft {
    String name;
    String group;
    Set<Role> roles = EnumSet.noneOf(Role.class);
    Map<String, String> interfaces = new LinkedHashMap<>();
    Map<String, String> fabrics = new LinkedHashMap<>();
    List<Long> guids = new ArrayList<>();
    Location where;
  }

  List<Node> read() {
    YamlProblems problems = top.problems();
    Map<String, Draft> drafts = new LinkedHashMap<>();
    if (top.value("groups").isEmpty()) {
      problems.add(top.node(), "the description needs 'groups'",
          "add at least one group with roles and nodes");
    }
    int index = 0;
    for (org.snakeyaml.engine.v2.nodes.Node item : top.list("groups")) {
      Optional<YamlMap> gm = YamlMap.of(item, problems, "groups[" + index++ + "]");
      if (gm.isEmpty()) {
        continue;
      }
      YamlMap g = gm.get();
      g.rejectUnknown(List.of("name", "roles", "nodes", "interfaces", "fabrics"));
      String group = g.requiredString("name", "add `name: <category>`");
      Set<Role> roles = roles(g);
      Map<String, String> interfaces = mappings(g, "interfaces", false);
      Map<String, String> fabrics = mappings(g, "fabrics", true);
      for (ScalarNode n : g.scalars("nodes")) {
        for (String name : expand(n, problems)) {
          Draft d = new Draft();
          d.name = name;
          d.group = group;
          d.roles.addAll(roles);
          d.interfaces.putAll(interfaces);
          d.fabrics.putAll(fabrics);
          d.where = problems.where(n);
          Draft earlier = drafts.putIfAbsent(name, d);
          if (earlier != null) {
            problems.add(n, "node '" + name + "' is already in group '" + earlier.group + "' (at "
                + earlier.where + ")", "put each node in one group; use `nodes:` for exceptions");
          }
        }
      }
    }
    top.map("nodes").ifPresent(nodes -> overrides(nodes, drafts));
    List<Node> out = new ArrayList<>();
    for (Draft d : drafts.values()) {
      if (d.roles.contains(Role.COMPUTE) && d.fabrics.isEmpty()) {
        // A hypervisor binds every IB physnet to its PF unless the description says otherwise.
        String pf = top.map("ipoib").flatMap(m -> m.string("interface")).orElse("ib0");
        networks.stream().filter(PhysicalNetwork::isIb).forEach(n -> d.fabrics.put(n.name(), pf));
      }
      out.add(new Node(d.name, d.group, d.roles, d.interfaces, d.fabrics, d.guids, d.where));
    }
    return out;
  }

  private void overrides(YamlMap nodes, Map<String, Draft> drafts) {
    for (NodeTuple t : nodes.node().getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode key)) {
        continue;
      }
      Draft d = drafts.get(key.getValue());
      if (d == null) {
        nodes.problems().add(key, "node '" + key.getValue() + "' is in no group",
            "add it to a group's `nodes:` first; perhaps you meant '"
                + Suggest.closest(key.getValue(), drafts.keySet()) + "'");
        continue;
      }
      Optional<YamlMap> om = YamlMap.of(t.getValueNode(), nodes.problems(), "nodes." + d.name);
      if (om.isEmpty()) {
        continue;
      }
      YamlMap o = om.get();
      o.rejectUnknown(List.of("roles", "interfaces", "fabrics", "portGuids"));
      d.roles.addAll(roles(o));
      d.interfaces.putAll(mappings(o, "interfaces", false));
      d.fabrics.putAll(mappings(o, "fabrics", true));
      for (ScalarNode g : o.scalars("portGuids")) {
        parseGuid(g, o.problems()).ifPresent(d.guids::add);
      }
    }
  }

  private static Set<Role> roles(YamlMap m) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (ScalarNode n : m.scalars("roles")) {
      Optional<Role> r = Role.byName(n.getValue());
      if (r.isEmpty()) {
        List<String> names = java.util.Arrays.stream(Role.values()).map(Role::yamlName).toList();
        m.problems().add(n, "unknown role '" + n.getValue() + "'", "known roles: "
            + String.join(", ", names));
      } else {
        roles.add(r.get());
      }
    }
    return roles;
  }

  private Map<String, String> mappings(YamlMap m, String key, boolean ibOnly) {
    Map<String, String> out = new LinkedHashMap<>();
    Optional<YamlMap> mm = m.map(key);
    if (mm.isEmpty()) {
      return out;
    }
    for (NodeTuple t : mm.get().node().getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k) || !(t.getValueNode() instanceof ScalarNode v)) {
        m.problems().add(t.getKeyNode(), m.path() + "." + key + " maps a physnet to an interface",
            "write `physnet: interface`");
        continue;
      }
      Optional<PhysicalNetwork> net =
          networks.stream().filter(n -> n.name().equals(k.getValue())).findFirst();
      if (net.isEmpty()) {
        m.problems().add(k, "'" + k.getValue() + "' is not a declared physical network",
            "declare it under physicalNetworks; perhaps you meant '" + Suggest.closest(
                k.getValue(), networks.stream().map(PhysicalNetwork::name).toList()) + "'");
      } else if (ibOnly && !net.get().isIb()) {
        m.problems().add(k, "'" + k.getValue() + "' is not an InfiniBand network; only IB"
            + " physnets go to the mlnx agent and eswitchd", "move it to `interfaces`");
      }
      if (v.getValue().isBlank() || v.getValue().contains(":") || v.getValue().contains(",")) {
        m.problems().add(v, "interface name '" + v.getValue() + "' is not usable in a mapping",
            "write a plain interface name such as eth6 or ib0");
      }
      out.put(k.getValue(), v.getValue());
    }
    return out;
  }

  /** Expands {@code node002..node005} (zero padding kept) or returns the single name. */
  static List<String> expand(ScalarNode n, YamlProblems problems) {
    String text = n.getValue().trim();
    Matcher m = RANGE.matcher(text);
    if (!text.contains("..")) {
      return List.of(text);
    }
    if (!m.matches() || !m.group(1).equals(m.group(3))) {
      problems.add(n, "node range '" + text + "' is not like node002..node005", "");
      return List.of();
    }
    int from = Integer.parseInt(m.group(2));
    int to = Integer.parseInt(m.group(4));
    if (from > to || to - from > 100_000) {
      problems.add(n, "node range '" + text + "' is reversed or too large", "");
      return List.of();
    }
    int width = m.group(2).length();
    List<String> out = new ArrayList<>(to - from + 1);
    for (int i = from; i <= to; i++) {
      String num = Integer.toString(i);
      out.add(m.group(1) + "0".repeat(Math.max(0, width - num.length())) + num);
    }
    return out;
  }

  private static Optional<Long> parseGuid(ScalarNode g, YamlProblems problems) {
    String t = g.getValue().trim();
    if (!t.matches("0x[0-9a-fA-F]{1,16}")) {
      problems.add(g, "port GUID '" + t + "' is not 0x followed by up to 16 hex digits",
          "copy it from `ibstat` (Port GUID), e.g. 0x0002c90300001001");
      return Optional.empty();
    }
    long v = Long.parseUnsignedLong(t.substring(2), 16);
    if (v == 0) {
      problems.add(g, "port GUID 0 is not a port (OpenSM: bad PortGUID)", "");
      return Optional.empty();
    }
    return Optional.of(v);
  }
}
