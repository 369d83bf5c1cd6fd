package dev.rdmaforge.fabric.model;

import java.util.List;

/**
 * The diskimage-builder / TripleO image fragment (StackHPC's {@code mlnx-ofed} element).
 *
 * @param imageName the TripleO image ({@code overcloud-full})
 * @param ofedVersion {@code DIB_MLNX_OFED_VERSION}
 * @param repo {@code DIB_MLNX_OFED_REPO}
 * @param packages {@code DIB_MLNX_OFED_PKGLIST}
 * @param deleteRepo {@code DIB_MLNX_OFED_DELETE_REPO}
 */
public record DibImage(
    String imageName, String ofedVersion, String repo, List<String> packages, boolean deleteRepo) {
  /** Copies the list. */
  public DibImage {
    packages = List.copyOf(packages);
  }
}
