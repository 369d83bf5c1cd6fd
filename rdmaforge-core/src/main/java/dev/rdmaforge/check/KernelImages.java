package dev.rdmaforge.check;

import dev.rdmaforge.depmod.tree.TreeView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the target kernel's image is: given with the request, or the image's own vmlinuz. */
final class KernelImages {
  private KernelImages() {}

  /** {@code --kernel-image}, else {@code ROOT/boot/vmlinuz-KVER} when present, else null. */
  static Path find(CheckRequest request, TreeView view) {
    if (request.kernelImage() != null) {
      return request.kernelImage();
    }
    try {
      Path inRoot = view.physical("/boot/vmlinuz-" + request.kernelRelease());
      return Files.isRegularFile(inRoot) ? inRoot : null;
    } catch (IOException e) {
      return null; // no image in the root
    }
  }
}
