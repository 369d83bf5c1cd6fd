// SPDX-License-Identifier: GPL-2.0
/*
 * rdmaforge test module: provider, release 1. Stands for an out-of-tree library module (a vendor's
 * mlx_compat or ib_core) that other modules link against. provider_fn's CRC hashes its type
 * int(int); release 2 changes the type, so the CRC changes with it.
 */
#include <linux/module.h>

int provider_fn(int x)
{
	return x + 1;
}
EXPORT_SYMBOL(provider_fn);

int provider_gpl_fn(int x)
{
	return x + 2;
}
EXPORT_SYMBOL_GPL(provider_gpl_fn);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("rdmaforge test provider, release 1: int provider_fn(int)");
MODULE_VERSION("1");
