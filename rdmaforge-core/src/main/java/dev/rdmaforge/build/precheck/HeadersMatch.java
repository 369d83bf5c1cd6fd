package dev.rdmaforge.build.precheck;

import dev.rdmaforge.kernel.KernelExport;
import dev.rdmaforge.kernel.SymversFile;
import dev.rdmaforge.report.Finding;
import dev.rdmaforge.report.Location;
import dev.rdmaforge.report.Severity;
import dev.rdmaforge.stack.KernelInputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RF-STK-004 and RF-STK-005: a headers tree that belongs to another kernel. Modules built against
 * it get the tree's version magic and the tree's CRCs, and the kernel refuses them ("disagrees
 * about version of symbol") after the whole build.
 *
 * <p>The tree's release is {@code UTS_RELEASE} of {@code include/generated/utsrelease.h}, the
 * string modules' vermagic is made of; {@code include/config/kernel.release} only when that header
 * is missing, because Debian's headers write the upstream version there ({@code 6.1.192} in
 * linux-headers-6.1.0-56-amd64), not the release.
 */
final class HeadersMatch {
  static final String RELEASE = "RF-STK-004";
  static final String SYMVERS = "RF-STK-005";
  /** How many differing symbols a message names. */
  static final int NAMED = 3;

  private static final Pattern UTS = Pattern.compile("#define\\s+UTS_RELEASE\\s+\"([^\"]*)\"");

  private HeadersMatch() {}

  static void check(KernelInputs kernel, List<KernelFinding> out) {
    release(kernel, out);
    symvers(kernel, out);
  }

  private static void release(KernelInputs kernel, List<KernelFinding> out) {
    Path uts = kernel.headers().resolve("include/generated/utsrelease.h");
    Path plain = kernel.headers().resolve("include/config/kernel.release");
    String found = null;
    Location at = null;
    if (Files.isRegularFile(uts)) {
      List<String> lines = TextLines.read(uts);
      for (int i = 0; i < lines.size() && found == null; i++) {
        Matcher m = UTS.matcher(lines.get(i));
        if (m.find()) {
          found = m.group(1);
          at = Location.at(uts.toString(), i + 1);
        }
      }
    } else if (Files.isRegularFile(plain)) {
      found = TextLines.read(plain).stream().findFirst().orElse("").strip();
      at = Location.at(plain.toString(), 1);
    }
    if (found != null && !found.equals(kernel.release())) {
      out.add(new KernelFinding(kernel.release(), new Finding(RELEASE, Severity.ERROR, at,
          "the headers " + kernel.kernel().headers() + " are of kernel " + found + ", not of "
              + kernel.release() + ": modules built there would carry vermagic " + found,
          "give the headers of " + kernel.release() + " (linux-headers-" + kernel.release()
              + " or kernel-devel-" + kernel.release() + ")")));
    }
  }

  private static void symvers(KernelInputs kernel, List<KernelFinding> out) {
    Path inTree = kernel.headers().resolve("Module.symvers");
    Path given = kernel.symvers();
    if (!Files.isRegularFile(inTree) || same(inTree, given)) {
      return;
    }
    Map<String, KernelExport> tree = SymversFile.read(inTree);
    Map<String, KernelExport> kernelSyms = SymversFile.read(given);
    List<String> differing = new ArrayList<>();
    int missing = 0;
    for (KernelExport e : kernelSyms.values()) {
      KernelExport t = tree.get(e.name());
      if (t == null) {
        missing++;
      } else if (t.crc() != e.crc()) {
        differing.add(e.name());
      }
    }
    int extra = (int) tree.keySet().stream().filter(n -> !kernelSyms.containsKey(n)).count();
    if (differing.isEmpty() && missing == 0 && extra == 0) {
      return;
    }
    Location at = Location.of(given.toString());
    StringBuilder what = new StringBuilder("the headers' Module.symvers (" + inTree
        + ") does not match kernel " + kernel.release() + "'s (" + given + "): ");
    if (!differing.isEmpty()) {
      String first = differing.get(0);
      at = Location.at(given.toString(),
          TextLines.firstStartingWith(TextLines.read(given),
              String.format("0x%08x\t%s\t", kernelSyms.get(first).crc(), first)));
      List<String> named = new ArrayList<>();
      for (String name : differing.subList(0, Math.min(NAMED, differing.size()))) {
        named.add(String.format("%s (kernel 0x%08x, headers 0x%08x)", name,
            kernelSyms.get(name).crc(), tree.get(name).crc()));
      }
      what.append(differing.size()).append(" symbols have other CRCs, first ")
          .append(String.join(", ", named));
    }
    if (missing > 0 || extra > 0) {
      what.append(differing.isEmpty() ? "" : "; ").append(missing)
          .append(" exports of the kernel are not in the headers and ").append(extra)
          .append(" exports of the headers are not in the kernel");
    }
    out.add(new KernelFinding(kernel.release(), new Finding(SYMVERS, Severity.ERROR, at,
        what.toString(), "give the headers built with this kernel (the same package build as"
            + " its image), or the Module.symvers of the kernel these headers belong to")));
  }

  private static boolean same(Path a, Path b) {
    try {
      return Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }
}
