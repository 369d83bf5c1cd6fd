#!/usr/bin/python3
"""Load a NetworkManager keyfile with Debian's libnm (NM.keyfile_read, then normalize and verify,
as NetworkManager does before it will activate a connection) and print what it holds.

usage: read_nm_keyfile.py FILE

Prints one line per libnm warning ("WARN group.key: message"), then either
"OK type=... mtu=... transport-mode=..." (exit 0) or "ERROR message" (exit 1).
Used by rdmaforge's HostFilesIT as the real consumer of rendered and broken keyfiles.
"""
import sys

import gi

gi.require_version('NM', '1.0')
from gi.repository import GLib, NM  # noqa: E402


def main(path):
    text = open(path, encoding='utf-8').read()
    kf = GLib.KeyFile()
    try:
        kf.load_from_data(text, len(text.encode('utf-8')), GLib.KeyFileFlags.NONE)
    except GLib.Error as e:
        print('ERROR GLib: ' + e.message)
        return 1

    def handler(keyfile, connection, handler_type, data, user_data):
        if handler_type == NM.KeyfileHandlerType.WARN:
            message, _severity = data.warn_get()
            group, key, _setting, _prop = data.get_context()
            print('WARN %s.%s: %s' % (group, key, message))
        return False

    try:
        conn = NM.keyfile_read(kf, '/etc/NetworkManager/system-connections',
                               NM.KeyfileHandlerFlags.NONE, handler, None)
        conn.normalize()
        conn.verify()
    except GLib.Error as e:
        print('ERROR ' + e.message)
        return 1
    ib = conn.get_setting_infiniband()
    print('OK type=%s mtu=%s transport-mode=%s' % (
        conn.get_connection_type(), ib.get_mtu() if ib else '-',
        ib.get_transport_mode() if ib else '-'))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
