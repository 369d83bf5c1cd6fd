package dev.rdmaforge.fabric.yaml;

import dev.rdmaforge.fabric.model.DibImage;
import dev.rdmaforge.fabric.model.FabricDescription;
import dev.rdmaforge.fabric.model.IpoibSettings;
import dev.rdmaforge.fabric.model.KernelTarget;
import dev.rdmaforge.fabric.model.ModuleOptionSpec;
import dev.rdmaforge.fabric.model.NetworkKind;
import dev.rdmaforge.fabric.model.OpenStackRelease;
import dev.rdmaforge.fabric.model.PartitionPolicy;
import dev.rdmaforge.fabric.model.PhysicalNetwork;
import dev.rdmaforge.fabric.model.PortType;
import dev.rdmaforge.fabric.model.Sriov;
import dev.rdmaforge.fabric.model.VlanRange;
import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads a fabric description ({@code kind: Fabric}) from YAML. The YAML is composed, not
 * constructed, so every value keeps its line:column; every problem (syntax, unknown key, bad
 * value, inconsistent setting) is reported with its position in one {@link UserInputException}.
 *
 * <p>The format is documented in docs/fabric.md; examples/fabric/fabric.yaml is a full example.
 */
public final class FabricYamlReader {
  /** The only {@code apiVersion} this reader understands. */
  public static final String API_VERSION = "rdmaforge.dev/v1";

  static final List<String> TOP_KEYS =
      List.of(
          "apiVersion", "kind", "openstack", "physicalNetworks", "partitions", "ipoib", "sriov",
          "rdmaStack", "kernel", "image", "groups", "nodes");

  private FabricYamlReader() {}

