package dev.rdmaforge.build.output;

import dev.rdmaforge.build.sign.SignedModules;
import dev.rdmaforge.kernel.keys.TrustedKeys;
import dev.rdmaforge.stack.KernelInputs;
import dev.rdmaforge.stack.SigningSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The signature part of the load check of a signed stack: for each package that loads on a
 * kernel, its modules are verified with the stack's certificate trusted (as {@code check
 * --trusted-cert}), and with only the kernel's built-in keys (its {@code image:}) to say whether
 * the kernel would accept them under enforcement. A rebuilt module not validly signed by the
 * stack's key fails the check; packages used as shipped keep the vendor's signature and are only
 * described.
 */
final class SignatureCheck {
  private SignatureCheck() {}

  /** The verdicts with the signature facts added to the details of those that load. */
  static List<LoadVerdict> annotate(List<LoadVerdict> verdicts, List<Path> roots,
      List<KernelInputs> kernels, SigningSpec signing, Path scratch) throws IOException {
    Map<String, Path> files = new HashMap<>();
    for (Path root : roots) {
      try (Stream<Path> s = Files.walk(root)) {
        s.filter(p -> p.toString().endsWith(".rpm"))
            .forEach(p -> files.put(p.getFileName().toString().replaceFirst("\\.rpm$", ""), p));
      }
    }
    TrustedKeys stackKey = TrustedKeys.builder().addCertificates(signing.certificate()).build();
    Map<String, TrustedKeys> builtin = new HashMap<>();
    List<LoadVerdict> out = new ArrayList<>();
    int n = 0;
    for (LoadVerdict v : verdicts) {
      Path file = files.get(v.pkg());
      if (!v.loads() || file == null) {
        out.add(v);
        continue;
      }
      List<SignedModules.Checked> withCert = SignedModules.check(List.of(file),
          signing.certificate(), scratch.resolve(Integer.toString(n++)));
      if (withCert.isEmpty()) {
        out.add(v);
        continue;
      }
      long valid = withCert.stream().filter(SignedModules.Checked::valid).count();
      boolean rebuilt = v.pkg().contains(".kver." + v.kernel().replace('-', '_'));
      if (valid < withCert.size() && rebuilt) {
        out.add(new LoadVerdict(v.kernel(), v.pkg(), "signature-rejected", "not validly signed"
            + " by the stack's key: " + withCert.stream().filter(c -> !c.valid())
                .map(Object::toString).toList()));
        continue;
      }
      String signed = valid == withCert.size()
          ? withCert.size() + " module(s) signed by " + signing.certificate().getFileName()
          : (withCert.size() - valid) + " of " + withCert.size() + " module(s) not signed by "
              + signing.certificate().getFileName() + " (used as shipped)";
      KernelInputs k = kernels.stream().filter(x -> x.release().equals(v.kernel())).findFirst()
          .orElseThrow();
      Optional<Path> image = k.kernel().image();
      String enforced;
      if (image.isEmpty()) {
        enforced = "under enforcement: the kernel's built-in keys are unknown (no `image:`)";
      } else {
        TrustedKeys keys = builtin.computeIfAbsent(v.kernel(),
            r -> TrustedKeys.builder().addKernelImage(image.get()).build());
        List<SignedModules.Checked> byKernel = SignedModules.checkTree(v.pkg(),
            scratch.resolve(Integer.toString(n - 1)), keys);
        boolean accepted = byKernel.stream().allMatch(SignedModules.Checked::valid);
        enforced = accepted
            ? "accepted under enforcement by the kernel's built-in keys"
            : "refused under enforcement by the kernel's built-in keys ("
                + byKernel.stream().filter(c -> !c.valid()).findFirst().orElseThrow().verdict()
                    .outcome().name().toLowerCase(Locale.ROOT).replace('_', '-')
                + "): enroll " + signing.certificate() + " (mokutil --import)";
      }
      String detail = signed + "; " + enforced;
      out.add(new LoadVerdict(v.kernel(), v.pkg(), v.verdict(),
          v.detail().isEmpty() ? detail : v.detail() + "; " + detail));
    }
    return out;
  }
}
