// SPDX-License-Identifier: GPL-2.0
/*
 * rdmaforge test module: asks modprobe to load provider first (MODULE_SOFTDEP, as mlx5_ib-era
 * drivers do for crypto or firmware helpers) without using any of provider's symbols, so depmod
 * records no hard dependency.
 */
#include <linux/module.h>

static int __init softdep_user_init(void)
{
	return 0;
}

static void __exit softdep_user_exit(void)
{
}

module_init(softdep_user_init);
module_exit(softdep_user_exit);
MODULE_LICENSE("GPL");
MODULE_SOFTDEP("pre: provider");
MODULE_DESCRIPTION("rdmaforge test module with a soft dependency on provider");
