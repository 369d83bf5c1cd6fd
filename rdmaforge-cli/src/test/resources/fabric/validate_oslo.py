#!/usr/bin/python3
"""Parse a Neutron / networking-mlnx / nova file with Debian's oslo.config and the services' own
option definitions, force every value conversion, run neutron_lib's parsers, exit 1 on error.

usage: validate_oslo.py {ml2|linuxbridge|dhcp|mlnx|eswitchd|nova} FILE

nova: [pci] device_spec goes through nova.pci.whitelist.Whitelist (PciConfigInvalidSpec).

Used by rdmaforge's fabric ITs as the real consumer. networking-mlnx is not packaged in Debian 12;
its options are declared here from stackhpc/networking-mlnx stackhpc/2024.1 (schema-only).
"""
import sys

from oslo_config import cfg


def mlnx_opts():
    return [
        ('eswitch', [
            cfg.ListOpt('physical_interface_mappings', default=[]),
            cfg.StrOpt('daemon_endpoint', default='tcp://127.0.0.1:60001'),
            cfg.IntOpt('request_timeout', default=3000),
            cfg.IntOpt('retries', default=3),
            cfg.IntOpt('backoff_rate', default=2),
        ]),
        ('agent', [cfg.IntOpt('polling_interval', default=2)]),
    ]


def eswitchd_opts():
    return [
        ('DAEMON', [
            cfg.ListOpt('fabrics', default=[]),
            cfg.StrOpt('socket_os_transport', default='tcp'),
            cfg.StrOpt('socket_os_port', default='60001'),
            cfg.StrOpt('socket_os_addr', default='0.0.0.0'),
            cfg.IntOpt('default_timeout', default=5000),
            cfg.IntOpt('max_polling_count', default=5),
        ]),
        ('AGENT', [cfg.StrOpt('root_helper', default='sudo')]),
    ]


def mlnx_dhcp_opts():
    return [('DEFAULT', [
        cfg.StrOpt('ipoib_physical_interface', default='ib0'),
        cfg.StrOpt('multi_interface_driver_mappings', default=None),
        cfg.BoolOpt('enable_multi_interface_driver_cache_maintenance', default=True),
    ])]


def option_lists(kind):
    import oslo_log.log
    import neutron.opts as n
    lists = []
    if kind == 'ml2':
        lists += n.list_ml2_conf_opts()
        lists += [('mlnx', [cfg.BoolOpt('client_id_hardware', default=True)])]
    elif kind == 'linuxbridge':
        lists += n.list_linux_bridge_opts()
        lists += n.list_agent_opts()
    elif kind == 'dhcp':
        lists += n.list_dhcp_agent_opts() + n.list_base_agent_opts() + n.list_az_agent_opts()
        lists += mlnx_dhcp_opts()
    elif kind == 'mlnx':
        lists += mlnx_opts()
    elif kind == 'eswitchd':
        lists += eswitchd_opts()
    lists += [('DEFAULT', oslo_log.log._options.list_opts()[0][1]
               if hasattr(oslo_log.log, '_options') else [])]
    return lists


def nova_main(path):
    """nova: [pci] device_spec through nova's own Whitelist; options nova does not register."""
    import nova.conf
    from nova.pci import whitelist
    conf = nova.conf.CONF
    conf(args=['--config-file', path], default_config_files=[])
    sections = {}
    cfg.ConfigParser(path, sections).parse()
    errors = []
    for section, values in sections.items():
        group = 'DEFAULT' if section == 'DEFAULT' else section.lower()
        for key in values:
            try:
                if group == 'DEFAULT':
                    getattr(conf, key)
                else:
                    getattr(getattr(conf, group), key)
            except (cfg.NoSuchOptError, cfg.NoSuchGroupError):
                errors.append('unknown option [%s] %s' % (section, key))
            except (cfg.ConfigFileValueError, ValueError) as e:
                errors.append('[%s] %s: %s' % (section, key, e))
    try:
        whitelist.Whitelist(conf.pci.device_spec)
    except Exception as e:  # PciConfigInvalidSpec and friends
        errors.append('%s: %s' % (type(e).__name__, e))
    for e in errors:
        print('ERROR: ' + e)
    return 1 if errors else 0


def main():
    kind, path = sys.argv[1], sys.argv[2]
    if kind == 'nova':
        return nova_main(path)
    conf = cfg.ConfigOpts()
    known = {}
    for group, opts in option_lists(kind):
        gname = group.name if isinstance(group, cfg.OptGroup) else (group or 'DEFAULT')
        for opt in opts:
            try:
                if gname == 'DEFAULT':
                    conf.register_opt(opt)
                else:
                    conf.register_opt(opt, group=gname)
            except cfg.DuplicateOptError:
                pass
            known.setdefault('DEFAULT' if gname == 'DEFAULT' else gname.lower(), set()).add(
                opt.dest)
    conf(args=['--config-file', path], default_config_files=[])
    errors = []
    sections = {}
    cfg.ConfigParser(path, sections).parse()
    for section, values in sections.items():
        group = 'DEFAULT' if section == 'DEFAULT' else section.lower()
        if group not in known:
            errors.append('unknown section [%s]' % section)
            continue
        for key in values:
            if key not in known[group]:
                errors.append('unknown option [%s] %s' % (section, key))
    for group, names in known.items():
        for name in names:
            try:
                if group == 'DEFAULT':
                    getattr(conf, name)
                else:
                    getattr(getattr(conf, group), name)
            except (cfg.ConfigFileValueError, ValueError) as e:
                errors.append('[%s] %s: %s' % (group, name, e))
            except cfg.NoSuchOptError:
                pass
    try:
        from neutron_lib.plugins import utils as plugin_utils
        from neutron_lib.utils import helpers
        if kind == 'ml2':
            plugin_utils.parse_network_vlan_ranges(conf.ml2_type_vlan.network_vlan_ranges)
        elif kind == 'linuxbridge':
            helpers.parse_mappings(conf.linux_bridge.physical_interface_mappings)
        elif kind == 'mlnx':
            helpers.parse_mappings(conf.eswitch.physical_interface_mappings, unique_keys=False)
        elif kind == 'eswitchd':
            helpers.parse_mappings(conf.DAEMON.fabrics)
        elif kind == 'dhcp':
            if conf.multi_interface_driver_mappings:
                # networking-mlnx: a StrOpt split at commas, values need not be unique
                helpers.parse_mappings(conf.multi_interface_driver_mappings.split(','), False)
    except Exception as e:  # neutron raises several types; all mean "service terminated"
        errors.append('%s: %s' % (type(e).__name__, e))
    for e in errors:
        print('ERROR: ' + e)
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
