// SPDX-License-Identifier: GPL-2.0
/* rdmaforge test module: top of the chain top -> middle -> provider; uses middle_fn. */
#include <linux/module.h>

int middle_fn(int x);

static int __init top_init(void)
{
	return middle_fn(-1);
}

static void __exit top_exit(void)
{
}

module_init(top_init);
module_exit(top_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("rdmaforge test top of a dependency chain");
