// SPDX-License-Identifier: GPL-2.0
/*
 * rdmaforge test module: names a firmware file (MODULE_FIRMWARE, as mlx5_core and hfi1 do) but
 * does not request it at load time, so it loads whether or not the image ships the file.
 */
#include <linux/module.h>

static int __init fw_user_init(void)
{
	return 0;
}

static void __exit fw_user_exit(void)
{
}

module_init(fw_user_init);
module_exit(fw_user_exit);
MODULE_LICENSE("GPL");
MODULE_FIRMWARE("rdmaforge-test/fw.bin");
MODULE_DESCRIPTION("rdmaforge test module naming a firmware file");
