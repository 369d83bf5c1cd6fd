package dev.rdmaforge.fabric.render;

import dev.rdmaforge.fabric.model.FabricDescription;
import java.util.ArrayList;
import java.util.List;

/** Every renderer, in a fixed order, so two runs give the same files in the same order. */
public final class FabricRenderer {
  private final List<FileRenderer> renderers;

  /** All renderers. */
  public FabricRenderer() {
    this(all());
  }

  private static List<FileRenderer> all() {
    List<FileRenderer> all = new ArrayList<>();
    all.add(new PartitionsConfRenderer());
    all.add(new OpenSmConfRenderer());
    all.addAll(NeutronRenderers.all());
    all.add(new NovaRenderer());
    all.add(new HostRenderers());
    return all;
  }

  /** A chosen set of renderers (tests). */
  public FabricRenderer(List<FileRenderer> renderers) {
    this.renderers = List.copyOf(renderers);
  }

  /**
   * Renders every file for every node. The renderers are independent functions of the
   * description, so they run in parallel; the result keeps their fixed order.
   */
  public List<RenderedFile> render(FabricDescription d) {
    List<List<RenderedFile>> parts = renderers.parallelStream().map(r -> r.render(d)).toList();
    List<RenderedFile> out = new ArrayList<>();
    parts.forEach(out::addAll);
    return out;
  }
}
