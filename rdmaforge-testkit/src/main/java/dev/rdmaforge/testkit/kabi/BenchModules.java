package dev.rdmaforge.testkit.kabi;

import dev.rdmaforge.testkit.BuildCache;
import dev.rdmaforge.testkit.DebianKernels;
import dev.rdmaforge.testkit.FileTrees;
import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.Processes;
import dev.rdmaforge.testkit.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Many small out-of-tree modules for the kABI benchmark, compiled for real with Kbuild against the
 * installed Debian headers of one release, the way a vendor bundle's many kmod packages are built:
 * {@code rfbench_NN.ko} for NN = 01..count. Each calls {@code _printk} and {@code ktime_get} and
 * one group of kernel exports chosen by NN mod 5 — a mutex and the random pool, {@code kstrtoint}
 * and {@code msleep}, the slab allocator, the in-tree {@code ib_core}'s client registration — and
 * every fifth calls the previous module's export ({@code rfbench_NN_value}), so that packages also
 * depend on each other as ksym requirements.
 *
 * <p>Output ({@link BuildCache} entry {@code DebianKernels.cacheDir()/packages/bench-modules/
 * RELEASE-COUNT-KEY}): {@code rfbench_NN.ko} (debug-stripped), {@code Module.symvers}, {@code
 * build.log}.
 */
public final class BenchModules {
  /** Bump when the sources written below change. */
  static final String FORMAT = "1";

  private BenchModules() {}

  /** The compiled modules of {@code release} (its headers must be installed). */
  public static Path forRelease(String release, int count) {
    Path headers = Path.of("/usr/src/linux-headers-" + release);
    if (!Files.isRegularFile(headers.resolve("Makefile"))) {
      throw new IllegalStateException(headers + " is missing: install linux-headers-" + release
          + " (./test.sh installs the oldest and newest 6.1 ABI's)");
    }
    BuildCache cache = new BuildCache(DebianKernels.cacheDir().resolve("packages"));
    String key = release + "-" + count + "-" + key(headers.resolve("Module.symvers"), count);
    return cache.entry("bench-modules", key, dir -> compile(headers, count, dir)).dir();
  }

  /** {@code rfbench_07} for 7. */
  public static String moduleName(int n) {
    return String.format("rfbench_%02d", n);
  }

  private static void compile(Path headers, int count, Path dir) throws IOException {
    Path src = Files.createDirectories(dir.resolve("src"));
    StringBuilder kbuild = new StringBuilder("obj-m :=");
    for (int n = 1; n <= count; n++) {
      Files.writeString(src.resolve(moduleName(n) + ".c"), source(n), StandardCharsets.UTF_8);
      kbuild.append(' ').append(moduleName(n)).append(".o");
    }
    Files.writeString(src.resolve("Kbuild"), kbuild.append('\n').toString());
    ProcessResult result = Processes.run(null, List.of(Tools.require("make", "make").toString(),
        "-j2", "-C", headers.toString(), "M=" + src, "modules"));
    Files.writeString(dir.resolve("build.log"), result.describe(), StandardCharsets.UTF_8);
    if (result.exitCode() != 0) {
      throw new IllegalStateException("building the benchmark modules against " + headers
          + " failed:\n" + result.describe());
    }
    Files.copy(src.resolve("Module.symvers"), dir.resolve("Module.symvers"));
    String strip = Tools.require("strip", "binutils").toString();
    for (int n = 1; n <= count; n++) {
      Path ko = dir.resolve(moduleName(n) + ".ko");
      Files.copy(src.resolve(moduleName(n) + ".ko"), ko);
      Processes.runChecked(null, List.of(strip, "--strip-debug", ko.toString()));
    }
    FileTrees.deleteRecursively(src);
  }

  /** The C source of module {@code n}. */
  static String source(int n) {
    String name = moduleName(n);
    List<String> body = new ArrayList<>();
    String globals = "";
    String includes = "#include <linux/module.h>\n#include <linux/ktime.h>\n";
    switch (n % 5) {
      case 0 -> {
        includes += "#include <linux/mutex.h>\n#include <linux/random.h>\n";
        globals = "static DEFINE_MUTEX(" + name + "_lock);\n";
        body.add("mutex_lock(&" + name + "_lock);");
        body.add("v += (int)(get_random_u32() & 1);");
        body.add("mutex_unlock(&" + name + "_lock);");
      }
      case 1 -> {
        includes += "#include <linux/kernel.h>\n#include <linux/delay.h>\n";
        body.add("if (kstrtoint(\"7\", 10, &v))");
        body.add("\treturn -EINVAL;");
        body.add("msleep(1);");
      }
      case 2 -> {
        includes += "#include <linux/slab.h>\n";
        body.add("{");
        body.add("\tvoid *p = kmalloc(64, GFP_KERNEL);");
        body.add("\tif (!p)");
        body.add("\t\treturn -ENOMEM;");
        body.add("\tkfree(p);");
        body.add("}");
      }
      case 3 -> {
        includes += "#include <rdma/ib_verbs.h>\n";
        globals = "static int " + name + "_add(struct ib_device *device)\n{\n\treturn 0;\n}\n\n"
            + "static void " + name + "_remove(struct ib_device *device, void *data)\n{\n}\n\n"
            + "static struct ib_client " + name + "_client = {\n\t.name = \"" + name
            + "\",\n\t.add = " + name + "_add,\n\t.remove = " + name + "_remove,\n};\n";
        body.add("v = ib_register_client(&" + name + "_client);");
        body.add("if (v)");
        body.add("\treturn v;");
      }
      default -> {
        if (n > 1) {
          String previous = moduleName(n - 1);
          globals = "int " + previous + "_value(void);\n";
          body.add("v += " + previous + "_value();");
        }
      }
    }
    StringBuilder c = new StringBuilder("// SPDX-License-Identifier: GPL-2.0\n");
    c.append("/* rdmaforge kABI benchmark module ").append(n).append(" (generated) */\n");
    c.append(includes).append('\n').append(globals).append(globals.isEmpty() ? "" : "\n");
    c.append("int ").append(name).append("_value(void)\n{\n\treturn ").append(n)
        .append(";\n}\nEXPORT_SYMBOL_GPL(").append(name).append("_value);\n\n");
    c.append("static int __init ").append(name).append("_init(void)\n{\n\tint v = 0;\n\n");
    for (String line : body) {
      c.append('\t').append(line).append('\n');
    }
    c.append("\tv += (int)(ktime_get() & 1);\n");
    c.append("\tpr_info(\"").append(name).append(": %d\\n\", v);\n\treturn 0;\n}\n\n");
    c.append("static void __exit ").append(name).append("_exit(void)\n{\n");
    if (n % 5 == 3) {
      c.append("\tib_unregister_client(&").append(name).append("_client);\n");
    }
    c.append("}\n\nmodule_init(").append(name).append("_init);\nmodule_exit(").append(name)
        .append("_exit);\nMODULE_LICENSE(\"GPL\");\n");
    return c.toString();
  }

  private static String key(Path symvers, int count) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(("format " + FORMAT + "\n").getBytes(StandardCharsets.UTF_8));
      sha.update(Files.readAllBytes(symvers));
      for (int n = 1; n <= count; n++) {
        sha.update(source(n).getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + symvers, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
