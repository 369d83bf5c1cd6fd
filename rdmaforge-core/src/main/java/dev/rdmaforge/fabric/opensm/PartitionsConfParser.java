package dev.rdmaforge.fabric.opensm;

import static dev.rdmaforge.fabric.rules.FabricRule.ABBREVIATED;
import static dev.rdmaforge.fabric.rules.FabricRule.BAD_FLAG_VALUE;
import static dev.rdmaforge.fabric.rules.FabricRule.DEFAULT_MISSING;
import static dev.rdmaforge.fabric.rules.FabricRule.GUID_FORMAT;
import static dev.rdmaforge.fabric.rules.FabricRule.LINE_TOO_LONG;
import static dev.rdmaforge.fabric.rules.FabricRule.MGID_INVALID;
import static dev.rdmaforge.fabric.rules.FabricRule.MGID_SWALLOWS;
import static dev.rdmaforge.fabric.rules.FabricRule.MISSING_SEMICOLON;
import static dev.rdmaforge.fabric.rules.FabricRule.PARTITIONS_EMPTY;
import static dev.rdmaforge.fabric.rules.FabricRule.PARTITIONS_FATAL;
import static dev.rdmaforge.fabric.rules.FabricRule.PKEY_DUPLICATE;
import static dev.rdmaforge.fabric.rules.FabricRule.PKEY_RANGE;
import static dev.rdmaforge.fabric.rules.FabricRule.PKEY_TABLE_FULL;
import static dev.rdmaforge.fabric.rules.FabricRule.PORT_FLAG;
import static dev.rdmaforge.fabric.rules.FabricRule.UNKNOWN_FLAG;

