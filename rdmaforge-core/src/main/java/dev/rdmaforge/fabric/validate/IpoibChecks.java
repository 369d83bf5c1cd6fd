package dev.rdmaforge.fabric.validate;

import static dev.rdmaforge.fabric.rules.FabricRule.INI_UNKNOWN;
import static dev.rdmaforge.fabric.rules.FabricRule.IPOIB_INTERFACE;

import dev.rdmaforge.fabric.host.KeyFile;
import dev.rdmaforge.fabric.host.KeyFileParser;
import dev.rdmaforge.fabric.host.ShellFile;
import dev.rdmaforge.fabric.host.ShellFileParser;
import dev.rdmaforge.fabric.model.IpoibSettings;
import dev.rdmaforge.fabric.yaml.Suggest;
import dev.rdmaforge.report.Finding;
import dev.rdmaforge.report.Location;
import dev.rdmaforge.report.Severity;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hosts' IPoIB interface files. ifcfg-ib*: sourced by the network scripts (rdma-core's
 * ifup-ib writes {@code connected} to the interface's mode only for {@code CONNECTED_MODE=yes})
 * and read by NetworkManager's ifcfg-rh; the key list is a schema check, nothing here runs those
 * scripts. NetworkManager keyfiles: read as GLib and libnm read them ({@code transport-mode} is
 * required; an MTU above 65520 is lowered). Both: the MTU the kernel's ib_ipoib accepts, at
 * most 65520 in connected mode and 4092 (a 4K IB MTU less the IPoIB header) in datagram mode.
 */
final class IpoibChecks {
  /** Keys the network scripts and ifcfg-rh read for an InfiniBand interface (schema check). */
  private static final List<String> IFCFG_KEYS = List.of("DEVICE", "TYPE", "ONBOOT", "BOOTPROTO",
      "IPADDR", "PREFIX", "NETMASK", "GATEWAY", "BROADCAST", "NETWORK", "MTU", "CONNECTED_MODE",
      "PKEY", "PKEY_ID", "PHYSDEV", "NM_CONTROLLED", "HWADDR", "NAME", "UUID", "USERCTL",
      "IPV6INIT", "IPV6_AUTOCONF", "IPV6ADDR", "DEFROUTE", "PEERDNS", "DNS1", "DNS2", "DOMAIN",
      "ZONE", "IPV4_FAILURE_FATAL");
  /** Properties of NetworkManager's [infiniband] setting (libnm 1.42). */
  private static final List<String> INFINIBAND_KEYS =
      List.of("mac-address", "mtu", "transport-mode", "p-key", "parent");

  private IpoibChecks() {}

  static void run(ParsedFabric p, List<Finding> out) {
    p.other(FileKind.IFCFG).forEach(f -> ifcfg(f, out));
    p.other(FileKind.KEYFILE).forEach(f -> keyfile(f, out));
  }

  private static void ifcfg(InputFile f, List<Finding> out) {
    ShellFile sh = ShellFileParser.parse(f.display(), f.text());
    for (ShellFile.Note n : sh.notes()) {
      if (n.command()) {
        out.add(IPOIB_INTERFACE.at(n.where(), "the network scripts source this file and run '"
            + n.word() + "' as a command; the assignments before it on the line are lost",
            "quote values that contain blanks"));
      }
    }
    Map<String, ShellFile.Assignment> vars = sh.variables();
    for (ShellFile.Assignment a : vars.values()) {
      if (!IFCFG_KEYS.contains(a.name())) {
        String near = Suggest.closest(a.name(), IFCFG_KEYS);
        out.add(INI_UNKNOWN.at(a.where(), "ifcfg key " + a.name() + " is not read for an"
            + " InfiniBand interface (schema check: initscripts/ifcfg-rh keys)",
            near.isEmpty() ? "remove it" : "perhaps you meant " + near));
      }
    }
    Optional<ShellFile.Assignment> mode = Optional.ofNullable(vars.get("CONNECTED_MODE"));
    boolean connected = mode.map(a -> a.value().equals("yes")).orElse(false);
    mode.filter(a -> !a.value().equals("yes") && !a.value().equals("no")).ifPresent(a ->
        out.add(IPOIB_INTERFACE.at(a.valueAt(), "CONNECTED_MODE=" + a.value() + ": ifup-ib"
            + " switches to connected mode only for exactly 'yes' (NetworkManager's ifcfg-rh"
            + " reads it as a boolean), so the two disagree", "write yes or no")));
    Optional.ofNullable(vars.get("MTU")).ifPresent(a -> mtu(a.value(), connected, a.valueAt(),
        "CONNECTED_MODE=yes", out));
  }

