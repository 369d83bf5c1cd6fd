package dev.rdmaforge.fabric.validate;

import static dev.rdmaforge.fabric.rules.FabricRule.LEGACY_OPTION;
import static dev.rdmaforge.fabric.rules.FabricRule.NOVA_DEVICE_SPEC;

import dev.rdmaforge.fabric.ini.IniEntry;
import dev.rdmaforge.fabric.ini.IniFile;
import dev.rdmaforge.fabric.model.OpenStackRelease;
import dev.rdmaforge.report.Finding;
import dev.rdmaforge.report.Location;
import dev.rdmaforge.report.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * nova.conf: {@code [pci] device_spec} as {@code nova.pci.whitelist.Whitelist} reads it (JSON
 * objects; vendor_id and product_id hex), and the options nova 26 no longer has.
 */
final class NovaChecks {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private NovaChecks() {}

  static void run(IniFile f, OpenStackRelease release, Set<String> ib,
      List<Map.Entry<String, Location>> uses, List<Finding> out) {
    boolean modern = !release.legacy();
    List<IniEntry> specs = new ArrayList<>();
    for (IniEntry e : f.entries()) {
      boolean spec = (e.section().equals("pci")
          && (e.key().equals("device_spec") || e.key().equals("passthrough_whitelist")))
          || (e.section().equals("DEFAULT") && e.key().equals("pci_passthrough_whitelist"));
      if (spec) {
        specs.add(e);
      }
      if (modern && e.section().equals("libvirt") && e.key().equals("vif_driver")) {
        out.add(LEGACY_OPTION.at(e.keyAt(), "[libvirt] vif_driver was removed from nova; "
            + "nova " + release.name() + " plugs ib_hostdev VIFs itself", "remove it"));
      }
      if (modern && !e.key().equals("device_spec") && spec) {
        out.add(LEGACY_OPTION.at(Severity.WARNING, e.keyAt(), e.label()
            + " is the old name of [pci] device_spec", "write it as [pci] device_spec"));
      }
    }
    boolean mellanox = false;
    for (IniEntry e : specs) {
      JsonNode root;
      try {
        root = JSON.readTree(e.value());
      } catch (JacksonException ex) {
        out.add(NOVA_DEVICE_SPEC.at(e.valueAt(), "device_spec is not JSON: "
            + ex.getOriginalMessage() + " (nova: Invalid [pci]device_spec config)",
            "write {\"vendor_id\": \"15b3\", \"product_id\": \"1004\", \"physical_network\": \"...\"}"));
        continue;
      }
      List<JsonNode> items = new ArrayList<>();
      if (root.isArray()) {
        root.forEach(items::add);
      } else {
        items.add(root);
      }
      for (JsonNode spec : items) {
        if (!spec.isObject()) {
          out.add(NOVA_DEVICE_SPEC.at(e.valueAt(), "device_spec entry is not a JSON object",
              "write one {...} per device_spec line"));
          continue;
        }
        for (String key : List.of("vendor_id", "product_id")) {
          JsonNode v = spec.get(key);
          if (v != null && !v.asString().matches("[0-9a-fA-F]{1,4}|\\*")) {
            out.add(NOVA_DEVICE_SPEC.at(e.valueAt(), "property " + key + " ('" + v.asString()
                + "') does not parse as a hex number (nova: PciConfigInvalidSpec)",
                "write the 4-digit PCI id, e.g. 15b3"));
          }
        }
        JsonNode vendor = spec.get("vendor_id");
        if (vendor != null && vendor.asString().equalsIgnoreCase("15b3")) {
          mellanox = true;
        }
        JsonNode net = spec.get("physical_network");
        if (net != null && !net.isNull()) {
          uses.add(Map.entry(net.asString(), e.valueAt()));
          ib.add(net.asString());
        }
      }
    }
    if (!specs.isEmpty() && !mellanox) {
      out.add(NOVA_DEVICE_SPEC.at(specs.get(0).valueAt(), "no device_spec matches Mellanox"
          + " (vendor 15b3) VFs: nova cannot give instances an IB VF",
          "add {\"vendor_id\": \"15b3\", \"product_id\": \"1004\", \"physical_network\": ...}"));
    }
  }
}
