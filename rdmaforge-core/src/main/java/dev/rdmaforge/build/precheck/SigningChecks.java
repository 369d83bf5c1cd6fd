package dev.rdmaforge.build.precheck;

import dev.rdmaforge.build.sign.SignFile;
import dev.rdmaforge.build.sign.SigningKeys;
import dev.rdmaforge.kernel.KernelConfig;
import dev.rdmaforge.kernel.keys.TrustedKey;
import dev.rdmaforge.kernel.keys.TrustedKeys;
import dev.rdmaforge.report.Finding;
import dev.rdmaforge.report.Location;
import dev.rdmaforge.report.Severity;
import dev.rdmaforge.stack.KernelInputs;
import dev.rdmaforge.stack.SigningSpec;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The checks of {@code signing:} (RF-STK-007 ... RF-STK-011): the key and certificate are readable
 * and belong together, each kernel can verify the hash and has a {@code sign-file}, and whether
 * the certificate is known to be trusted by the kernel.
 */
final class SigningChecks {
  /** The key or the certificate cannot be read as one. */
  static final String UNREADABLE = "RF-STK-007";
  /** The key did not make the certificate. */
  static final String MISMATCH = "RF-STK-008";
  /** The kernel cannot verify signatures with the hash. */
  static final String HASH = "RF-STK-009";
  /** The kernel's sign-file is not found. */
  static final String NO_SIGN_FILE = "RF-STK-010";
  /** The certificate is not among the keys known to be trusted by the kernel. */
  static final String NOT_TRUSTED = "RF-STK-011";

  /**
   * The crypto option each hash needs built in: the kernel verifies at load time, before any
   * crypto module could be loaded for it (CONFIG_MODULE_SIG_SHA* selects the same options).
   */
  private static final Map<String, String> CRYPTO = Map.of(
      "sha1", "CONFIG_CRYPTO_SHA1",
      "sha224", "CONFIG_CRYPTO_SHA256",
      "sha256", "CONFIG_CRYPTO_SHA256",
      "sha384", "CONFIG_CRYPTO_SHA512",
      "sha512", "CONFIG_CRYPTO_SHA512");

  private SigningChecks() {}

  static void check(SigningSpec signing, List<KernelInputs> kernels, List<KernelFinding> out) {
    Optional<X509Certificate> cert = certificate(signing.certificate(), out);
    Optional<PrivateKey> key = privateKey(signing.key(), out);
    if (cert.isPresent() && key.isPresent()) {
      SigningKeys.mismatch(key.get(), cert.get()).ifPresent(why -> out.add(new KernelFinding("",
          new Finding(MISMATCH, Severity.ERROR, Location.of(signing.key().toString()),
              "the signing key " + signing.key() + " does not belong to the certificate "
                  + signing.certificate() + ": " + why,
              "give the certificate made with this key (openssl req -new -x509 -key KEY ...)"
                  + " or the key of this certificate"))));
    }
    for (KernelInputs k : kernels) {
      hash(signing.hash(), k, out);
      if (SignFile.find(k.headers(), k.release()).isEmpty()) {
        out.add(new KernelFinding(k.release(), new Finding(NO_SIGN_FILE, Severity.ERROR,
            Location.of(k.headers().toString()), "kernel " + k.release() + ": no executable"
                + " sign-file at " + SignFile.candidates(k.headers(), k.release()).stream()
                    .map(Path::toString).collect(Collectors.joining(" or ")),
            "install the kernel's build tools (Debian: linux-kbuild-"
                + series(k.release()) + "; RHEL: kernel-devel), or give a headers tree with"
                + " scripts/sign-file")));
      }
      cert.ifPresent(c -> trust(signing, c, k, out));
    }
  }

