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
    return all;
  }

  /** A chosen set of renderers (tests). */
  public FabricRenderer(List<FileRenderer> renderers) {
    this.renderers = List.copyOf(renderers);
  }

  /** Renders every file for every node. */
  public List<RenderedFile> render(FabricDescription d) {
    List<RenderedFile> out = new ArrayList<>();
    for (FileRenderer r : renderers) {
      out.addAll(r.render(d));
    }
    return out;
  }
}
