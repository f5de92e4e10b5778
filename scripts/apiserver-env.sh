# Sourced by the API server tier scripts: the pinned versions (read from the Go modules' go.mod
# files, the single source of truth) and the cache folder the binaries are built into, outside the
# repository, keyed by those versions and by the go.sum pins.
# shellcheck shell=bash

APISERVER_MODULE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../test/apiserver" && pwd)"
ETCD_MODULE_DIR="$APISERVER_MODULE_DIR/etcd"

# The required version of a module, as the go.mod of the given folder pins it.
module_version() {
    local dir="$1" module="$2" version
    version="$(awk -v module="$module" '$1 == module && $2 ~ /^v[0-9]/ { print $2; exit }' "$dir/go.mod")"
    if [[ -z "$version" ]]; then
        echo "error: $module has no version in $dir/go.mod" >&2
        return 1
    fi
    printf '%s\n' "$version"
}

require_go() {
    if ! command -v go >/dev/null 2>&1; then
        echo "error: the Go toolchain (go) is not on PATH; the API server tier builds its binaries with it" >&2
        return 1
    fi
}

require_go
KUBERNETES_VERSION="$(module_version "$APISERVER_MODULE_DIR" k8s.io/kubernetes)"
ETCD_VERSION="$(module_version "$ETCD_MODULE_DIR" go.etcd.io/etcd/server/v3)"
PINS_DIGEST="$(cat "$APISERVER_MODULE_DIR/go.sum" "$ETCD_MODULE_DIR/go.sum" "$APISERVER_MODULE_DIR/go.mod" "$ETCD_MODULE_DIR/go.mod" | sha256sum | cut -c1-12)"
APISERVER_CACHE_ROOT="${HARDENED_CLUSTER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hardened-cluster}"
APISERVER_BIN_DIR="$APISERVER_CACHE_ROOT/apiserver-bin/kubernetes-$KUBERNETES_VERSION-etcd-$ETCD_VERSION-$PINS_DIGEST"
export KUBERNETES_VERSION ETCD_VERSION APISERVER_BIN_DIR
