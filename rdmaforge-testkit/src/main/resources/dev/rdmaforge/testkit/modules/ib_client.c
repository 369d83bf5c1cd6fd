// SPDX-License-Identifier: GPL-2.0
/*
 * rdmaforge test module: a vendor consumer of the in-tree RDMA core (as Lustre's ko2iblnd or a
 * storage target is). Registers an ib_client, so its __versions carries ib_core's CRCs of
 * ib_register_client and ib_unregister_client from the kernel's Module.symvers.
 */
#include <linux/module.h>
#include <rdma/ib_verbs.h>

static int ib_client_add(struct ib_device *device)
{
	return 0;
}

static void ib_client_remove(struct ib_device *device, void *client_data)
{
}

static struct ib_client rdmaforge_client = {
	.name = "rdmaforge_test",
	.add = ib_client_add,
	.remove = ib_client_remove,
};

static int __init ib_client_init(void)
{
	return ib_register_client(&rdmaforge_client);
}

static void __exit ib_client_exit(void)
{
	ib_unregister_client(&rdmaforge_client);
}

module_init(ib_client_init);
module_exit(ib_client_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("rdmaforge test consumer of the in-tree ib_core");