  /** Reads and checks the description in {@code file}. */
  public static FabricDescription read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException ex) {
      throw new UserInputException(file + ": no such file; give the fabric description (YAML)");
    } catch (IOException ex) {
      throw new UserInputException(file + ": cannot read: " + ex.getMessage(), ex);
    }
    return parse(file.toString(), text);
  }

  /** Parses description text; {@code name} is used in messages. */
  public static FabricDescription parse(String name, String text) {
    Node root = YamlDocuments.compose(name, text, "see examples/fabric/fabric.yaml");
    YamlProblems problems = new YamlProblems(name);
    YamlMap top = YamlMap.of(root, problems, "").orElse(null);
    if (top == null) {
      problems.throwIfAny();
    }
    top.rejectUnknown(TOP_KEYS);
    String api = top.requiredString("apiVersion", "add `apiVersion: " + API_VERSION + "`");
    if (!api.isEmpty() && !api.equals(API_VERSION)) {
      problems.add(top.value("apiVersion").get(), "apiVersion '" + api + "' is not supported",
          "write `apiVersion: " + API_VERSION + "`");
    }
    String kind = top.requiredString("kind", "add `kind: Fabric`");
    if (!kind.isEmpty() && !kind.equals("Fabric")) {
      problems.add(top.value("kind").get(), "kind '" + kind + "' is not a fabric description",
          "write `kind: Fabric`");
    }
    OpenStackRelease release = release(top);
    List<PhysicalNetwork> networks = networks(top, problems);
    PartitionPolicy partitions = partitions(top);
    IpoibSettings ipoib = ipoib(top);
    Sriov sriov = SriovReader.read(top);
    String stack = top.string("rdmaStack").orElse("inbox");
    if (!stack.equals("inbox") && !stack.equals("mlnx-ofed")) {
      problems.add(top.value("rdmaStack").get(), "rdmaStack '" + stack + "' is unknown",
          "write `inbox` (rdma-core, /etc/rdma) or `mlnx-ofed` (openib.conf)");
    }
    Optional<KernelTarget> kernel = top.map("kernel").map(FabricYamlReader::kernel);
    Optional<DibImage> image = top.map("image").map(FabricYamlReader::image);
    var nodes = new NodeListReader(top, networks).read();
    FabricDescription d =
        new FabricDescription(name, release, networks, partitions, ipoib, sriov, stack, kernel,
            image, nodes);
    new DescriptionChecks(top, d).run();
    problems.throwIfAny();
    return d;
  }

  private static OpenStackRelease release(YamlMap top) {
    Optional<YamlMap> os = top.map("openstack");
    if (os.isEmpty()) {
      return OpenStackRelease.MODERN;
    }
    os.get().rejectUnknown(List.of("release"));
    return os.get().string("release").map(r -> new OpenStackRelease(r.toLowerCase(Locale.ROOT)))
        .orElse(OpenStackRelease.MODERN);
  }

  private static List<PhysicalNetwork> networks(YamlMap top, YamlProblems problems) {
    List<PhysicalNetwork> out = new ArrayList<>();
    if (top.value("physicalNetworks").isEmpty()) {
      problems.add(top.node(), "the description needs 'physicalNetworks'",
          "list at least one network: `- {name: ibhostnet, kind: ib, vlanRange: \"1:10\"}`");
    }
    for (Node item : top.list("physicalNetworks")) {
      YamlMap m = YamlMap.of(item, problems, "physicalNetworks[" + out.size() + "]").orElse(null);
      if (m == null) {
        continue;
      }
      m.rejectUnknown(List.of("name", "kind", "vlanRange"));
      String name = m.requiredString("name", "add `name: <physnet>`");
      String kindText = m.requiredString("kind", "add `kind: ib` or `kind: ethernet`");
      NetworkKind kind = NetworkKind.ETHERNET;
      if (kindText.equals("ib")) {
        kind = NetworkKind.IB;
      } else if (!kindText.equals("ethernet") && !kindText.isEmpty()) {
        problems.add(m.value("kind").get(), "kind '" + kindText + "' is unknown",
            "write `ib` or `ethernet`");
      }
      Optional<VlanRange> range = Optional.empty();
      if (m.value("vlanRange").isPresent()) {
        range = vlanRange(m);
      } else if (kind == NetworkKind.IB) {
        problems.add(item, "InfiniBand network '" + name + "' has no vlanRange",
            "give it a vlanRange: each id becomes a partition (PKey = id)");
      }
      if (!name.isEmpty()) {
        out.add(new PhysicalNetwork(name, kind, range, problems.where(item)));
      }
    }
    return out;
  }

  private static Optional<VlanRange> vlanRange(YamlMap m) {
    String text = m.string("vlanRange").orElse("");
    Node at = m.value("vlanRange").get();
    String[] parts = text.split(":", -1);
    try {
      if (parts.length == 2) {
        return Optional.of(
            new VlanRange(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())));
      }
    } catch (IllegalArgumentException ex) {
      // reported below
    }
    m.problems().add(at, "vlanRange '" + text + "' is not min:max with 1 <= min <= max <= 4094",
        "write it as Neutron does, e.g. \"1:10\" (quoted, so YAML keeps it a string)");
    return Optional.empty();
  }

  private static PartitionPolicy partitions(YamlMap top) {
    Optional<YamlMap> p = top.map("partitions");
    if (p.isEmpty()) {
      return PartitionPolicy.DEFAULT;
    }
    YamlMap m = p.get();
    m.rejectUnknown(List.of("ipoib", "mtu", "rate", "sl", "managementName", "pkeyTableSize", "qos"));
    PartitionPolicy d = PartitionPolicy.DEFAULT;
    return new PartitionPolicy(
        m.bool("ipoib", d.ipoib()),
        m.integer("mtu", d.mtu(), 1, 5),
        m.integer("rate", d.rate(), 2, 18),
        m.integer("sl", d.sl(), 0, 15),
        m.string("managementName").orElse(d.managementName()),
        m.integer("pkeyTableSize", d.pkeyTableSize(), 2, 65536),
        m.bool("qos", d.qos()));
  }

  private static IpoibSettings ipoib(YamlMap top) {
    Optional<YamlMap> p = top.map("ipoib");
    if (p.isEmpty()) {
      return IpoibSettings.DEFAULT;
    }
    YamlMap m = p.get();
    m.rejectUnknown(List.of("interface", "connectedMode", "mtu", "style"));
    IpoibSettings d = IpoibSettings.DEFAULT;
    boolean connected = m.bool("connectedMode", d.connectedMode());
    int max = connected ? IpoibSettings.MAX_CONNECTED_MTU : IpoibSettings.MAX_DATAGRAM_MTU;
    int mtu = m.integer("mtu", Math.min(d.mtu(), max), 576, max);
    String style = m.string("style").orElse(d.style());
    if (!style.equals("ifcfg") && !style.equals("keyfile")) {
      m.problems().add(m.value("style").get(), "ipoib.style '" + style + "' is unknown",
          "write `ifcfg` (network-scripts) or `keyfile` (NetworkManager)");
    }
    return new IpoibSettings(m.string("interface").orElse(d.interfaceName()), connected, mtu,
        style);
  }

  private static KernelTarget kernel(YamlMap m) {
    m.rejectUnknown(List.of("release", "modules", "options"));
    String release = m.requiredString("release", "add `release: <uname -r of the target>`");
    // A relative module tree is relative to the description, so a checked-in description works
    // from any working directory.
    Optional<Path> modules = m.string("modules").map(Path::of).map(p -> p.isAbsolute() ? p
        : Path.of(m.problems().file()).toAbsolutePath().getParent().resolve(p).normalize());
    List<ModuleOptionSpec> options = new ArrayList<>();
    m.map("options").ifPresent(o -> {
      for (NodeTuple mod : o.node().getValue()) {
        if (!(mod.getKeyNode() instanceof ScalarNode module)) {
          continue;
        }
        YamlMap params = YamlMap.of(mod.getValueNode(), m.problems(),
            "kernel.options." + module.getValue()).orElse(null);
        if (params == null) {
          continue;
        }
        for (NodeTuple p : params.node().getValue()) {
          if (p.getKeyNode() instanceof ScalarNode name
              && p.getValueNode() instanceof ScalarNode value) {
            options.add(new ModuleOptionSpec(module.getValue(), name.getValue(), value.getValue(),
                m.problems().where(value)));
          } else {
            m.problems().add(p.getKeyNode(), "kernel.options." + module.getValue()
                + " maps a parameter to one value", "write `parameter: value`");
          }
        }
      }
    });
    return new KernelTarget(release, modules, options);
  }

  private static DibImage image(YamlMap m) {
    m.rejectUnknown(List.of("name", "ofedVersion", "repo", "packages", "deleteRepo"));
    List<String> packages = new ArrayList<>();
    for (ScalarNode s : m.scalars("packages")) {
      packages.add(s.getValue());
    }
    if (packages.isEmpty()) {
      packages = List.of("mlnx-ofed-hypervisor", "mlnx-fw-updater");
    }
    return new DibImage(
        m.string("name").orElse("overcloud-full"),
        m.requiredString("ofedVersion", "add `ofedVersion: \"4.0-2\"` (DIB_MLNX_OFED_VERSION)"),
        m.requiredString("repo", "add `repo: <URL of the unpacked MLNX_OFED repository>`"),
        packages,
        m.bool("deleteRepo", false));
  }

  /** Parses a port type word. */
  static Optional<PortType> portType(String s) {
    switch (s.toLowerCase(Locale.ROOT)) {
      case "ib":
        return Optional.of(PortType.IB);
      case "eth":
      case "ethernet":
        return Optional.of(PortType.ETH);
      case "auto":
        return Optional.of(PortType.AUTO);
      default:
        return Optional.empty();
    }
  }
}
