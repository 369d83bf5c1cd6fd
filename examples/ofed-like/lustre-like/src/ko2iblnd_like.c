// SPDX-License-Identifier: GPL-2.0-only
/*
 * ko2iblnd_like: the o2ib-like network driver of the lustre-like example. It
 * is built against an ofa-like provider's headers and Module.symvers (the
 * spec's o2ib_path, as Lustre's --with-o2ib=PATH), so the CRCs it records
 * for ofa_core's exports are those of that provider build.
 */
#include <linux/module.h>
#include <lnet_like/lnd.h>
#include <rdma/ib_cm.h>
#include <rdma/ib_verbs.h>
#include <rdma/rdma_cm.h>

#ifndef OFA_LIKE_ABI
#error "the kernel's rdma headers were found before the o2ib path's include directory"
#endif

static struct ofa_pd *kiblnd_like_pd;
static struct ofa_cm_id *kiblnd_like_listener;

static int kiblnd_like_add(struct ofa_device *device);
static void kiblnd_like_remove(struct ofa_device *device);

static struct ofa_client kiblnd_like_client = {
	.name = "ko2iblnd_like",
	.add = kiblnd_like_add,
	.remove = kiblnd_like_remove,
};

static int kiblnd_like_add(struct ofa_device *device)
{
	kiblnd_like_pd = ofa_alloc_pd(device, 0);
	if (!kiblnd_like_pd)
		return -ENOMEM;
	kiblnd_like_listener = ofa_create_cm_id(&kiblnd_like_client, kiblnd_like_pd);
	if (!kiblnd_like_listener) {
		ofa_dealloc_pd(kiblnd_like_pd);
		return -ENOMEM;
	}
	return 0;
}

static void kiblnd_like_remove(struct ofa_device *device)
{
	ofa_destroy_cm_id(kiblnd_like_listener);
	ofa_dealloc_pd(kiblnd_like_pd);
}

static int kiblnd_like_startup(void)
{
	return ofa_register_client(&kiblnd_like_client);
}

static void kiblnd_like_shutdown(void)
{
	ofa_unregister_client(&kiblnd_like_client);
}

static struct lnet_like_lnd kiblnd_like_lnd = {
	.name = "o2ib_like",
	.startup = kiblnd_like_startup,
	.shutdown = kiblnd_like_shutdown,
};

static int __init kiblnd_like_init(void)
{
	return lnet_like_register_lnd(&kiblnd_like_lnd);
}

static void __exit kiblnd_like_exit(void)
{
	lnet_like_unregister_lnd(&kiblnd_like_lnd);
}

module_init(kiblnd_like_init);
module_exit(kiblnd_like_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("o2ib-like LNet driver (rdmaforge example)");
MODULE_VERSION("1.0");
