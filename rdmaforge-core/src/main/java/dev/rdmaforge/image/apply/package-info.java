/**
 * Putting a rebuilt driver stack into an image root in one step ({@code rdmaforge image apply}):
 * the image's own kernel is found inside the root ({@link dev.rdmaforge.image.ImageKernels}), the
 * stack's packages for that kernel are picked from the build's output or a repository ({@link
 * dev.rdmaforge.image.apply.StackPackages}), installed with the image's own package manager run
 * against the root ({@link dev.rdmaforge.image.apply.RootPackageManager}), made to win with
 * depmod.d override lines computed from the resolution ({@link
 * dev.rdmaforge.image.apply.OverrideLines}), depmod is run for the image's kernel, and the check of
 * every module of the stack decides. Every change is journalled first ({@link
 * dev.rdmaforge.image.apply.ApplyJournal}) so that a failed or interrupted apply is undone.
 */
package dev.rdmaforge.image.apply;