import dev.rdmaforge.report.Finding;
import dev.rdmaforge.report.Location;
import dev.rdmaforge.report.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads partitions.conf the way OpenSM 3.3.23 ({@code osm_prtn_config.c}) does, and reports with
 * line:column everything OpenSM rejects, skips or silently changes.
 *
 * <p>The behaviour it follows: lines are read into a 4096-byte buffer (longer lines are split and
 * the rest read as a new line); {@code #} starts a comment; {@code ;} ends a statement and
 * statements may span lines; keywords match by prefix ({@code ip} is {@code ipoib}); only blank,
 * tab and newline are white space (a CR is part of a word); PKeys are {@code strtoul(.., 0)} cast
 * to 16 bits with the 0x8000 bit cleared; statements with one PKey merge; {@code mgid=} reads the
 * rest of the statement on its line as group flags; a fatal error makes OpenSM discard the whole
 * file and fall back to "every port full in Default" while still exiting 0.
 */
public final class PartitionsConfParser {
  /** fgets(line, sizeof(line) - 1) into char line[4096]: 4094 characters per read. */
  public static final int MAX_LINE = 4094;

  private static final List<String> GROUP_FLAGS =
      List.of("mtu", "rate", "scope", "Q_Key", "TClass", "sl", "FlowLabel");
  private static final List<String> PORT_WORDS =
      List.of("ALL", "ALL_CAS", "ALL_SWITCHES", "ALL_ROUTERS", "SELF");

  private final String file;
  private final int pkeyTableSize;
  private final List<Finding> findings = new ArrayList<>();
  private final Map<Integer, Partition> partitions = new LinkedHashMap<>();
  private boolean discarded;
  private boolean usesBoth;
  private boolean explicitDefault;
  private int statements;
  private Statement current;

  /** The header state of the statement being read (OpenSM's {@code struct part_conf}). */
  private static final class Statement {
    Partition partition;
    Membership defmember = Membership.LIMITED;
    boolean ipoib;
    int mtu = 4;
    int rate = 3;
    int sl;
    boolean skipToEnd;
    Location where;
  }

  private PartitionsConfParser(String file, int pkeyTableSize) {
    this.file = file;
    this.pkeyTableSize = pkeyTableSize;
  }

  /** Parses with a PKey table of 128 entries (ConnectX-3). */
  public static PartitionsConf parse(String file, String text) {
    return parse(file, text, 128);
  }

  /** Parses; {@code pkeyTableSize} is the smallest PKey table among the fabric's ports. */
  public static PartitionsConf parse(String file, String text, int pkeyTableSize) {
    PartitionsConfParser p = new PartitionsConfParser(file, pkeyTableSize);
    p.partitions.put(PartitionsConf.DEFAULT_PKEY,
        new Partition("Default", PartitionsConf.DEFAULT_PKEY, Location.of(file)));
    p.run(text);
    return new PartitionsConf(file, List.copyOf(p.partitions.values()), List.copyOf(p.findings),
        p.discarded, p.usesBoth);
  }

  private void run(String text) {
    String[] lines = text.split("\n", -1);
    int count = text.endsWith("\n") ? lines.length - 1 : lines.length;
    for (int ln = 0; ln < count; ln++) {
      String line = lines[ln];
      if (line.length() > MAX_LINE) {
        add(LINE_TOO_LONG.at(Location.at(file, ln + 1, MAX_LINE + 1), "line " + (ln + 1) + " has "
            + line.length() + " characters; OpenSM reads 4094 at a time and parses the rest as a"
            + " new line (PARSE ERROR: bad PortGUID, or a lost port)",
            "break the port list over several lines: a newline separates port entries"));
      }
      for (int off = 0; off == 0 || off < line.length(); off += MAX_LINE) {
        chunk(line.substring(off, Math.min(line.length(), off + MAX_LINE)), ln + 1, off);
      }
    }
    if (current != null && !current.skipToEnd) {
      add(MISSING_SEMICOLON.at(current.where, "the last statement has no ';'; OpenSM accepts it,"
          + " but appending to the file would continue this statement", "end it with ';'"));
    }
    finish();
  }

  private void chunk(String chunk, int line, int offset) {
    int hash = chunk.indexOf('#');
    String s = hash >= 0 ? chunk.substring(0, hash) : chunk;
    int pos = 0;
    while (true) {
      pos = skipBlanks(s, pos);
      if (pos >= s.length()) {
        return;
      }
      int semi = s.indexOf(';', pos);
      int end = semi >= 0 ? semi : s.length();
      if (current == null) {
        current = new Statement();
        current.where = at(line, offset + pos);
      }
      if (!current.skipToEnd) {
        segment(s, pos, end, line, offset);
      }
      if (semi < 0) {
        return;
      }
      current = null;
      pos = semi + 1;
    }
  }

  private void segment(String s, int from, int end, int line, int offset) {
    int bodyStart = from;
    if (current.partition == null) {
      int colon = s.indexOf(':', from);
      if (colon < 0 || colon > end) {
        String what = s.substring(from, end);
        fatal(line, offset + from, "PARSE ERROR: line " + line + ": no partition definition found"
            + (what.contains("\r") ? " (a carriage return: the file has Windows line endings)" : ""),
            what.contains("\r") ? "convert the file to Unix line endings (dos2unix)"
                : "write `name=0xPKEY, flags : members ;`");
        return;
      }
      if (!header(s, from, colon, line, offset)) {
        return;
      }
      bodyStart = colon + 1;
    }
    body(s, bodyStart, end, line, offset);
  }

  private boolean header(String s, int from, int colon, int line, int offset) {
    List<Token> tokens = Token.split(s, from, colon);
    Token first = tokens.get(0);
    String name = first.name();
    String id = first.value();
    for (Token flag : tokens.subList(1, tokens.size())) {
      flag(flag, line, offset);
    }
    if (id == null && !name.isEmpty() && Character.isDigit(name.charAt(0))) {
      id = name;
      name = "";
    }
    Location where = at(line, offset + first.start());
    Partition p;
    if (id != null) {
      CNumber n = CNumber.parse(id);
      if (!n.whole(id)) {
        fatal(line, offset + first.start(), "PARSE ERROR: line " + line
            + ": bad partition definition ('" + id + "' is not a number)",
            "write the PKey as 0x followed by hex digits, e.g. 0x0001");
        return false;
      }
      int pkey16 = (int) (n.value() & 0xffff);
      if (Long.compareUnsigned(n.value(), 0xffff) > 0) {
        add(PKEY_RANGE.at(where, "PKey " + id + " does not fit 16 bits; OpenSM silently uses 0x"
            + hex4(pkey16), "use a PKey of 0x0001..0x7ffe"));
      } else if ((pkey16 & 0x8000) != 0) {
        add(PKEY_RANGE.at(Severity.WARNING, where, "PKey " + id + " has the 0x8000 (membership)"
            + " bit set; OpenSM clears it, so this is partition 0x" + hex4(pkey16 & 0x7fff),
            "write 0x" + hex4(pkey16 & 0x7fff) + " and choose membership with defmember or =full"));
      }
      int pkey = pkey16 & 0x7fff;
      if (pkey == 0) {
        p = autoAssign(name, where);
      } else {
        p = merge(name, pkey, where);
      }
    } else {
      p = autoAssign(name, where);
    }
    if (current.ipoib) {
      p.ipoib = true;
      p.mtu = current.mtu;
      p.rate = current.rate;
      p.broadcastRealisable = current.mtu >= 1 && current.mtu <= 5 && current.rate >= 2
          && current.rate <= 18;
      if (!p.broadcastRealisable) {
        add(BAD_FLAG_VALUE.at(where, "mtu=" + current.mtu + ", rate=" + current.rate
            + " cannot be realised: OpenSM sets the PKeys but creates no IPoIB broadcast group"
            + " (ERR 1B26), so IPoIB on this partition never comes up",
            "use mtu 1..5 (4 = 2048, 5 = 4096) and a rate the links support (3 = 10 Gb/s)"));
      }
    }
    p.sl = current.sl;
    p.defmember = current.defmember;
    current.partition = p;
    statements++;
    return true;
  }

  private Partition autoAssign(String name, Location where) {
    if (!name.isEmpty()) {
      for (Partition p : partitions.values()) {
        if (p.name().equals(name)) {
          if (p.pkey() == PartitionsConf.DEFAULT_PKEY) {
            explicitDefault = true;
          }
          return p;
        }
      }
    }
    int pkey = 1;
    while (partitions.containsKey(pkey)) {
      pkey++;
    }
    add(PKEY_RANGE.at(Severity.WARNING, where, "no PKey given: OpenSM assigns 0x" + hex4(pkey)
        + " itself, which need not match a Neutron segmentation id",
        "give the PKey explicitly (name=0xID)"));
    Partition p = new Partition(name, pkey, where);
    partitions.put(pkey, p);
    return p;
  }

  private Partition merge(String name, int pkey, Location where) {
    Partition existing = partitions.get(pkey);
    if (existing == null) {
      Partition p = new Partition(name, pkey, where);
      partitions.put(pkey, p);
      return p;
    }
    if (pkey == PartitionsConf.DEFAULT_PKEY) {
      explicitDefault = true;
    } else if (!existing.name().equals(name)) {
      add(PKEY_DUPLICATE.at(where, "'" + name + "' repeats PKey 0x" + hex4(pkey) + " of '"
          + existing.name() + "' (" + existing.where() + "); OpenSM merges their members under"
          + " the first name", "give each partition its own PKey"));
    }
    return existing;
  }

  private void flag(Token t, int line, int offset) {
    String flag = t.name();
    String val = t.value();
    Location where = at(line, offset + t.start());
    Optional<String> group = prefixMatch(flag, GROUP_FLAGS);
    if (group.isPresent()) {
      abbreviated(flag, group.get(), where);
      groupFlag(group.get(), val, where, true);
      return;
    }
    Optional<String> word = prefixMatch(flag, List.of("ipoib", "defmember", "indx0"));
    if (word.isEmpty()) {
      add(UNKNOWN_FLAG.at(where, "unrecognized partition flag '" + flag + "': OpenSM ignores it"
          + " (reported only at -D 0x07)", "known flags: ipoib, indx0, defmember=full|limited|both,"
          + " mtu, rate, sl, scope, Q_Key, TClass, FlowLabel"));
      return;
    }
    abbreviated(flag, word.get(), where);
    switch (word.get()) {
      case "ipoib" -> current.ipoib = true;
      case "defmember" -> {
        Optional<String> m =
            val == null ? Optional.empty() : prefixMatch(val, List.of("limited", "both", "full"));
        if (m.isEmpty()) {
          add(UNKNOWN_FLAG.at(where, "defmember=" + (val == null ? "" : val) + " is not limited,"
              + " full or both: OpenSM skips it and members stay LIMITED", "write defmember=full"));
        } else {
          abbreviated(val, m.get(), where);
          current.defmember = Membership.valueOf(m.get().toUpperCase(java.util.Locale.ROOT));
          if (current.defmember == Membership.BOTH) {
            usesBoth = true;
          }
        }
      }
      default -> {
        // indx0: position in the PKey table, nothing to check
      }
    }
  }

  /** Applies a group flag; returns silently after reporting a bad value. */
  private void groupFlag(String flag, String val, Location where, boolean partitionLevel) {
    CNumber n = val == null ? new CNumber(0, 0, false, false) : CNumber.parse(val);
    boolean junk = val != null && n.digits() && !n.whole(val);
    long v = n.value();
    String bad = null;
    switch (flag) {
      case "mtu" -> {
        if (v == 0) {
          bad = "requires valid value - skipped";
        } else if (partitionLevel) {
          current.mtu = (int) Math.min(v, Integer.MAX_VALUE);
        }
      }
      case "rate" -> {
        if (v == 0) {
          bad = "requires valid value - skipped";
        } else if (partitionLevel) {
          current.rate = (int) Math.min(v, Integer.MAX_VALUE);
        }
      }
      case "scope" -> {
        if (v == 0 || Long.compareUnsigned(v, 15) > 0) {
          bad = "requires a value 1..15 - skipped";
        }
      }
      case "sl" -> {
        if (val == null || val.isEmpty() || Long.compareUnsigned(v, 15) > 0 || junk) {
          bad = "requires a value 0..15 - skipped";
          junk = false;
        } else if (partitionLevel) {
          current.sl = (int) v;
        }
      }
      case "FlowLabel" -> {
        if (val == null || val.isEmpty() || Long.compareUnsigned(v, 0xFFFFF) > 0 || junk) {
          bad = "requires a value up to 0xFFFFF - skipped";
          junk = false;
        }
      }
      default -> {
        if (v == 0) {
          bad = "requires a non-zero value - using 0";
        }
      }
    }
    if (bad != null) {
      add(BAD_FLAG_VALUE.at(where, "flag '" + flag + "' " + bad + " (value '"
          + (val == null ? "" : val) + "')", "give " + flag + " a valid value or drop it"));
    } else if (junk) {
      add(BAD_FLAG_VALUE.at(Severity.WARNING, where, "flag '" + flag + "=" + val + "': OpenSM"
          + " reads only the leading number", "remove the trailing text"));
    }
  }

  private void body(String s, int from, int end, int line, int offset) {
    List<Token> tokens = Token.split(s, from, end);
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.name().equals("mgid")) {
        mgroup(t, tokens.subList(i + 1, tokens.size()), line, offset);
        return;
      }
      port(t, line, offset);
      if (discarded && current.skipToEnd) {
        return;
      }
    }
  }

  private void port(Token t, int line, int offset) {
    String name = t.name();
    Location where = at(line, offset + t.start());
    if (name.isEmpty()) {
      return;
    }
    if ("NONE".startsWith(name)) {
      abbreviated(name, "NONE", where);
      return;
    }
    Membership m = current.defmember;
    if (t.value() != null) {
      Optional<String> word = prefixMatch(t.value(), List.of("full", "both", "limited"));
      if (word.isEmpty()) {
        add(PORT_FLAG.at(where, "unrecognized port flag '" + t.value() + "': OpenSM assumes"
            + " limited", "write =full, =limited or =both"));
        m = Membership.LIMITED;
      } else {
        abbreviated(t.value(), word.get(), where);
        m = Membership.valueOf(word.get().toUpperCase(java.util.Locale.ROOT));
      }
    }
    if (m == Membership.BOTH) {
      usesBoth = true;
    }
    Optional<String> selector = prefixMatch(name, PORT_WORDS);
    if (selector.isPresent()) {
      abbreviated(name, selector.get(), where);
      current.partition.add(new PortMember(selector.get(), 0, m, where));
      return;
    }
    CNumber n = CNumber.parse(name);
    if (!n.whole(name) || n.value() == 0) {
      fatal(line, offset + t.start(), "PARSE ERROR: line " + line + ": bad PortGUID '"
          + printable(name) + "'", name.contains("\r")
              ? "convert the file to Unix line endings (dos2unix)"
              : "write a port GUID (0x + 16 hex digits) or ALL, ALL_CAS, ALL_SWITCHES, SELF");
      return;
    }
    if (!name.matches("0x[0-9a-fA-F]{16}")) {
      add(GUID_FORMAT.at(where, "port GUID '" + name + "' is read as 0x"
          + String.format("%016x", n.value()), "write it as 0x + 16 hex digits, as ibstat shows"));
    }
    current.partition.add(new PortMember(PortMember.GUID, n.value(), m, where));
  }

  private void mgroup(Token t, List<Token> rest, int line, int offset) {
    Location where = at(line, offset + t.start());
    String gid = t.value() == null ? "" : t.value();
    Optional<byte[]> raw = Ipv6Text.parse(gid);
    if (raw.isEmpty() || (raw.get()[0] & 0xff) != 0xff) {
      add(MGID_INVALID.at(where, "mgid \"" + gid + "\": gid is not multicast; OpenSM creates no"
          + " group", "write a multicast GID starting with ff, e.g. ff12:401b::1"));
    }
    int mtu = current.partition.mtu;
    int rate = current.partition.rate;
    for (Token f : rest) {
      Location fw = at(line, offset + f.start());
      Optional<String> g = prefixMatch(f.name(), GROUP_FLAGS);
      if (g.isPresent() && !f.name().isEmpty()) {
        abbreviated(f.name(), g.get(), fw);
        groupFlag(g.get(), f.value(), fw, false);
        CNumber n = f.value() == null ? null : CNumber.parse(f.value());
        if (n != null && g.get().equals("mtu")) {
          mtu = (int) n.value();
        } else if (n != null && g.get().equals("rate")) {
          rate = (int) n.value();
        }
      } else if (looksLikePort(f.name())) {
        add(MGID_SWALLOWS.at(fw, "'" + f.text() + "' follows mgid= on the same line, so OpenSM"
            + " reads it as a multicast-group flag and ignores it: the port is not added",
            "put `mgid=...` on a line of its own and the ports on other lines"));
      } else {
        add(UNKNOWN_FLAG.at(fw, "unrecognized mgroup flag '" + f.name() + "' - ignored",
            "known group flags: " + String.join(", ", GROUP_FLAGS)));
      }
    }
    if (raw.isPresent()) {
      int sig = ((raw.get()[2] & 0xff) << 8) | (raw.get()[3] & 0xff);
      int mpkey = ((raw.get()[4] & 0xff) << 8) | (raw.get()[5] & 0xff);
      if (sig == 0x401b || sig == 0x601b) {
        int own = current.partition.pkey();
        if (mpkey != 0 && (mpkey & 0x7fff) != own) {
          add(MGID_INVALID.at(where, "IP multicast group " + gid + " carries PKey 0x"
              + hex4(mpkey) + ", not this partition's 0x" + hex4(own) + "; OpenSM skips it",
              "use 0000 or the partition's PKey in bytes 4-5 of the MGID"));
        } else if (mtu != current.partition.mtu || rate != current.partition.rate) {
          add(MGID_INVALID.at(where, "IP multicast group " + gid + " must have the partition's"
              + " rate and mtu; OpenSM skips it", "drop the group's rate/mtu or make them equal"));
        }
      }
    }
  }

  private void finish() {
    if (statements == 0 && !discarded) {
      discarded = true;
      add(PARTITIONS_EMPTY.at(Location.of(file), "no partition statement: OpenSM discards the"
          + " file and makes every port a full member of Default only",
          "render the file again or add the Default and tenant partitions"));
    }
    if (!discarded && !explicitDefault) {
      add(DEFAULT_MISSING.at(Location.of(file), "no statement for the Default partition 0x7fff:"
          + " ports other than the SM are only limited members of it",
          "add `Default=0x7fff, ipoib, defmember=full : ALL, ALL_SWITCHES=full, SELF=full;`"));
    } else if (!discarded) {
      Partition d = partitions.get(PartitionsConf.DEFAULT_PKEY);
      boolean switchesFull = d.members().stream().anyMatch(m -> m.membership() != Membership.LIMITED
          && (m.selector().equals("ALL") || m.selector().equals("ALL_SWITCHES")));
      if (!switchesFull) {
        add(DEFAULT_MISSING.at(d.where(), "the Default partition does not make switches full"
            + " members", "add ALL_SWITCHES=full (and SELF=full) to the 0x7fff statement"));
      }
    }
    if (!discarded && partitions.size() > pkeyTableSize) {
      add(PKEY_TABLE_FULL.at(Location.of(file), partitions.size() + " partitions (with Default)"
          + " exceed a PKey table of " + pkeyTableSize + " entries; OpenSM logs ERR 0512 and"
          + " leaves the rest out", "use fewer partitions per port"));
    }
  }

  private void fatal(int line, int index, String message, String fix) {
    discarded = true;
    current.skipToEnd = true;
    add(PARTITIONS_FATAL.at(at(line, index), message + "; OpenSM discards the whole file"
        + " (\"retrying with default config\": every port full in Default, no tenant partitions)"
        + " and still exits 0", fix));
  }

  private void abbreviated(String written, String word, Location where) {
    if (!written.equals(word)) {
      add(ABBREVIATED.at(where, "'" + written + "' is read as '" + word + "' (OpenSM matches"
          + " prefixes)", "spell out '" + word + "'"));
    }
  }

  private static Optional<String> prefixMatch(String written, List<String> words) {
    for (String w : words) {
      if (w.startsWith(written)) {
        return Optional.of(w);
      }
    }
    return Optional.empty();
  }

  private static boolean looksLikePort(String name) {
    return name.startsWith("ALL") || name.equals("SELF") || name.startsWith("0x")
        || name.equals("NONE");
  }

  private static int skipBlanks(String s, int pos) {
    while (pos < s.length() && Token.isBlank(s.charAt(pos))) {
      pos++;
    }
    return pos;
  }

  private Location at(int line, int index) {
    return Location.at(file, line, index + 1);
  }

  private void add(Finding f) {
    findings.add(f);
  }

  private static String hex4(int v) {
    return String.format("%04x", v);
  }

  private static String printable(String s) {
    return s.replace("\r", "\\r");
  }
}