  /**
   * RF-STK-011: whether the kernel's built-in keys (its image's, when {@code image:} is given)
   * hold the certificate's key; either way an info finding, since a key enrolled with mokutil
   * (the secondary keyring) also makes the modules load under enforcement.
   */
  private static void trust(SigningSpec signing, X509Certificate c, KernelInputs k,
      List<KernelFinding> out) {
    String subject = c.getSubjectX500Principal().getName();
    Optional<Path> image = k.kernel().image();
    String mok = "enroll the certificate on each node: mokutil --import " + signing.certificate()
        + " (DER) and confirm at the next boot";
    if (image.isEmpty()) {
      out.add(new KernelFinding(k.release(), new Finding(NOT_TRUSTED, Severity.INFO,
          Location.of(signing.certificate().toString()), "kernel " + k.release()
              + " is not known to trust '" + subject + "': the stack gives no `image:`, so its"
              + " built-in keys are unknown here; unless the certificate is built in, the signed"
              + " modules load only without enforcement (no module.sig_enforce=1, no Secure Boot"
              + " lockdown)", mok + "; give the kernel's `image:` to decide")));
      return;
    }
    TrustedKeys builtin = TrustedKeys.builder().addKernelImage(image.get()).build();
    boolean trusted = false;
    for (TrustedKey key : builtin.keys()) {
      try {
        trusted |= SigningKeys.certificate(key.der()).getPublicKey().equals(c.getPublicKey());
      } catch (SigningKeys.KeyProblem e) {
        // A built-in certificate Java cannot read is not the stack's certificate.
      }
    }
    out.add(new KernelFinding(k.release(), new Finding(NOT_TRUSTED, Severity.INFO,
        Location.of(image.get().toString()), trusted
            ? "kernel " + k.release() + " has '" + subject + "' among its " + builtin.keys().size()
                + " built-in keys: the signed modules load under enforcement"
            : "kernel " + k.release() + " does not have '" + subject + "' among its "
                + builtin.keys().size() + " built-in keys: under enforcement"
                + " (module.sig_enforce=1, Secure Boot lockdown) the signed modules are refused"
                + " (-EKEYREJECTED) until the certificate is enrolled; without enforcement they"
                + " load", trusted ? "" : mok)));
  }

  private static void hash(String hash, KernelInputs k, List<KernelFinding> out) {
    KernelConfig config = KernelConfig.read(k.config());
    List<String> lines = TextLines.read(k.config());
    String sig = "CONFIG_MODULE_SIG_" + hash.toUpperCase(Locale.ROOT);
    String crypto = CRYPTO.get(hash);
    if (!config.isEnabled("CONFIG_MODULE_SIG")) {
      return; // a kernel that checks no signatures accepts any; nothing to refuse
    }
    if (config.isEnabled(sig) || config.isEnabled(crypto)) {
      return;
    }
    int line = TextLines.firstStartingWith(lines, crypto + "=");
    if (line == 0) {
      line = TextLines.firstStartingWith(lines, "# " + crypto + " ");
    }
    String hashLine = config.value("CONFIG_MODULE_SIG_HASH").orElse("");
    out.add(new KernelFinding(k.release(), new Finding(HASH, Severity.ERROR,
        line == 0 ? Location.of(k.config().toString()) : Location.at(k.config().toString(), line),
        "kernel " + k.release() + " cannot verify " + hash + " module signatures: neither "
            + sig + " nor " + crypto + " is =y in its config",
        "use `hash: " + (hashLine.isEmpty() ? "sha256" : hashLine.replace("\"", ""))
            + "` (the kernel's CONFIG_MODULE_SIG_HASH)")));
  }

  private static Optional<X509Certificate> certificate(Path file, List<KernelFinding> out) {
    try {
      return Optional.of(SigningKeys.certificate(file));
    } catch (SigningKeys.KeyProblem p) {
      out.add(unreadable(p, "give the certificate of the signing key, PEM or DER"
          + " (openssl x509 -in CERT -noout -text shows it)"));
      return Optional.empty();
    }
  }

  private static Optional<PrivateKey> privateKey(Path file, List<KernelFinding> out) {
    try {
      return Optional.of(SigningKeys.privateKey(file));
    } catch (SigningKeys.KeyProblem p) {
      out.add(unreadable(p, "give an unencrypted PEM private key readable by this user, as"
          + " sign-file takes it (openssl pkey -in KEY -out key.pem)"));
      return Optional.empty();
    }
  }

  private static KernelFinding unreadable(SigningKeys.KeyProblem p, String fix) {
    return new KernelFinding("", new Finding(UNREADABLE, Severity.ERROR,
        Location.of(p.file().toString()), p.getMessage(), fix));
  }

  private static String series(String release) {
    int dot = release.indexOf('.');
    int end = dot < 0 ? -1 : release.indexOf('.', dot + 1);
    return end < 0 ? "MAJOR.MINOR" : release.substring(0, end);
  }
}
