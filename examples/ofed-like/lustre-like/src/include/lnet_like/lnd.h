/* SPDX-License-Identifier: GPL-2.0-only */
/* lnet-like: how a network driver (LND) registers with lnet_like. */
#ifndef LNET_LIKE_LND_H
#define LNET_LIKE_LND_H

#include <linux/list.h>

struct lnet_like_lnd {
	const char *name;
	int (*startup)(void);
	void (*shutdown)(void);
	struct list_head list;
};

int lnet_like_register_lnd(struct lnet_like_lnd *lnd);
void lnet_like_unregister_lnd(struct lnet_like_lnd *lnd);

#endif
