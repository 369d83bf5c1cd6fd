package dev.rdmaforge.build.sign;

import dev.rdmaforge.kernel.keys.ModuleSignatureVerifier;
import dev.rdmaforge.kernel.keys.SignatureOutcome;
import dev.rdmaforge.kernel.keys.SignatureVerdict;
import dev.rdmaforge.kernel.keys.TrustedKeys;
import dev.rdmaforge.pkg.ExtractionRequest;
import dev.rdmaforge.pkg.Packages;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Verifies that every module ({@code .ko}) in a step's packages carries a valid signature by the
 * stack's certificate, with rdmaforge's own reader of the kernel's rules, so that an SRPM whose
 * spec replaced rpm's install-post chain (and so skipped the hook) cannot pass unsigned modules
 * off as signed ones.
 */
public final class SignedModules {
  private SignedModules() {}

  /** One module and the kernel's verdict on it with only the stack's certificate trusted. */
  public record Checked(String pkg, String module, SignatureVerdict verdict) {
    /** True when signed by the certificate and the signature verifies. */
    public boolean valid() {
      return verdict.outcome() == SignatureOutcome.VALID;
    }

    @Override
    public String toString() {
      return pkg + ": " + module + ": " + verdict;
    }
  }

  /**
   * The verdict on every module of {@code packages}, each unpacked below {@code scratch} (a new or
   * empty directory).
   */
  public static List<Checked> check(List<Path> packages, Path certificate, Path scratch)
      throws IOException {
    TrustedKeys keys = TrustedKeys.builder().addCertificates(certificate).build();
    List<Checked> out = new ArrayList<>();
    int n = 0;
    for (Path pkg : packages) {
      Path into = scratch.resolve(Integer.toString(n++));
      Packages.extract(ExtractionRequest.of(pkg, into));
      out.addAll(checkTree(pkg.getFileName().toString(), into, keys));
    }
    return out;
  }

  /** The verdict on every {@code .ko} below {@code root} (an unpacked package), sorted by path. */
  public static List<Checked> checkTree(String pkg, Path root, TrustedKeys keys)
      throws IOException {
    ModuleSignatureVerifier verifier = new ModuleSignatureVerifier();
    List<Path> modules;
    try (Stream<Path> s = Files.walk(root)) {
      modules = s.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".ko"))
          .sorted().toList();
    }
    List<Checked> out = new ArrayList<>();
    for (Path m : modules) {
      SignatureVerdict v = verifier.verify(ByteBuffer.wrap(Files.readAllBytes(m)), keys);
      out.add(new Checked(pkg, "/" + root.relativize(m), v));
    }
    return out;
  }
}
