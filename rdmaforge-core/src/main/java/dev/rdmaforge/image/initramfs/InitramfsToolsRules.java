package dev.rdmaforge.image.initramfs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What initramfs-tools (Debian bookworm, 0.142) copies for {@code MODULES=most} and {@code
 * netboot}: the classes of {@code auto_add_modules} in {@code /usr/share/initramfs-tools/
 * hook-functions}, each a set of module names and of directories below {@code
 * /lib/modules/KVER} searched with {@code find DIR -name EXCLUDE -prune -o -name '*.ko*'}. Note
 * that {@code kernel/drivers/infiniband} and {@code kernel/net} are in no class: IPoIB, rpcrdma
 * and Lustre's LNet get in only as dependencies of something that is, or when listed.
 */
final class InitramfsToolsRules {
  /** A directory of a class and the names {@code find} prunes below it (globs). */
  record Dir(String path, List<String> excludes) {
    /** Whether {@code relPath} (below the module directory) is copied from this directory. */
    boolean covers(String relPath) {
      if (!relPath.startsWith(path + "/")) {
        return false;
      }
      String[] parts = relPath.substring(path.length() + 1).split("/");
      for (String part : parts) {
        for (String ex : excludes) {
          // hook-functions turns an excluded "x.ko" into "x.ko*" so compressed copies match too
          String glob = ex.endsWith(".ko") ? ex + "*" : ex;
          if (globToRegex(glob).matcher(part).matches()) {
            return false;
          }
        }
      }
      return true;
    }
  }

  /** One class of auto_add_modules. */
  record ModuleClass(String name, List<String> modules, List<Dir> dirs) {}

  static final List<String> MOST =
      List.of("base", "net", "ide", "scsi", "block", "ata", "dasd", "firewire", "mmc",
          "usb_storage", "fb");
  static final List<String> NETBOOT = List.of("base", "net");

  private static final Map<String, ModuleClass> CLASSES = classes();

  /**
   * {@code hidden_dep_add_modules}: run after everything else, for each module file under the
   * initramfs's {@code kernel/} directory (and each built-in module), the modules it needs
   * without saying so. Names here are kmod's ({@code '_'}); aliases ({@code crc32c}) are left
   * out since modprobe resolves them to several modules.
   */
  static final Map<String, List<String>> HIDDEN_DEPENDENCIES = Map.of(
      "ubifs", List.of("deflate", "zlib", "lzo"),
      "mlx4_core", List.of("mlx4_ib"),
      "mlx5_core", List.of("mlx5_ib"),
      "i8042", List.of("psmouse"),
      "nvme", List.of("vmd"),
      "spi_rockchip", List.of("pl330"),
      "dw_mmc_rockchip", List.of("rockchip_io_domain", "io_domain"));

  private InitramfsToolsRules() {}

  static ModuleClass moduleClass(String name) {
    return CLASSES.get(name);
  }

