package dev.rdmaforge.testkit.pkgroot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A module that claims another home kernel: its {@code vermagic=} release rewritten in place (same
 * length, so the ELF layout is untouched; the test modules are unsigned). It stands for what
 * RHEL's kABI promises across minor releases — a kmod built for the older kernel whose symbol CRCs
 * still equal the newer kernel's — which Debian's ABI bumps never give (their {@code
 * module_layout} CRC changes), so the test kit makes it from a module built for the target.
 */
public final class RehomedModule {
  private RehomedModule() {}

  /** Copies {@code module} (built for {@code builtFor}) to {@code out} claiming {@code home}. */
  public static Path write(Path module, String builtFor, String home, Path out) {
    if (builtFor.length() != home.length()) {
      throw new IllegalArgumentException(builtFor + " and " + home + " differ in length");
    }
    try {
      byte[] bytes = Files.readAllBytes(module);
      byte[] from = ("vermagic=" + builtFor + " ").getBytes(StandardCharsets.US_ASCII);
      byte[] to = ("vermagic=" + home + " ").getBytes(StandardCharsets.US_ASCII);
      int at = indexOf(bytes, from);
      if (at < 0) {
        throw new IllegalArgumentException(module + " has no vermagic for " + builtFor);
      }
      System.arraycopy(to, 0, bytes, at, to.length);
      Files.createDirectories(out.getParent());
      return Files.write(out, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("could not rewrite " + module, e);
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
