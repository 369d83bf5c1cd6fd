/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ofa-like verbs: a few ib_*-style entry points with rdmaforge's own names.
 * It shadows the kernel's <rdma/ib_verbs.h> (the include directory is put
 * before the kernel's), as an out-of-tree RDMA stack's headers do; a module
 * that got the kernel's header instead fails to build (OFA_LIKE_ABI below).
 */
#ifndef OFA_LIKE_IB_VERBS_H
#define OFA_LIKE_IB_VERBS_H

#include <linux/list.h>
#include <linux/types.h>

/* Bumped whenever a structure below changes: it changes the export CRCs. */
#define OFA_LIKE_ABI 1

struct ofa_device {
	char name[16];
	u32 max_pd;
	struct list_head list;
};

struct ofa_pd {
	struct ofa_device *device;
	u32 local_dma_lkey;
	unsigned int flags;
};

struct ofa_client {
	const char *name;
	int (*add)(struct ofa_device *device);
	void (*remove)(struct ofa_device *device);
	struct list_head list;
};

int ofa_register_client(struct ofa_client *client);
void ofa_unregister_client(struct ofa_client *client);
struct ofa_pd *ofa_alloc_pd(struct ofa_device *device, unsigned int flags);
void ofa_dealloc_pd(struct ofa_pd *pd);

#endif
