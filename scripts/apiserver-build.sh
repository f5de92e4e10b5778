#!/usr/bin/env bash
# Builds kube-apiserver and kube-controller-manager (from the k8s.io/kubernetes module's own main
# packages) and etcd (from go.etcd.io/etcd/server) at the versions test/apiserver pins, once, into
# a cache folder outside the repository keyed by those versions; later runs reuse the binaries.
# Prints the folder on the last line of stdout. A missing Go toolchain or a failed build exits
# non-zero: the tier never skips silently.
set -euo pipefail
# shellcheck source=scripts/apiserver-env.sh
source "$(dirname "$0")/apiserver-env.sh"

binaries=(kube-apiserver kube-controller-manager kubectl etcd)
complete=true
for binary in "${binaries[@]}"; do
    [[ -x "$APISERVER_BIN_DIR/$binary" ]] || complete=false
done
if $complete; then
    echo "apiserver-build: reusing $APISERVER_BIN_DIR (Kubernetes $KUBERNETES_VERSION, etcd $ETCD_VERSION)" >&2
    echo "$APISERVER_BIN_DIR"
    exit 0
fi

echo "apiserver-build: cold build of Kubernetes $KUBERNETES_VERSION and etcd $ETCD_VERSION into $APISERVER_BIN_DIR ($(go version), $(nproc) cores)" >&2
started=$(date +%s)
mkdir -p "$(dirname "$APISERVER_BIN_DIR")"
staging="$(mktemp -d "$APISERVER_BIN_DIR.partial.XXXXXX")"
trap 'rm -rf "$staging"' EXIT

# The version variables Kubernetes' own release build sets, so the binaries report the pinned
# version (the API server's /version and the controller manager's compatibility check read them).
major="${KUBERNETES_VERSION#v}"; major="${major%%.*}"
minor="${KUBERNETES_VERSION#v*.}"; minor="${minor%%.*}"
build_date="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
ldflags="-s -w"
for package in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ldflags+=" -X $package.gitVersion=$KUBERNETES_VERSION -X $package.gitMajor=$major -X $package.gitMinor=$minor"
    ldflags+=" -X $package.gitTreeState=clean -X $package.buildDate=$build_date"
done

# -mod=readonly: go.sum must already pin every module; the build never edits go.mod or go.sum. No VCS
# stamping: the binaries report the pinned version through the ldflags above, not this repository's commit.
export CGO_ENABLED=0 GOFLAGS="-mod=readonly -buildvcs=false"
(cd "$APISERVER_MODULE_DIR" && go mod verify >&2)
(cd "$ETCD_MODULE_DIR" && go mod verify >&2)
for binary in kube-apiserver kube-controller-manager kubectl; do
    step=$(date +%s)
    (cd "$APISERVER_MODULE_DIR" && go build -trimpath -ldflags "$ldflags" -o "$staging/$binary" "k8s.io/kubernetes/cmd/$binary")
    echo "apiserver-build: $binary built in $(($(date +%s) - step)) s" >&2
done
step=$(date +%s)
(cd "$ETCD_MODULE_DIR" && go build -trimpath -ldflags "-s -w" -o "$staging/etcd" go.etcd.io/etcd/server/v3)
echo "apiserver-build: etcd built in $(($(date +%s) - step)) s" >&2

reported="$("$staging/kube-apiserver" --version)"
if [[ "$reported" != "Kubernetes $KUBERNETES_VERSION" ]]; then
    echo "error: kube-apiserver reports '$reported', expected 'Kubernetes $KUBERNETES_VERSION'" >&2
    exit 1
fi
"$staging/etcd" --version >&2

rm -rf "$APISERVER_BIN_DIR"
chmod 755 "$staging"
mv "$staging" "$APISERVER_BIN_DIR"
trap - EXIT
echo "apiserver-build: cold build took $(($(date +%s) - started)) s" >&2
echo "$APISERVER_BIN_DIR"
