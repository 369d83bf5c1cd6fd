/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ofa-like: the compat layer's interface. Like the compat module of an
 * out-of-tree RDMA stack, ofa_compat exports a symbol every other module of
 * the stack calls, so that modprobe always loads the stack's own compat
 * module first.
 */
#ifndef OFA_LIKE_COMPAT_H
#define OFA_LIKE_COMPAT_H

const char *ofa_compat_dependency_symbol(void);

#endif
