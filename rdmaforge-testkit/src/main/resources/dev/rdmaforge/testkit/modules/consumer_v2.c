// SPDX-License-Identifier: GPL-2.0
/*
 * rdmaforge test module: consumer rebuilt for provider release 2 (the fix for a CRC mismatch):
 * its __versions records release 2's CRC of provider_fn.
 */
#include <linux/module.h>

long provider_fn(long a, long b);

static int __init consumer_init(void)
{
	return provider_fn(1, -1);
}

static void __exit consumer_exit(void)
{
}

module_init(consumer_init);
module_exit(consumer_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("rdmaforge test consumer of provider_fn, built against release 2");
