// SPDX-License-Identifier: GPL-2.0
/*
 * rdmaforge test module: plain. Depends on nothing but the kernel; stands for any out-of-tree
 * module in the signature, taint and vermagic scenarios.
 */
#include <linux/module.h>

static int __init plain_init(void)
{
	pr_info("rdmaforge plain test module loaded\n");
	return 0;
}

static void __exit plain_exit(void)
{
}

module_init(plain_init);
module_exit(plain_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("rdmaforge test module without dependencies");
