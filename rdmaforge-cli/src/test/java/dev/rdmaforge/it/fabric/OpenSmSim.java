package dev.rdmaforge.it.fabric;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real OpenSM (Debian opensm 3.3.23) against a simulated fabric (ibsim): one switch, one HCA
 * per port GUID, the first HCA running the SM. Every run starts its own ibsim on its own socket
 * name and stops it, so runs never see each other's PKey tables.
 */
final class OpenSmSim {
  static final Path OPENSM = Path.of("/usr/sbin/opensm");
  static final Path IBSIM = Path.of("/usr/bin/ibsim");
  static final Path SMPQUERY = Path.of("/usr/sbin/smpquery");
  static final Path UMAD2SIM = Path.of("/usr/lib/x86_64-linux-gnu/umad2sim/libumad2sim.so");
  private static final long TIMEOUT_S = 30;

  /**
   * What one run showed.
   *
   * @param log opensm's log file ({@code -D 0x0f})
   * @param output opensm's stdout and stderr
   * @param pkeys per port GUID, the non-zero entries of its PKey table in table order
   */
  record Run(String log, String output, Map<Long, List<Integer>> pkeys) {}

  private OpenSmSim() {}

  static boolean available() {
    return Files.isExecutable(OPENSM) && Files.isExecutable(IBSIM) && Files.isExecutable(SMPQUERY)
        && Files.exists(UMAD2SIM);
  }

  /** Loads the files in OpenSM (one sweep) on a fabric of the given HCA port GUIDs. */
  static Run run(Path work, List<Long> portGuids, Path partitions, Path opensmConf)
      throws IOException, InterruptedException {
    Files.createDirectories(work);
    Path topo = work.resolve("net.topo");
    Files.writeString(topo, topology(portGuids));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("IBSIM_SOCKNAME", "rf" + ProcessHandle.current().pid() + "x" + System.nanoTime() % 100000);
    env.put("SIM_HOST", "Hca1");
    env.put("OSM_CACHE_DIR", work.toString());
    env.put("OSM_TMP_DIR", work.toString());
    Path simOut = work.resolve("ibsim.out");
    ProcessBuilder sim = new ProcessBuilder(IBSIM.toString(), "-s", topo.toString())
        .redirectErrorStream(true).redirectOutput(simOut.toFile());
    sim.environment().putAll(env);
    Process ibsim = sim.start();
    try {
      waitReady(simOut, ibsim);
      env.put("LD_PRELOAD", UMAD2SIM.toString());
      Path log = work.resolve("osm.log");
      List<String> cmd = new ArrayList<>(List.of(OPENSM.toString(), "-P", partitions.toString(),
          "-o", "-f", log.toString(), "-D", "0x0f"));
      if (opensmConf != null) {
        cmd.addAll(1, List.of("-F", opensmConf.toString()));
      }
      String output = exec(work, env, cmd);
      Map<Long, List<Integer>> pkeys = new LinkedHashMap<>();
      for (int i = 0; i < portGuids.size(); i++) {
        String path = i == 0 ? "0" : "0,1," + (i + 1);
        pkeys.put(portGuids.get(i), table(exec(work, env,
            List.of(SMPQUERY.toString(), "-D", "pkeys", path, "1"))));
      }
      return new Run(Files.exists(log) ? Files.readString(log) : "", output, pkeys);
    } finally {
      ibsim.destroy();
      if (!ibsim.waitFor(5, TimeUnit.SECONDS)) {
        ibsim.destroyForcibly();
      }
    }
  }

  /** {@code opensm -F conf -c out}: the effective configuration OpenSM derives, and its output. */
  static Map.Entry<String, String> effectiveConfig(Path work, Path conf)
      throws IOException, InterruptedException {
    Files.createDirectories(work);
    Path out = work.resolve("effective.conf");
    Files.deleteIfExists(out);
    String output = exec(work, Map.of("OSM_CACHE_DIR", work.toString()),
        List.of(OPENSM.toString(), "-F", conf.toString(), "-c", out.toString()));
    return Map.entry(Files.exists(out) ? Files.readString(out) : "", output);
  }

  static String topology(List<Long> guids) {
    StringBuilder b = new StringBuilder("switchguid=0x0002c90300000001\nSwitch ")
        .append(Math.max(8, guids.size())).append(" \"Switch1\"\n");
    for (int i = 0; i < guids.size(); i++) {
      b.append('[').append(i + 1).append("] \"Hca").append(i + 1).append("\"[1]\n");
    }
    for (int i = 0; i < guids.size(); i++) {
      b.append(String.format("%ncaguid=0x%016x%nHca 1 \"Hca%d\"%n[1] \"Switch1\"[%d]%n",
          guids.get(i) - 1, i + 1, i + 1));
    }
    return b.toString();
  }

  private static void waitReady(Path simOut, Process ibsim) throws IOException, InterruptedException {
    for (int i = 0; i < 500; i++) {
      if (Files.exists(simOut) && Files.readString(simOut).contains("Network simulator ready")) {
        return;
      }
      if (!ibsim.isAlive()) {
        break;
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException("ibsim did not start: " + Files.readString(simOut));
  }

  private static String exec(Path work, Map<String, String> env, List<String> cmd)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(work, "out", ".txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("timed out: " + cmd);
    }
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  /** The non-zero entries of {@code smpquery pkeys} output ("   0: 0xffff 0x8001 ..."). */
  static List<Integer> table(String smpquery) {
    List<Integer> out = new ArrayList<>();
    for (String line : smpquery.split("\n")) {
      if (!line.matches("\\s*\\d+:.*")) {
        continue;
      }
      for (String word : line.substring(line.indexOf(':') + 1).trim().split("\\s+")) {
        int v = Integer.decode(word);
        if (v != 0) {
          out.add(v);
        }
      }
    }
    return out;
  }
}
