// SPDX-License-Identifier: GPL-2.0-only
/*
 * ofa_core: the core of the ofa-like example stack. It keeps one software
 * device and a list of clients; a client's add() runs for the device when
 * the client registers, its remove() when it unregisters.
 */
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <ofa_like/compat.h>
#include <rdma/ib_cm.h>
#include <rdma/ib_verbs.h>
#include <rdma/rdma_cm.h>

#ifndef OFA_LIKE_ABI
#error "the kernel's rdma headers were found before ofa-like's include directory"
#endif

static DEFINE_MUTEX(ofa_lock);
static LIST_HEAD(ofa_clients);
static struct ofa_device ofa_soft_device = {
	.name = "ofa0",
	.max_pd = 64,
};

int ofa_register_client(struct ofa_client *client)
{
	int ret = 0;

	mutex_lock(&ofa_lock);
	if (client->add)
		ret = client->add(&ofa_soft_device);
	if (!ret)
		list_add_tail(&client->list, &ofa_clients);
	mutex_unlock(&ofa_lock);
	return ret;
}
EXPORT_SYMBOL(ofa_register_client);

void ofa_unregister_client(struct ofa_client *client)
{
	mutex_lock(&ofa_lock);
	list_del(&client->list);
	if (client->remove)
		client->remove(&ofa_soft_device);
	mutex_unlock(&ofa_lock);
}
EXPORT_SYMBOL(ofa_unregister_client);

struct ofa_pd *ofa_alloc_pd(struct ofa_device *device, unsigned int flags)
{
	struct ofa_pd *pd = kzalloc(sizeof(*pd), GFP_KERNEL);

	if (!pd)
		return NULL;
	pd->device = device;
	pd->flags = flags;
	return pd;
}
EXPORT_SYMBOL(ofa_alloc_pd);

void ofa_dealloc_pd(struct ofa_pd *pd)
{
	kfree(pd);
}
EXPORT_SYMBOL(ofa_dealloc_pd);

struct ofa_cm_id *ofa_create_cm_id(struct ofa_client *client, struct ofa_pd *pd)
{
	struct ofa_cm_id *id = kzalloc(sizeof(*id), GFP_KERNEL);

	if (!id)
		return NULL;
	id->client = client;
	id->pd = pd;
	id->state = OFA_CM_IDLE;
	return id;
}
EXPORT_SYMBOL(ofa_create_cm_id);

void ofa_destroy_cm_id(struct ofa_cm_id *id)
{
	kfree(id);
}
EXPORT_SYMBOL(ofa_destroy_cm_id);

static int __init ofa_core_init(void)
{
	INIT_LIST_HEAD(&ofa_soft_device.list);
	pr_info("ofa_core: %s, device %s\n", ofa_compat_dependency_symbol(),
		ofa_soft_device.name);
	return 0;
}

static void __exit ofa_core_exit(void)
{
}

module_init(ofa_core_init);
module_exit(ofa_core_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("ofa-like RDMA core (rdmaforge example)");
MODULE_VERSION("1.0");
