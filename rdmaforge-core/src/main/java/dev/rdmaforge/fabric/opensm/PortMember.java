package dev.rdmaforge.fabric.opensm;

import dev.rdmaforge.report.Location;

/**
 * One port entry of a partition statement, as OpenSM resolves it.
 *
 * @param selector ALL, ALL_CAS, ALL_SWITCHES, ALL_ROUTERS, SELF, or GUID
 * @param guid the port GUID when {@code selector} is GUID, else 0
 * @param membership the effective membership (suffix, else the statement's defmember)
 * @param where the entry's position
 */
public record PortMember(String selector, long guid, Membership membership, Location where) {
  /** The selector word for a single port. */
  public static final String GUID = "GUID";
}
