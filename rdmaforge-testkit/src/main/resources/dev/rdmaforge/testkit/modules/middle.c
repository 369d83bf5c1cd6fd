// SPDX-License-Identifier: GPL-2.0
/*
 * rdmaforge test module: middle of a chain top -> middle -> provider (mlx5_ib -> mlx5_core ->
 * mlx_compat). Uses provider_fn and exports middle_fn.
 */
#include <linux/module.h>

int provider_fn(int x);

int middle_fn(int x)
{
	return provider_fn(x);
}
EXPORT_SYMBOL(middle_fn);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("rdmaforge test middle of a dependency chain");
