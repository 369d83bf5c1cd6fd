// SPDX-License-Identifier: GPL-2.0
/*
 * rdmaforge test module: provider release 1 as an older release shipped it, with provider_gpl_fn
 * exported to every module. Only built so that modpost lets the proprietary module link against
 * provider_gpl_fn (it refuses a GPL-only symbol for a non-GPL module); the CRC is the same as
 * release 1's because it hashes the type, not the export kind.
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
EXPORT_SYMBOL(provider_gpl_fn);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("rdmaforge test provider, release 1 with provider_gpl_fn not yet GPL-only");
MODULE_VERSION("1");
