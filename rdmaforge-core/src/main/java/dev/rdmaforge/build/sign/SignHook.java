package dev.rdmaforge.build.sign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The rpmbuild hook that signs every module of a build root before it is packaged, for any
 * vendor SRPM without changing it: {@code __spec_install_post} redefined as rpm's own chain
 * followed by a small script over {@code %{buildroot}}, as kmodtool's {@code
 * %{__modsign_install_post}} does. It runs after the debuginfo extraction and rpm's strip
 * scripts, so nothing changes a module after it is signed, and before the file digests of the
 * binary packages are computed. Compressed modules ({@code .ko.xz} ...) stop the build: signing
 * must come before compression, which only the SRPM's own spec can order.
 */
public final class SignHook {
  /** The script's name in the build root. */
  public static final String SCRIPT = "sign-modules.sh";

  /** rpm's default {@code __spec_install_post} body, which the hook keeps in front of itself. */
  static final String RPM_CHAIN =
      "%{?__debug_package:%{__debug_install_post}} %{__arch_install_post} %{__os_install_post}";

  private static final String SCRIPT_TEXT = """
      #!/bin/sh
      # Written by rdmaforge: sign every kernel module below the build root with the stack's key,
      # using the kernel's own sign-file. Arguments: SIGN-FILE HASH KEY CERT BUILDROOT
      set -e
      sign_file=$1 hash=$2 key=$3 cert=$4 root=$5
      compressed=$(find "$root" -type f \\( -name '*.ko.xz' -o -name '*.ko.gz' \\
        -o -name '*.ko.zst' \\) | head -n 1)
      if [ -n "$compressed" ]; then
        echo "rdmaforge: error: $compressed is compressed before it could be signed;" \\
          "build the SRPM without module compression" >&2
        exit 1
      fi
      find "$root" -type f -name '*.ko' | LC_ALL=C sort | while IFS= read -r m; do
        "$sign_file" "$hash" "$key" "$cert" "$m" || exit 1
        echo "rdmaforge: signed ${m#"$root"}"
      done
      """;

  private SignHook() {}

  /** The SHA-256 of the script: a step key input, so a changed hook rebuilds. */
  public static String scriptDigest() {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(SCRIPT_TEXT.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Writes the script into {@code root} and returns the {@code --define} arguments that run it
   * with {@code signing} at the end of {@code %install}.
   */
  public static List<String> install(Path root, ModuleSigning signing) {
    Path script = root.resolve(SCRIPT);
    try {
      Files.writeString(script, SCRIPT_TEXT);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + script, e);
    }
    return List.of("--define", "__spec_install_post " + RPM_CHAIN + " " + command(script,
        signing) + " %{buildroot}");
  }

  /** {@code /bin/sh SCRIPT SIGN-FILE HASH KEY CERT}, each quoted for the shell and for rpm. */
  static String command(Path script, ModuleSigning s) {
    return String.join(" ", List.of("/bin/sh", quote(script.toString()),
        quote(s.signFile().toString()), quote(s.hash()), quote(s.key().toString()),
        quote(s.certificate().toString())));
  }

  /** Single-quoted for sh; {@code %} doubled so rpm does not expand it as a macro. */
  static String quote(String s) {
    return "'" + s.replace("'", "'\\''").replace("%", "%%") + "'";
  }
}
