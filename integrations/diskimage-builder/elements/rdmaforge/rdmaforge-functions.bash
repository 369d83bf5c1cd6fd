# Shared by the rdmaforge element's hooks (sourced, not run). DIB copies an element's top-level
# files into the hooks directory, so the hooks find this file at ../rdmaforge-functions.bash both
# in a build and when dib-run-parts runs the element's own directories.

# Prints an error naming the element and exits: a failed step must fail the image build.
rdmaforge_die() {
    echo "rdmaforge element: $*" >&2
    exit 1
}

# The image root. cleanup.d (and root.d) hooks get TARGET_ROOT from disk-image-create;
# post-root.d hooks get only TMP_MOUNT_PATH, the same directory (DIB 3.13: lib/disk-image-create
# runs `run_d post-root` without setting TARGET_ROOT).
rdmaforge_root() {
    local root=${TARGET_ROOT:-${TMP_MOUNT_PATH:-}}
    if [ -z "$root" ]; then
        rdmaforge_die "neither TARGET_ROOT nor TMP_MOUNT_PATH is set: run this hook from" \
            "disk-image-create (or set TARGET_ROOT to the image root)"
    fi
    if [ ! -d "$root" ]; then
        rdmaforge_die "the image root $root is not a directory"
    fi
    echo "$root"
}

# y or n from a DIB_RDMAFORGE_* flag; anything else stops the build rather than guessing.
rdmaforge_flag() {
    local name=$1
    local value=${!name:-n}
    case "${value,,}" in
        y|yes|1|true) echo y ;;
        n|no|0|false|"") echo n ;;
        *) rdmaforge_die "$name=$value: use y or n" ;;
    esac
}

# The command that runs rdmaforge as root. The hooks run outside the chroot as the build user
# and the image root is owned by root, so writing into it needs root, as DIB's own hooks do with
# sudo. The launcher is resolved on the caller's PATH first: sudo's secure_path would not find
# it. -E keeps RDMAFORGE_JAVA_OPTS, JAVA_HOME and the DIB_* variables.
rdmaforge_command() {
    local bin
    bin=$(command -v "$DIB_RDMAFORGE_BIN" || true)
    if [ -z "$bin" ]; then
        rdmaforge_die "DIB_RDMAFORGE_BIN=$DIB_RDMAFORGE_BIN: no such command on the build host;" \
            "set it to the path of the rdmaforge launcher"
    fi
    if [ "$(id -u)" -eq 0 ]; then
        RDMAFORGE_CMD=("$bin")
    else
        RDMAFORGE_CMD=(sudo -E "$bin")
    fi
}
