package dev.rdmaforge.kernel.keys;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The keys a kernel would use to check module signatures: the certificates built into its image
 * (the builtin trusted keyring) plus any the user adds ({@code --trusted-cert}: MOK or other keys
 * that reach the secondary keyring). Certificates the kernel would refuse to load are kept aside
 * in {@link #skipped()} with the reason. Immutable and safe to share between threads.
 *
 * <pre>{@code
 * TrustedKeys keys = TrustedKeys.builder()
 *     .addKernelImage(Path.of("root/boot/vmlinuz-6.1.0-56-amd64"))
 *     .addCertificates(Path.of("/var/lib/shim-signed/mok"))
 *     .build();
 * }</pre>
 */
public final class TrustedKeys {
  private final List<TrustedKey> keys;
  private final List<SkippedCertificate> skipped;
  private final Map<ByteBuffer, Integer> byId;
  private final Map<ByteBuffer, Integer> bySkid;

  private TrustedKeys(List<TrustedKey> keys, List<SkippedCertificate> skipped) {
    this.keys = List.copyOf(keys);
    this.skipped = List.copyOf(skipped);
    this.byId = new HashMap<>();
    this.bySkid = new HashMap<>();
    for (int i = 0; i < this.keys.size(); i++) {
      ParsedCertificate certificate = this.keys.get(i).certificate();
      byId.putIfAbsent(ByteBuffer.wrap(certificate.id()), i);
      byte[] skid = certificate.skid();
      if (skid != null) {
        bySkid.putIfAbsent(ByteBuffer.wrap(skid), i);
      }
    }
  }

  /** No keys at all: every signed module is {@link SignatureOutcome#KEY_UNAVAILABLE}. */
  public static TrustedKeys none() {
    return new TrustedKeys(List.of(), List.of());
  }

  /** A builder; keys are searched in the order they are added (the image's first). */
  public static Builder builder() {
    return new Builder();
  }

  /** The usable keys, in search order. */
  public List<TrustedKey> keys() {
    return keys;
  }

  /** Certificates the kernel would not load, with the reason. */
  public List<SkippedCertificate> skipped() {
    return skipped;
  }

  /** What a keyring search found. */
  record Lookup(TrustedKey key, boolean rejected) {
    static final Lookup NOT_FOUND = new Lookup(null, false);
    static final Lookup REJECTED = new Lookup(null, true);

    boolean found() {
      return key != null;
    }
  }

  /**
   * {@code find_asymmetric_key(keyring, id0, id1, NULL, false)}: the first key one of whose ids
   * (issuer+serial, subject key id) equals {@code id0} (or {@code id1} when {@code id0} is null);
   * when both are given, the key's subject key id must also equal {@code id1}, else the search is
   * rejected (not merely unsuccessful).
   */
  Lookup find(byte[] id0, byte[] id1) {
    byte[] wanted = id0 != null ? id0 : id1;
    if (wanted == null) {
      return Lookup.NOT_FOUND;
    }
    ByteBuffer key = ByteBuffer.wrap(wanted);
    Integer first = byId.get(key);
    Integer second = bySkid.get(key);
    if (first == null && second == null) {
      return Lookup.NOT_FOUND;
    }
    // The keyring search returns the earliest key matching by either id.
    int index = first == null ? second : second == null ? first : Math.min(first, second);
    TrustedKey found = keys.get(index);
    if (id0 != null && id1 != null) {
      byte[] skid = found.certificate().skid();
      if (skid == null || !java.util.Arrays.equals(skid, id1)) {
        return Lookup.REJECTED;
      }
    }
    return new Lookup(found, false);
  }

  @Override
  public String toString() {
    return "TrustedKeys[" + keys.size() + " keys, " + skipped.size() + " skipped]";
  }

  /** Collects keys from kernel images and certificate files. Not thread-safe. */
  public static final class Builder {
    private final List<TrustedKey> keys = new ArrayList<>();
    private final List<SkippedCertificate> skipped = new ArrayList<>();
    private final Set<ByteBuffer> seen = new HashSet<>();

    private Builder() {}

    /**
     * Adds the certificates built into a kernel image (decompressed here; see {@link
     * KernelCertificateCache} to avoid doing that on every run).
     *
     * @throws dev.rdmaforge.report.UserInputException when the image cannot be read
     */
    public Builder addKernelImage(Path vmlinuz) {
      return addEmbedded(EmbeddedCertificates.find(KernelImage.read(vmlinuz)));
    }

    /** Adds certificates found in a kernel image, as the kernel loads them at boot. */
    public Builder addEmbedded(EmbeddedCertificates certificates) {
      String origin = "kernel image " + certificates.source();
      for (EmbeddedCertificates.Blob blob : certificates.blobs()) {
        add(blob.der(), origin);
      }
      return this;
    }

    /**
     * Adds the certificates of a PEM or DER file, or of the certificate files in a directory.
     *
     * @throws dev.rdmaforge.report.UserInputException naming the file and the place when a file
     *     is not a certificate
     */
    public Builder addCertificates(Path fileOrDirectory) {
      for (CertificateFiles.Source source : CertificateFiles.read(fileOrDirectory)) {
        add(source.der(), source.origin());
      }
      return this;
    }

    /**
     * Adds one DER certificate; one the kernel would refuse goes to {@link #skipped()}, a repeat of
     * one already added is ignored.
     */
    public Builder add(byte[] der, String origin) {
      Objects.requireNonNull(origin, "origin");
      if (!seen.add(ByteBuffer.wrap(der.clone()))) {
        return this;
      }
      try {
        keys.add(new TrustedKey(ParsedCertificate.parse(der), origin));
      } catch (KernelRefusal refusal) {
        skipped.add(new SkippedCertificate(origin, refusal.errno(), refusal.getMessage()));
      }
      return this;
    }

    /** The keys collected so far. */
    public TrustedKeys build() {
      return new TrustedKeys(keys, skipped);
    }
  }
}
