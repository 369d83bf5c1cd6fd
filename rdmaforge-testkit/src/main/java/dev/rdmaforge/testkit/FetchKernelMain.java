package dev.rdmaforge.testkit;

import java.util.List;

/**
 * Command-line entry to the kernel cache, for scripts such as {@code bench/depmod.sh}: fetches the
 * named kernels (or all three) and prints one line per kernel: {@code
 * RELEASE<TAB>MODULES_DIR<TAB>SYMVERS} ({@code -} when there are no headers).
 *
 * <p>Arguments: {@code oldest-6.1}, {@code newest-6.1}, {@code 6.12}, {@code all} (default), or an
 * exact release such as {@code 6.1.0-56-amd64}.
 */
public final class FetchKernelMain {

  private FetchKernelMain() {}

  /** Fetches and prints; exits 1 with the reason on failure. */
  public static void main(String[] args) {
    List<String> wanted = args.length == 0 ? List.of("all") : List.of(args);
    try {
      for (String which : wanted) {
        List<DebianKernel> kernels =
            switch (which) {
              case "all" -> DebianKernels.all();
              case "oldest-6.1" -> List.of(DebianKernels.oldest61());
              case "newest-6.1" -> List.of(DebianKernels.newest61());
              case "6.12" -> List.of(DebianKernels.series612());
              default -> List.of(DebianKernels.fetch(which));
            };
        for (DebianKernel k : kernels) {
          System.out.println(
              k.release()
                  + "\t"
                  + k.modulesDir()
                  + "\t"
                  + k.headersSymvers().map(Object::toString).orElse("-"));
        }
      }
    } catch (RuntimeException e) {
      System.err.println("fetch-kernel: " + e.getMessage());
      System.exit(1);
    }
  }
}