  private static Map<String, ModuleClass> classes() {
    Map<String, ModuleClass> c = new LinkedHashMap<>();
    List<Dir> base = new ArrayList<>();
    base.add(dir("kernel/drivers/usb/host", "hwa-hc.ko", "sl811_cs.ko", "sl811-hcd.ko",
        "u132-hcd.ko", "whci-hcd.ko"));
    for (String d : List.of("usb/c67x00", "usb/chipidea", "usb/dwc2", "usb/dwc3", "usb/isp1760",
        "usb/musb", "usb/renesas_usbhs", "usb/typec/tcpm", "input/keyboard")) {
      base.add(dir("kernel/drivers/" + d));
    }
    base.add(dir("kernel/drivers/hid", "hid-*ff.ko", "hid-a4tech.ko", "hid-cypress.ko",
        "hid-dr.ko", "hid-elecom.ko", "hid-gyration.ko", "hid-icade.ko", "hid-kensington.ko",
        "hid-kye.ko", "hid-lcpower.ko", "hid-magicmouse.ko", "hid-ntrig.ko", "hid-petalynx.ko",
        "hid-picolcd.ko", "hid-pl.ko", "hid-ps3remote.ko", "hid-quanta.ko", "hid-roccat-ko*.ko",
        "hid-roccat-pyra.ko", "hid-saitek.ko", "hid-sensor-hub.ko", "hid-sony.ko",
        "hid-speedlink.ko", "hid-tivo.ko", "hid-twinhan.ko", "hid-uclogic.ko", "hid-wacom.ko",
        "hid-waltop.ko", "hid-wiimote.ko", "hid-zydacron.ko"));
    for (String d : List.of("bus", "clk", "gpio", "i2c/busses", "i2c/muxes", "mfd",
        "pci/controller", "phy", "pinctrl", "regulator", "reset", "spi", "usb/phy", "rtc")) {
      base.add(dir("kernel/drivers/" + d));
    }
    c.put("base", new ModuleClass("base", List.of("btrfs", "ext2", "ext3", "ext4", "f2fs",
        "isofs", "jfs", "reiserfs", "udf", "xfs", "nfs", "nfsv2", "nfsv3", "nfsv4", "af_packet",
        "atkbd", "i8042", "psmouse", "virtio_pci", "virtio_mmio", "extcon_usb_gpio",
        "extcon_usbc_cros_ec", "axp20x_usb_power", "onboard_usb_hub", "onboard_usb_dev",
        "cros_ec_spi", "hyperv_keyboard"), base));
    c.put("net", new ModuleClass("net", List.of("nvmem_imx_ocotp"), List.of(dir(
        "kernel/drivers/net", "appletalk", "arcnet", "bonding", "can", "cdc-phonet.ko",
        "cdc_mbim.ko", "cdc_subset.ko", "cx82310_eth.ko", "dummy.ko", "gl620a.ko", "hamradio",
        "hippi", "hso.ko", "huawei_cdc_ncm.ko", "ifb.ko", "ipheth.ko", "irda", "kalmia.ko",
        "lg-vl600.ko", "macvlan.ko", "macvtap.ko", "net1080.ko", "pcmcia", "plusb.ko",
        "qmi_wwan.ko", "sb1000.ko", "sierra_net.ko", "team", "tokenring", "tun.ko", "veth.ko",
        "wan", "wimax", "wireless", "xen-netback.ko", "zaurus.ko"))));
    c.put("ide", new ModuleClass("ide", List.of(), List.of(dir("kernel/drivers/ide"))));
    c.put("mmc", new ModuleClass("mmc", List.of(), List.of(dir("kernel/drivers/mmc"))));
    c.put("scsi", new ModuleClass("scsi", List.of("mptfc", "mptsas", "mptscsih", "mptspi",
        "zfcp"), List.of(dir("kernel/drivers/scsi"), dir("kernel/drivers/ufs"))));
    c.put("ata", new ModuleClass("ata", List.of(), List.of(dir("kernel/drivers/ata"))));
    c.put("block", new ModuleClass("block", List.of("vmd"),
        List.of(dir("kernel/drivers/block"), dir("kernel/drivers/nvme"))));
    c.put("firewire", new ModuleClass("firewire", List.of("firewire_ohci", "firewire_sbp2"),
        List.of()));
    c.put("dasd", new ModuleClass("dasd", List.of("dasd_diag_mod", "dasd_eckd_mod",
        "dasd_fba_mod"), List.of()));
    c.put("usb_storage", new ModuleClass("usb_storage", List.of(),
        List.of(dir("kernel/drivers/usb/storage"))));
    c.put("fb", new ModuleClass("fb", List.of("rockchipdrm", "pwm_cros_ec", "pwm_bl",
        "pwm_rockchip", "panel_simple", "analogix_anx6345", "pwm_sun4i", "sun4i_drm",
        "sun8i_mixer", "panel_edp", "pwm_imx27", "nwl_dsi", "ti_sn65dsi86", "imx_dcss",
        "mux_mmio", "mxsfb", "imx8mq_interconnect"), List.of()));
    return c;
  }

  private static Dir dir(String path, String... excludes) {
    return new Dir(path, List.of(excludes));
  }

  static Pattern globToRegex(String glob) {
    StringBuilder re = new StringBuilder();
    for (char ch : glob.toCharArray()) {
      if (ch == '*') {
        re.append(".*");
      } else if (ch == '?') {
        re.append('.');
      } else {
        re.append(Pattern.quote(String.valueOf(ch)));
      }
    }
    return Pattern.compile(re.toString());
  }
}
