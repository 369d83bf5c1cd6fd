// SPDX-License-Identifier: GPL-2.0-only
/* ofa_compat: the compat module of the ofa-like example stack. */
#include <linux/module.h>
#include <ofa_like/compat.h>

const char *ofa_compat_dependency_symbol(void)
{
	return "ofa-like compat 1.0";
}
EXPORT_SYMBOL(ofa_compat_dependency_symbol);

static int __init ofa_compat_init(void)
{
	return 0;
}

static void __exit ofa_compat_exit(void)
{
}

module_init(ofa_compat_init);
module_exit(ofa_compat_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("ofa-like compat layer (rdmaforge example)");
MODULE_VERSION("1.0");
