// SPDX-License-Identifier: GPL-2.0-only
/*
 * knem_like: a second, independent kernel package of the example bundle, in
 * the shape of knem: one module with a misc device (/dev/knem_like) that
 * needs only the kernel's own exports.
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>

static const char knem_like_banner[] = "knem_like 1.0\n";

static ssize_t knem_like_read(struct file *file, char __user *buf, size_t count,
			      loff_t *pos)
{
	return simple_read_from_buffer(buf, count, pos, knem_like_banner,
				       sizeof(knem_like_banner) - 1);
}

static const struct file_operations knem_like_fops = {
	.owner = THIS_MODULE,
	.read = knem_like_read,
	.llseek = default_llseek,
};

static struct miscdevice knem_like_device = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "knem_like",
	.fops = &knem_like_fops,
	.mode = 0444,
};

static int __init knem_like_init(void)
{
	return misc_register(&knem_like_device);
}

static void __exit knem_like_exit(void)
{
	misc_deregister(&knem_like_device);
}

module_init(knem_like_init);
module_exit(knem_like_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("knem-like misc device (rdmaforge example)");
MODULE_VERSION("1.0");
