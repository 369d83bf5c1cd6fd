package dev.rdmaforge.fabric.render;

import dev.rdmaforge.fabric.kernel.BundledKernelFacts;
import dev.rdmaforge.fabric.kernel.KernelFacts;
import dev.rdmaforge.fabric.kernel.ModuleTreeFacts;
import dev.rdmaforge.fabric.model.FabricDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * The host files: modprobe.d, /etc/rdma/modules or openib.conf, the IPoIB interface, the kernel
 * command line, and the diskimage-builder fragment. They share one look at the target kernel
 * (its module tree when the description names one, else the bundled Debian 6.1 table), read
 * once per render.
 */
public final class HostRenderers implements FileRenderer {

  /** The facts the description's kernel block points at. */
  public static KernelFacts facts(FabricDescription d) {
    return d.kernel().flatMap(k -> k.modules()).<KernelFacts>map(ModuleTreeFacts::open)
        .orElse(BundledKernelFacts.debian61());
  }

  @Override
  public List<RenderedFile> render(FabricDescription d) {
    KernelFacts facts = facts(d);
    List<RenderedFile> out = new ArrayList<>();
    out.addAll(ModprobeRenderer.render(d, ModuleOptionPlan.of(d, facts), facts));
    out.addAll(RdmaStackRenderer.render(d, facts));
    out.addAll(IpoibRenderer.render(d));
    out.addAll(KernelCmdlineRenderer.render(d));
    out.addAll(DibRenderer.render(d));
    return out;
  }
}
