package dev.rdmaforge.image.apply;

import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the last successful apply recorded in the image ({@link #FILE}, schema 1): the kernel it
 * applied for and that kernel's image digest, every kernel the image had then, the packages and
 * module names. {@code image verify} holds a later state of the image against it: the kernel
 * pinning guard.
 *
 * @param kernel the release applied for
 * @param vmlinuzSha256 SHA-256 of {@code boot/vmlinuz-RELEASE} then ("" when it had none)
 * @param kernels every kernel release the image had then
 * @param packages the stack's package names
 * @param modules the stack's module names
 */
public record AppliedState(String kernel, String vmlinuzSha256, List<String> kernels,
    List<String> packages, List<String> modules) {
  /** The file, relative to the root. */
  public static final String FILE = "var/lib/rdmaforge/applied.json";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Copies the lists. */
  public AppliedState {
    kernels = List.copyOf(kernels);
    packages = List.copyOf(packages);
    modules = List.copyOf(modules);
  }

  /** Writes it into {@code root} (temporary file, then rename). */
  void write(Path root) {
    ObjectNode n = JSON.createObjectNode().put("schema", 1).put("kernel", kernel)
        .put("vmlinuz_sha256", vmlinuzSha256);
    kernels.forEach(n.putArray("kernels")::add);
    packages.forEach(n.putArray("packages")::add);
    modules.forEach(n.putArray("modules")::add);
    Path file = root.resolve(FILE);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(tmp, JSON.writeValueAsString(n) + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The state recorded in {@code root}, if an apply recorded one. */
  public static Optional<AppliedState> read(Path root) {
    Path file = root.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode n = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
      return Optional.of(new AppliedState(n.get("kernel").asString(),
          n.get("vmlinuz_sha256").asString(), strings(n.get("kernels")),
          strings(n.get("packages")), strings(n.get("modules"))));
    } catch (IOException | RuntimeException e) {
      throw new UserInputException(file + ": cannot be read (" + e.getMessage() + "); run"
          + " `rdmaforge image apply` again to record the image's state", e);
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asString()));
    return out;
  }

  /** SHA-256 of a file, "" when it does not exist. */
  static String sha256(Optional<Path> file) {
    if (file.isEmpty() || !Files.isRegularFile(file.get())) {
      return "";
    }
    try (var in = Files.newInputStream(file.get())) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int r; (r = in.read(buf)) > 0; ) {
        md.update(buf, 0, r);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
