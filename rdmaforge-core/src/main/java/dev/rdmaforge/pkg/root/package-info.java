/**
 * A package root: a kernel package and packages seen as if installed, for {@code rdmaforge check
 * --packages}. {@link dev.rdmaforge.pkg.root.PackageRoots#build} lays the packages out below an
 * output directory (only what module loading reads, {@link dev.rdmaforge.pkg.root.RootSelection}),
 * never writing outside it; reads their install scripts without running them ({@code
 * ScriptEffects}: depmod is reproduced by rdmaforge's own resolution; RHEL's {@code weak-modules}
 * links are predicted by {@code WeakUpdatesPredictor} with the reusable {@link
 * dev.rdmaforge.pkg.root.WeakModulesCompatibility} decision); and reports conflicts between the
 * packages: {@code RF-PKG-001} a module name shadowed by another package's file of that name,
 * {@code RF-PKG-002} a path shipped with different content, {@code RF-PKG-003} depmod.d lines that
 * match nothing.
 */
package dev.rdmaforge.pkg.root;
