// SPDX-License-Identifier: GPL-2.0-only
/* lnet_like: the network layer of the lustre-like example; LNDs register here. */
#include <linux/module.h>
#include <linux/mutex.h>
#include <lnet_like/lnd.h>

static DEFINE_MUTEX(lnet_like_lock);
static LIST_HEAD(lnet_like_lnds);

int lnet_like_register_lnd(struct lnet_like_lnd *lnd)
{
	int ret;

	mutex_lock(&lnet_like_lock);
	ret = lnd->startup ? lnd->startup() : 0;
	if (!ret)
		list_add_tail(&lnd->list, &lnet_like_lnds);
	mutex_unlock(&lnet_like_lock);
	return ret;
}
EXPORT_SYMBOL(lnet_like_register_lnd);

void lnet_like_unregister_lnd(struct lnet_like_lnd *lnd)
{
	mutex_lock(&lnet_like_lock);
	list_del(&lnd->list);
	if (lnd->shutdown)
		lnd->shutdown();
	mutex_unlock(&lnet_like_lock);
}
EXPORT_SYMBOL(lnet_like_unregister_lnd);

static int __init lnet_like_init(void)
{
	return 0;
}

static void __exit lnet_like_exit(void)
{
}

module_init(lnet_like_init);
module_exit(lnet_like_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("lnet-like network layer (rdmaforge example)");
MODULE_VERSION("1.0");
