package dev.rdmaforge.fabric.opensm;

import dev.rdmaforge.report.Location;
import java.util.ArrayList;
import java.util.List;

/**
 * One partition after OpenSM's merging: statements with the same PKey (or the same name and no
 * PKey) add their members to one partition, and the first name wins.
 */
public final class Partition {
  private final String name;
  private final int pkey;
  private final Location where;
  private final List<PortMember> members = new ArrayList<>();
  boolean ipoib;
  boolean broadcastRealisable = true;
  int mtu = 4;
  int rate = 3;
  int sl;
  Membership defmember = Membership.LIMITED;

  Partition(String name, int pkey, Location where) {
    this.name = name;
    this.pkey = pkey;
    this.where = where;
  }

  /** The first name given (may be empty). */
  public String name() {
    return name;
  }

  /** The 15-bit PKey (membership bit cleared), as OpenSM stores it. */
  public int pkey() {
    return pkey;
  }

  /** Where the partition is first defined. */
  public Location where() {
    return where;
  }

  /** Every port entry of every merged statement. */
  public List<PortMember> members() {
    return List.copyOf(members);
  }

  void add(PortMember m) {
    members.add(m);
  }

  /** Whether an IPoIB broadcast group is asked for. */
  public boolean ipoib() {
    return ipoib;
  }

  /** False if OpenSM cannot create the IPoIB broadcast group (bad mtu/rate). */
  public boolean broadcastRealisable() {
    return broadcastRealisable;
  }

  /** The service level in effect (before the qos override). */
  public int sl() {
    return sl;
  }

  /** The default membership of the statement that created the partition. */
  public Membership defmember() {
    return defmember;
  }

  /** The MTU enum of the broadcast group. */
  public int mtu() {
    return mtu;
  }

  /** The rate enum of the broadcast group. */
  public int rate() {
    return rate;
  }
}
