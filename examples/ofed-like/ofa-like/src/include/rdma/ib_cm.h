/* SPDX-License-Identifier: GPL-2.0-only */
/* ofa-like connection states (ib_cm-like, rdmaforge names). */
#ifndef OFA_LIKE_IB_CM_H
#define OFA_LIKE_IB_CM_H

enum ofa_cm_state {
	OFA_CM_IDLE,
	OFA_CM_REQ_SENT,
	OFA_CM_ESTABLISHED,
};

#endif
