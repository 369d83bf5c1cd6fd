/*
 * rdmaforge test module: a non-GPL vendor module calling a GPL-only export. The kernel does not
 * let it bind provider_gpl_fn: Unknown symbol.
 */
#include <linux/module.h>

int provider_gpl_fn(int x);

static int __init proprietary_init(void)
{
	return provider_gpl_fn(-2);
}

static void __exit proprietary_exit(void)
{
}

module_init(proprietary_init);
module_exit(proprietary_exit);
MODULE_LICENSE("Proprietary");
MODULE_DESCRIPTION("rdmaforge test proprietary module using a GPL-only symbol");
