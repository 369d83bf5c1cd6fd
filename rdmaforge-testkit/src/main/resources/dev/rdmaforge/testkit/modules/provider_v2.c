// SPDX-License-Identifier: GPL-2.0
/*
 * rdmaforge test module: provider, release 2. provider_fn now takes and returns long values, so
 * modpost gives it another CRC: a consumer built against release 1 must be refused by the kernel.
 */
#include <linux/module.h>

long provider_fn(long a, long b)
{
	return a + b;
}
EXPORT_SYMBOL(provider_fn);

int provider_gpl_fn(int x)
{
	return x + 2;
}
EXPORT_SYMBOL_GPL(provider_gpl_fn);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("rdmaforge test provider, release 2: long provider_fn(long, long)");
MODULE_VERSION("2");
