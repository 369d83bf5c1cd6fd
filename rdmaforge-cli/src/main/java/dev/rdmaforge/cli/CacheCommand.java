package dev.rdmaforge.cli;

import dev.rdmaforge.build.store.ContentStore;
import dev.rdmaforge.build.store.EntryInfo;
import dev.rdmaforge.build.store.GcRequest;
import dev.rdmaforge.build.store.GcResult;
import dev.rdmaforge.build.store.StoreUnits;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code rdmaforge cache}: list and trim the content store of build outputs. */
@Command(
    name = "cache",
    mixinStandardHelpOptions = true,
    description = "List and trim the content store of build outputs.",
    subcommands = {CacheCommand.Ls.class, CacheCommand.Gc.class})
public final class CacheCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static Path storeOrDefault(Path store) {
    return store != null ? store : ContentStore.defaultDirectory();
  }

  /** {@code rdmaforge cache ls}. */
  @Command(name = "ls", mixinStandardHelpOptions = true,
      description = "List the store's entries, most recently used first.")
  static final class Ls implements Callable<Integer> {
    @Option(names = "--store", paramLabel = "DIR", description = "The store (default:"
        + " $XDG_CACHE_HOME/rdmaforge/store or ~/.cache/rdmaforge/store).")
    Path store;

    @Option(names = "--json", description = "Machine-readable output (schema 1).")
    boolean json;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      List<EntryInfo> entries;
      try (ContentStore s = ContentStore.open(storeOrDefault(store))) {
        entries = s.list();
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .build();
        ObjectNode root = mapper.createObjectNode();
        root.put("schema", 1);
        ArrayNode list = root.putArray("entries");
        for (EntryInfo e : entries) {
          entryJson(list.addObject(), e);
        }
        out.println(mapper.writeValueAsString(root));
      } else {
        for (EntryInfo e : entries) {
          out.println(line(e));
        }
        out.println(entries.size() + " entries, "
            + StoreUnits.human(entries.stream().mapToLong(EntryInfo::size).sum()));
      }
      out.flush();
      return 0;
    }

    private static ObjectNode entryJson(ObjectNode n, EntryInfo e) {
      n.put("key", e.key());
      n.put("size", e.size());
      n.put("created", e.created().toString());
      n.put("lastUsed", e.lastUsed().toString());
      n.put("label", e.label());
      return n;
    }
  }

  /** {@code rdmaforge cache gc}. */
  @Command(name = "gc", mixinStandardHelpOptions = true,
      description = "Remove entries not used for a while, or the least recently used down to a"
          + " size; entries in use by a running build are kept.")
  static final class Gc implements Callable<Integer> {
    @Option(names = "--store", paramLabel = "DIR", description = "The store (default:"
        + " $XDG_CACHE_HOME/rdmaforge/store or ~/.cache/rdmaforge/store).")
    Path store;

    @Option(names = "--older-than", paramLabel = "DURATION",
        description = "Remove entries last used longer ago than this (30d, 12h, P30D).")
    String olderThan;

    @Option(names = "--max-size", paramLabel = "SIZE",
        description = "Then remove the least recently used until the store holds at most this"
            + " (500M, 10G).")
    String maxSize;

    @Option(names = "--dry-run", description = "Only say what would be removed.")
    boolean dryRun;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if (olderThan == null && maxSize == null) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "give --older-than DURATION and/or --max-size SIZE");
      }
      GcRequest request = new GcRequest(
          Optional.ofNullable(olderThan).map(t -> StoreUnits.age("--older-than", t)),
          maxSize == null ? OptionalLong.empty()
              : OptionalLong.of(StoreUnits.size("--max-size", maxSize)),
          dryRun, Instant.now());
      GcResult result;
      try (ContentStore s = ContentStore.open(storeOrDefault(store))) {
        result = s.gc(request);
      }
      PrintWriter out = spec.commandLine().getOut();
      String verb = dryRun ? "would remove " : "removed ";
      for (EntryInfo e : result.removed()) {
        out.println(verb + line(e));
      }
      for (EntryInfo e : result.inUse()) {
        out.println("kept (in use by a running build) " + line(e));
      }
      out.println((dryRun ? "would free " : "freed ") + StoreUnits.human(result.freed()) + " in "
          + result.removed().size() + " entries; " + StoreUnits.human(result.remaining())
          + " left");
      out.flush();
      return 0;
    }
  }

  static String line(EntryInfo e) {
    return e.key().substring(0, 16) + "  " + String.format("%10s", StoreUnits.human(e.size()))
        + "  created " + e.created().truncatedTo(ChronoUnit.SECONDS) + "  used "
        + e.lastUsed().truncatedTo(ChronoUnit.SECONDS) + "  " + e.label();
  }
}
