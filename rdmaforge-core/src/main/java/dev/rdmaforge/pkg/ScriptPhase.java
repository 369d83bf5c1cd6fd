package dev.rdmaforge.pkg;

/** When a package manager runs a maintainer script (rdmaforge never runs them). */
public enum ScriptPhase {
  /** RPM %pre, Debian preinst. */
  PRE_INSTALL,
  /** RPM %post, Debian postinst: where kmod packages run depmod or weak-modules. */
  POST_INSTALL,
  /** RPM %preun, Debian prerm. */
  PRE_REMOVE,
  /** RPM %postun, Debian postrm. */
  POST_REMOVE,
  /** RPM %pretrans. */
  PRE_TRANSACTION,
  /** RPM %posttrans: where RHEL kernels and kmods run weak-modules and dracut. */
  POST_TRANSACTION
}