  private static void keyfile(InputFile f, List<Finding> out) {
    KeyFile k = KeyFileParser.parse(f.display(), f.text());
    for (KeyFile.Error e : k.errors()) {
      out.add(IPOIB_INTERFACE.at(e.where(), "NetworkManager cannot load the file (GLib: "
          + e.message() + ") and ignores the connection", "fix the line"));
    }
    if (!k.errors().isEmpty()) {
      return;
    }
    Optional<KeyFile.Entry> type = k.get("connection", "type");
    if (type.isEmpty() || !type.get().value().equals("infiniband")) {
      if (k.groups().containsKey("infiniband")) {
        out.add(IPOIB_INTERFACE.at(type.map(KeyFile.Entry::where).orElse(Location.of(f.display())),
            "[connection] type is " + type.map(KeyFile.Entry::value).orElse("missing")
                + " but the file has an [infiniband] setting: NetworkManager does not bring it"
                + " up as IPoIB", "write type=infiniband"));
      }
      return;
    }
    Map<String, KeyFile.Entry> ib = k.groups().getOrDefault("infiniband", Map.of());
    ib.forEach((key, e) -> {
      if (!INFINIBAND_KEYS.contains(key)) {
        String near = Suggest.closest(key, INFINIBAND_KEYS);
        out.add(INI_UNKNOWN.at(e.where(), "[infiniband] " + key + " is no NetworkManager"
            + " property; it is ignored", near.isEmpty() ? "remove it" : "perhaps you meant "
                + near));
      }
    });
    KeyFile.Entry mode = ib.get("transport-mode");
    if (mode == null || (!mode.value().equals("datagram") && !mode.value().equals("connected"))) {
      out.add(IPOIB_INTERFACE.at(mode == null ? Location.of(f.display()) : mode.where(),
          "NetworkManager refuses the connection: infiniband.transport-mode: property is invalid ("
              + (mode == null ? "missing" : "'" + mode.value() + "'") + ")",
          "write transport-mode=connected (or datagram) in [infiniband]"));
      return;
    }
    KeyFile.Entry mtu = ib.get("mtu");
    if (mtu != null) {
      mtu(mtu.value(), mode.value().equals("connected"), mtu.where(), "transport-mode=connected",
          out);
    }
  }

  private static void mtu(String value, boolean connected, Location at, String modeWord,
      List<Finding> out) {
    long mtu;
    try {
      mtu = Long.parseLong(value.strip());
    } catch (NumberFormatException ex) {
      out.add(IPOIB_INTERFACE.at(at, "MTU '" + value + "' is not a number; it is ignored and"
          + " the interface keeps its default MTU", "write a number"));
      return;
    }
    if (connected && mtu > IpoibSettings.MAX_CONNECTED_MTU) {
      out.add(IPOIB_INTERFACE.at(Severity.WARNING, at, "MTU " + mtu + " is above ib_ipoib's"
          + " connected-mode maximum " + IpoibSettings.MAX_CONNECTED_MTU + " (NetworkManager lowers"
          + " it; ip link set refuses it)", "write " + IpoibSettings.MAX_CONNECTED_MTU));
    } else if (!connected && mtu > IpoibSettings.MAX_DATAGRAM_MTU) {
      out.add(IPOIB_INTERFACE.at(at, "MTU " + mtu + " in datagram mode: ib_ipoib refuses more"
          + " than " + IpoibSettings.MAX_DATAGRAM_MTU + " (4K IB MTU less the 4-byte IPoIB header;"
          + " ip link: Invalid argument), so the interface keeps its old MTU", "set " + modeWord
              + " or an MTU of at most " + IpoibSettings.MAX_DATAGRAM_MTU));
    } else if (mtu < 72) {
      out.add(IPOIB_INTERFACE.at(at, "MTU " + mtu + " is below ib_ipoib's minimum 72",
          "write 2044 (datagram on a 2K fabric) or more"));
    }
  }
}
