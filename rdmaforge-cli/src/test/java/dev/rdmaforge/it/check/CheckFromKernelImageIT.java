package dev.rdmaforge.it.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.Rdmaforge;
import dev.rdmaforge.testkit.modules.CheckScenario;
import dev.rdmaforge.testkit.modules.CheckScenarios;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A node image without linux-headers (Debian installs none by default, and kmod packages are
 * checked against the kernel package alone): {@code check} then takes the kernel's exports and
 * CRCs from the export tables of the image's own vmlinuz. For every scenario of {@link
 * CheckAgainstKernelIT} the verdicts, symbols and load orders must be those given with the
 * headers' Module.symvers — which are the booted kernel's — so the image is as good a source. The
 * roots get the kernel package's boot/config-KVER, as an image has it.
 */
class CheckFromKernelImageIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path base;

  @Test
  void everyScenario_sameVerdictsFromTheKernelImageAsFromModuleSymvers() throws IOException {
    int compared = 0;
    for (CheckScenario s : CheckScenarios.standard().buildAll(base)) {
      List<String> withSymvers = s.checkArguments();
      List<String> withoutSymvers = new ArrayList<>(withSymvers);
      int at = withoutSymvers.indexOf("--symvers");
      assertThat(at).as(s.id() + " is checked with --symvers").isNotNegative();
      withoutSymvers.remove(at + 1);
      withoutSymvers.remove(at);
      installKernelConfig(s, withSymvers);

      JsonNode expected = check(withSymvers);
      JsonNode actual = check(withoutSymvers);
      assertThat(actual.get("sources").toString()).contains("__ksymtab");
      assertThat(summary(actual)).as(s.id()).isEqualTo(summary(expected));
      compared += expected.get("results").size();
    }
    assertThat(compared).isGreaterThanOrEqualTo(40);
  }

  /**
   * The scenario roots hold only the test modules; a real image without headers still has the
   * kernel package's boot/config-KVER (the headers' .config is what --symvers brought along).
   */
  private static void installKernelConfig(CheckScenario s, List<String> arguments)
      throws IOException {
    Path vmlinuz = Path.of(arguments.get(arguments.indexOf("--kernel-image") + 1));
    String release = vmlinuz.getFileName().toString().substring("vmlinuz-".length());
    Path config = s.root().resolve("boot/config-" + release);
    if (!Files.exists(config)) {
      Files.createDirectories(config.getParent());
      Files.copy(vmlinuz.resolveSibling("config-" + release), config);
    }
  }

  private static JsonNode check(List<String> arguments) {
    List<String> args = new ArrayList<>(List.of("check", "--json"));
    args.addAll(arguments);
    ProcessResult r = Rdmaforge.run(args);
    assertThat(r.exitCode()).as(r.describe()).isIn(0, 1);
    return JSON.readTree(r.stdout());
  }

  /** What the kernel decided per module: verdict, symbols, load order. */
  private static List<String> summary(JsonNode doc) {
    List<String> lines = new ArrayList<>();
    for (JsonNode result : doc.get("results")) {
      lines.add(result.get("module").asString() + " " + result.get("verdict").asString() + " "
          + result.get("symbols") + " " + result.get("load_order"));
    }
    return lines;
  }
}
