package dev.rdmaforge.pkg.root;

import dev.rdmaforge.kmod.DependencySymbol;
import dev.rdmaforge.kmod.ExportedSymbol;
import dev.rdmaforge.kmod.SymbolBind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * RHEL's weak-modules decision: which modules built for another kernel may be linked into a target
 * kernel's {@code weak-updates/}. weak-modules ({@code validate_weak_links}) links every candidate,
 * runs {@code depmod -naeE symvers-TARGET} with the candidates ranked first, removes every link
 * depmod reports ("needs unknown symbol", "disagrees about version of symbol") and runs it again
 * until nothing is removed; what is left is compatible.
 *
 * <p>This class replays that loop without files: depmod's symbol table is the target's vmlinux
 * exports (the {@code vmlinux} lines of its symvers, with their CRCs, plus the symbols depmod fakes:
 * {@code __this_module}, {@code _GLOBAL_OFFSET_TABLE_}, {@code TOC.}), then the exports of the
 * target's own modules that no candidate replaces (same name), then the remaining candidates' own
 * exports; a later export of a name replaces an earlier one, as in depmod. A candidate is refused
 * when a symbol it needs (not a weak one) is missing, or present with another CRC. Refused
 * candidates drop out together and the next round checks the others against the smaller set.
 */
public final class WeakModulesCompatibility {
  private static final String VMLINUX = "vmlinux";

  private WeakModulesCompatibility() {}

  /**
   * A module of the target kernel that provides symbols.
   *
   * @param name the module name ('_' for '-')
   * @param exports what it exports, with the CRCs of its own {@code __kcrctab}
   */
  public record Provider(String name, List<ExportedSymbol> exports) {
    /** Copies the list. */
    public Provider {
      Objects.requireNonNull(name, "name");
      exports = List.copyOf(exports);
    }
  }

  /**
   * A module weak-modules is asked to link.
   *
   * @param id how the caller names it (e.g. its path)
   * @param name the module name; it replaces the target's own module of that name
   * @param needs the symbols it needs with the CRCs it was built against
   * @param exports what it exports
   */
  public record Candidate(
      String id, String name, List<DependencySymbol> needs, List<ExportedSymbol> exports) {
    /** Copies the lists. */
    public Candidate {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name");
      needs = List.copyOf(needs);
      exports = List.copyOf(exports);
    }
  }

  /**
   * One symbol depmod complains about.
   *
   * @param symbol the symbol
   * @param unknown true when nothing provides it ("needs unknown symbol"); false when the CRC
   *     differs ("disagrees about version of symbol")
   * @param neededCrc the CRC the module was built against
   * @param providedCrc the CRC of the provider in the target, or null when unknown
   * @param provider {@code vmlinux}, the providing module's name, or null when unknown
   */
  public record SymbolProblem(
      String symbol, boolean unknown, long neededCrc, Long providedCrc, String provider) {
    /** One line, with depmod's wording. */
    public String describe() {
      if (unknown) {
        return "needs unknown symbol " + symbol;
      }
      return String.format("disagrees about version of symbol %s: built against 0x%08x, %s in"
          + " the target has 0x%08x", symbol, neededCrc, provider, providedCrc);
    }
  }

  /**
   * The decision for one candidate.
   *
   * @param candidate the candidate
   * @param compatible whether its link stays
   * @param round the round (1-based) that refused it, or the last round for a compatible one
   * @param problems why it was refused; empty when compatible
   */
  public record Decision(
      Candidate candidate, boolean compatible, int round, List<SymbolProblem> problems) {
    /** Copies the list. */
    public Decision {
      problems = List.copyOf(problems);
    }
  }

  /**
   * Decides every candidate.
   *
   * @param vmlinux the target's vmlinux exports: name to CRC
   * @param targetModules the target's own modules, in depmod's order
   * @param candidates the modules to link, in the order weak-modules reads them
   * @return one decision per candidate, in the candidates' order
   */
  public static List<Decision> decide(Map<String, Long> vmlinux, List<Provider> targetModules,
      List<Candidate> candidates) {
    Map<String, Decision> decided = new LinkedHashMap<>();
    List<Candidate> remaining = new ArrayList<>(candidates);
    int round = 0;
    while (true) {
      round++;
      Map<String, Provided> table = table(vmlinux, targetModules, remaining);
      List<Candidate> refused = new ArrayList<>();
      for (Candidate c : remaining) {
        List<SymbolProblem> problems = problems(c, table);
        if (!problems.isEmpty()) {
          refused.add(c);
          decided.put(c.id(), new Decision(c, false, round, problems));
        }
      }
      if (refused.isEmpty()) {
        for (Candidate c : remaining) {
          decided.put(c.id(), new Decision(c, true, round, List.of()));
        }
        break;
      }
      remaining.removeAll(refused);
    }
    List<Decision> out = new ArrayList<>();
    for (Candidate c : candidates) {
      out.add(decided.get(c.id()));
    }
    return out;
  }

  private record Provided(long crc, String owner) {}

  private static Map<String, Provided> table(Map<String, Long> vmlinux,
      List<Provider> targetModules, List<Candidate> candidates) {
    Map<String, Provided> table = new HashMap<>(vmlinux.size() * 2);
    vmlinux.forEach((name, crc) -> table.put(name, new Provided(crc, VMLINUX)));
    for (String fake : List.of("__this_module", "_GLOBAL_OFFSET_TABLE_")) {
      table.put(fake, new Provided(0, VMLINUX));
    }
    table.putIfAbsent("TOC.", new Provided(0, VMLINUX));
    Set<String> replaced = new HashSet<>();
    for (Candidate c : candidates) {
      replaced.add(c.name());
    }
    for (Provider p : targetModules) {
      if (!replaced.contains(p.name())) {
        for (ExportedSymbol e : p.exports()) {
          table.put(e.name(), new Provided(e.crc(), p.name()));
        }
      }
    }
    for (Candidate c : candidates) {
      for (ExportedSymbol e : c.exports()) {
        table.put(e.name(), new Provided(e.crc(), c.name()));
      }
    }
    return table;
  }

  private static List<SymbolProblem> problems(Candidate c, Map<String, Provided> table) {
    List<SymbolProblem> problems = new ArrayList<>();
    for (DependencySymbol need : c.needs()) {
      if (need.bind() == SymbolBind.WEAK) {
        continue;
      }
      String name = need.name().startsWith(".") ? need.name().substring(1) : need.name();
      Provided p = table.get(name);
      if (p == null) {
        problems.add(new SymbolProblem(need.name(), true, need.crc(), null, null));
      } else if (p.crc() != need.crc()) {
        problems.add(new SymbolProblem(need.name(), false, need.crc(), p.crc(), p.owner()));
      }
    }
    return problems;
  }
}
