/* SPDX-License-Identifier: GPL-2.0-only */
/* ofa-like connection manager identifiers (rdma_cm-like, rdmaforge names). */
#ifndef OFA_LIKE_RDMA_CM_H
#define OFA_LIKE_RDMA_CM_H

#include <rdma/ib_verbs.h>

struct ofa_cm_id {
	struct ofa_client *client;
	struct ofa_pd *pd;
	int state;
};

struct ofa_cm_id *ofa_create_cm_id(struct ofa_client *client, struct ofa_pd *pd);
void ofa_destroy_cm_id(struct ofa_cm_id *id);

#endif
