package dev.rdmaforge.pkg;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a DEB's members before the data say: the control fields, conffiles, md5sums and maintainer
 * scripts, and where data.tar is.
 *
 * @param fields the control file
 * @param conffiles package paths listed in conffiles
 * @param md5sums package path to MD5, from md5sums
 * @param scripts preinst, postinst, prerm, postrm
 * @param data the data.tar member
 * @param dataCompression its compression
 */
record DebControl(
    ControlFields fields,
    Set<String> conffiles,
    Map<String, FileDigest> md5sums,
    List<PackageScript> scripts,
    ArArchive.Member data,
    PayloadCompression dataCompression) {}
