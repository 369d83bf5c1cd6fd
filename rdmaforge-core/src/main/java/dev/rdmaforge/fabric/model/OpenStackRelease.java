package dev.rdmaforge.fabric.model;

import java.util.Locale;
import java.util.Set;

/**
 * The OpenStack release the files are written for. Only Icehouse-era releases (before Mitaka,
 * when networking-mlnx renamed its ML2 driver from {@code mlnx} to {@code mlnx_infiniband} on
 * 2016-03-21) get the legacy names.
 *
 * @param name the release as the user wrote it ({@code icehouse}, {@code 2024.1}, ...)
 */
public record OpenStackRelease(String name) {
  private static final Set<String> LEGACY = Set.of("icehouse", "juno", "kilo", "liberty");

  /** The release these tools check against when nothing says otherwise. */
  public static final OpenStackRelease MODERN = new OpenStackRelease("2024.1");

  /** True for releases that use the Icehouse-era option and driver names. */
  public boolean legacy() {
    return LEGACY.contains(name.toLowerCase(Locale.ROOT));
  }

  /** The ML2 mechanism driver name networking-mlnx registers in this release. */
  public String mechanismDriver() {
    return legacy() ? "mlnx" : "mlnx_infiniband";
  }
}
