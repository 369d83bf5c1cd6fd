// SPDX-License-Identifier: GPL-2.0
/*
 * rdmaforge test module: consumer. Stands for a module built against one release of an
 * out-of-tree provider (o2iblnd against a vendor ib_core): its __versions records the CRC of
 * provider_fn from the Module.symvers it was built with.
 */
#include <linux/module.h>

int provider_fn(int x);

static int __init consumer_init(void)
{
	return provider_fn(-1);
}

static void __exit consumer_exit(void)
{
}

module_init(consumer_init);
module_exit(consumer_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("rdmaforge test consumer of provider_fn");
