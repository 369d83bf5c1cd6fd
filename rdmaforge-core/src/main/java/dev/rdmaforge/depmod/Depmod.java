package dev.rdmaforge.depmod;

import dev.rdmaforge.depmod.DepmodLog.Level;
import dev.rdmaforge.depmod.config.ConfigFiles;
import dev.rdmaforge.depmod.config.DepmodConfig;
import dev.rdmaforge.depmod.config.DepmodConfigParser;
import dev.rdmaforge.depmod.config.Errno;
import dev.rdmaforge.depmod.tree.ModuleCandidate;
import dev.rdmaforge.depmod.tree.ModuleScanner;
import dev.rdmaforge.depmod.tree.ScanResult;
import dev.rdmaforge.depmod.tree.TreeView;
import dev.rdmaforge.kmod.DependencySymbol;
import dev.rdmaforge.kmod.ExportedSymbol;
import dev.rdmaforge.kmod.ModuleFormatException;
import dev.rdmaforge.kmod.ModuleReader;
import dev.rdmaforge.kmod.SymbolBind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * kmod 30's depmod as a library: configuration, scan, module reading, symbol table, dependencies
 * and their order. {@link #resolve} computes everything; {@link DepmodOutputs} renders the files
 * and {@link DepmodWriter} writes them.
 */
public final class Depmod {
  /** Environment variable that turns the parsed-module cache off when set to {@code off}. */
  public static final String CACHE_ENV = "RDMAFORGE_MODULE_CACHE";

  private final ModuleReader reader;
  private final int threads;
  private final Path cacheFile;

  /**
   * A depmod that reads modules with {@code reader} on {@code threads} threads, keeping parsed
   * modules in {@code cacheFile} between runs (null: no cache).
   */
  public Depmod(ModuleReader reader, int threads, Path cacheFile) {
    this.reader = reader;
    this.threads = Math.max(1, threads);
    this.cacheFile = cacheFile;
  }

  /**
   * A depmod using every available processor and the user's module cache ({@link
   * ModuleDataCache#defaultFile()}), unless {@value #CACHE_ENV} is {@code off}.
   */
  public static Depmod create() {
    boolean off = "off".equals(System.getenv(CACHE_ENV));
    return new Depmod(
        new ModuleReader(),
        Runtime.getRuntime().availableProcessors(),
        off ? null : ModuleDataCache.defaultFile());
  }

  /**
   * Runs depmod's analysis for {@code request}, logging what kmod logs in the same order.
   *
   * @throws DepmodFailure where kmod stops with a FATAL error
   */
  public Resolution resolve(DepmodRequest request, DepmodLog log) throws DepmodFailure {
    String dirname = request.dirname();
    // One pass over the tree: each directory's path is resolved once, not once per module in it.
    TreeView view = request.view().withDirectoryMemo();
    // Opening the module cache maps its file and reads nothing yet: no reason to wait for a
    // thread of the common pool (which the caller may keep busy) to do it.
    ModuleDataCache cache = cacheFile == null ? null : ModuleDataCache.open(cacheFile);
    SymbolTable symbols = new SymbolTable(request.symbolPrefix());
    boolean checkSymvers = false;
    boolean printUnknown = request.errsyms();
    if (request.symvers() != null) {
      checkSymvers = true;
      try {
        KernelSymbols.loadSymvers(request.symvers(), request.view(), symbols, log);
      } catch (IOException e) {
        throw new DepmodFailure("could not load " + request.symvers() + ": " + Errno.message(e));
      }
    } else if (request.systemMap() != null) {
      try {
        KernelSymbols.loadSystemMap(
            request.systemMap(), request.view(), request.symbolPrefix(), symbols, log);
      } catch (IOException e) {
        throw new DepmodFailure(
            "could not load " + request.systemMap() + ": " + Errno.message(e));
      }
    } else if (printUnknown) {
      log.log(Level.WARNING, "-e needs -E or -F\n");
      printUnknown = false;
    }

    DepmodConfig config;
    ScanResult scan;
    if (request.all()) {
      List<String> paths =
          request.configPaths() != null ? request.configPaths() : ConfigFiles.DEFAULT_PATHS;
      config = DepmodConfigParser.load(paths, request.kernelRelease(), request.configView(), log);
      try {
        scan = ModuleScanner.scan(config, dirname, view, log);
      } catch (IOException e) {
        throw new DepmodFailure("could not search modules: " + Errno.message(e));
      }
    } else {
      config = DepmodConfig.none();
      for (String p : request.modulePaths()) {
        if (!p.startsWith("/")) {
          throw new DepmodFailure(p + ": not absolute path.");
        }
      }
      scan = ModuleScanner.ofFiles(request.modulePaths(), config, dirname, view, log);
    }

    List<DepmodModule> winners = new ArrayList<>();
    for (ModuleCandidate c : scan.winners().values()) {
      winners.add(new DepmodModule(c));
    }
    List<DepmodModule> modules = ModuleOrder.arrange(winners, dirname, view, log);
    readAll(modules, view, log, cache);
    for (DepmodModule m : modules) {
      if (m.symbols() == null) {
        continue;
      }
      for (ExportedSymbol s : m.symbols().exports()) {
        symbols.add(s.name(), false, s.crc(), m);
      }
    }
    for (DepmodModule m : modules) {
      linkDependencies(m, symbols, checkSymvers, printUnknown, log);
    }
    List<List<String>> cycles = DependencyOrder.sort(modules);
    if (!cycles.isEmpty()) {
      for (List<String> cycle : cycles) {
        log.log(Level.ERROR, "Cycle detected: " + String.join(" -> ", cycle) + "\n");
      }
      log.log(
          Level.ERROR,
          "Found " + DependencyOrder.modulesInCycles(cycles) + " modules in dependency cycles!\n");
      throw new DepmodFailure(null);
    }
    return new Resolution(request, config, scan, modules, symbols, view);
  }

  private void readAll(
      List<DepmodModule> modules, TreeView view, DepmodLog log, ModuleDataCache cache) {
    ExecutorService pool = Executors.newFixedThreadPool(threads, Depmod::daemon);
    try {
      List<Future<Object>> results = new ArrayList<>(modules.size());
      for (DepmodModule m : modules) {
        results.add(pool.submit(() -> readOne(m, view, cache)));
      }
      // Report failures in module order, as kmod reads them one after the other.
      for (int i = 0; i < modules.size(); i++) {
        Object r;
        try {
          r = results.get(i).get();
        } catch (ExecutionException e) {
          r = e.getCause();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while reading modules", e);
        }
        DepmodModule m = modules.get(i);
        if (r instanceof ModuleSymbols) {
          m.setSymbols((ModuleSymbols) r);
        } else {
          log.log(
              Level.ERROR,
              "failed to load symbols from " + m.candidate().path() + ": " + errnoText(r) + "\n");
        }
      }
    } finally {
      pool.shutdownNow();
    }
    if (cache != null) {
      cache.save();
    }
  }

  private Object readOne(DepmodModule m, TreeView view, ModuleDataCache cache) {
    try {
      Path physical = view.physical(m.candidate().path());
      m.setPhysical(physical);
      ModuleDataCache.FileKey key = cache == null ? null : ModuleDataCache.FileKey.of(physical);
      m.setFileKey(key);
      ModuleSymbols cached = key == null ? null : cache.get(key);
      if (cached != null) {
        return cached;
      }
      ModuleSymbols parsed = ModuleSymbols.of(reader.read(physical));
      if (key != null) {
        cache.put(key, parsed);
      }
      return parsed;
    } catch (IOException | RuntimeException e) {
      return e;
    }
  }

  private static String errnoText(Object failure) {
    if (failure instanceof ModuleFormatException) {
      return ((ModuleFormatException) failure).kmodOutcome().strerror().orElse("Invalid argument");
    }
    if (failure instanceof IOException) {
      return Errno.message((IOException) failure);
    }
    return "Invalid argument";
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "rdmaforge-modreader");
    t.setDaemon(true);
    return t;
  }

  private static void linkDependencies(
      DepmodModule m,
      SymbolTable symbols,
      boolean checkSymvers,
      boolean printUnknown,
      DepmodLog log) {
    if (m.symbols() == null) {
      return;
    }
    for (DependencySymbol dep : m.symbols().needs()) {
      SymbolTable.Symbol sym = symbols.find(dep.name());
      boolean weak = dep.bind() == SymbolBind.WEAK;
      if (sym == null) {
        if (printUnknown && !weak) {
          log.log(
              Level.WARNING,
              m.candidate().path() + " needs unknown symbol " + dep.name() + "\n");
        }
        continue;
      }
      if (checkSymvers && sym.crc != dep.crc() && !weak && printUnknown) {
        log.log(
            Level.WARNING,
            m.candidate().path() + " disagrees about version of symbol " + dep.name() + "\n");
      }
      if (sym.owner != null) {
        m.addDependency(sym.owner);
      }
    }
  }
}
