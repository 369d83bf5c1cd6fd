package dev.rdmaforge.check;

import dev.rdmaforge.depmod.tree.TreeView;
import dev.rdmaforge.kernel.keys.KernelCertificateCache;
import dev.rdmaforge.kernel.keys.ModuleSignatureVerifier;
import dev.rdmaforge.kernel.keys.TrustedKey;
import dev.rdmaforge.kernel.keys.TrustedKeys;
import dev.rdmaforge.kernel.keys.VerifiedSignatures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the signature judge for a request: the certificates built into the kernel image
 * (decompressed once and cached by image digest) plus {@code --trusted-cert} files, verified with
 * a cache of signatures already found good.
 */
public final class SignatureCheckers {
  private final boolean persistentCaches;

  /** The judge and where its keys came from; {@link #close()} saves what was verified. */
  public record Prepared(SignatureChecker checker, List<String> sources, VerifiedSignatures verified)
      implements AutoCloseable {
    @Override
    public void close() {
      if (verified != null) {
        try {
          verified.save();
        } catch (IOException e) {
          // only a cache: the next run verifies again
        }
      }
    }
  }

  private SignatureCheckers(boolean persistentCaches) {
    this.persistentCaches = persistentCaches;
  }

  /** Keys from the kernel image and {@code --trusted-cert}, with the user's caches. */
  public static SignatureCheckers standard() {
    return new SignatureCheckers(!"off".equals(System.getenv("RDMAFORGE_MODULE_CACHE")));
  }

  Prepared prepare(CheckRequest request, TreeView view) {
    List<String> sources = new ArrayList<>();
    Path image = KernelImages.find(request, view);
    if (image == null && request.trustedCerts().isEmpty()) {
      sources.add("keys: no kernel image (boot/vmlinuz-" + request.kernelRelease()
          + ") and no --trusted-cert: signatures are not verified, a signed module is taken"
          + " as trusted");
      return new Prepared(new UnverifiedSignatures(), sources, null);
    }
    TrustedKeys.Builder builder = TrustedKeys.builder();
    if (image != null) {
      if (persistentCaches) {
        builder.addEmbedded(
            KernelCertificateCache.at(KernelCertificateCache.defaultDirectory()).certificates(image));
      } else {
        builder.addKernelImage(image);
      }
    }
    for (Path cert : request.trustedCerts()) {
      builder.addCertificates(cert);
    }
    TrustedKeys keys = builder.build();
    for (TrustedKey k : keys.keys()) {
      sources.add("trusted key: " + k.description() + " (" + k.origin() + ")");
    }
    keys.skipped().forEach(s -> sources.add("certificate skipped: " + s));
    VerifiedSignatures verified = persistentCaches
        ? VerifiedSignatures.open(VerifiedSignatures.defaultFile())
        : VerifiedSignatures.inMemory();
    return new Prepared(new KeySignatures(new ModuleSignatureVerifier(verified), keys), sources,
        persistentCaches ? verified : null);
  }
}
