#!/usr/bin/python3
"""Load a TripleO image-build YAML with PyYAML (yaml.safe_load, as tripleo-common does) and print
the Python type and value of every disk_images[*].environment entry, one per line:
"NAME TYPE VALUE". Used by rdmaforge's HostFilesIT as the real YAML reader of DIB fragments.
"""
import sys

import yaml


def main(path):
    with open(path, encoding='utf-8') as f:
        data = yaml.safe_load(f)
    for image in data.get('disk_images') or []:
        for name, value in (image.get('environment') or {}).items():
            print('%s %s %r' % (name, type(value).__name__, value))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
