#!/usr/bin/env bash
# Usage: scripts/control-plane.sh [--] COMMAND [ARGS...]
#
# Starts a throwaway Kubernetes control plane on loopback (etcd, kube-apiserver, kube-controller-manager,
# built by scripts/apiserver-build.sh), runs COMMAND against it, and stops and deletes everything when
# COMMAND ends, fails, or the script is interrupted. COMMAND sees:
#   KUBECONFIG          an admin kubeconfig (client certificate in system:masters)
#   HC_KUBECTL          the kubectl built at the same version as the server
#   HC_APISERVER_URL    https://127.0.0.1:<port>
#   HC_APISERVER_CA     the CA that signed the server certificate
#   HC_AUDIT_LOG        the API server's audit log
#   HC_KUBERNETES_VERSION, HC_ETCD_VERSION
# No nodes, scheduler or cloud provider: pods are admitted (or refused) but never run.
set -euo pipefail
[[ "${1:-}" == "--" ]] && shift
if [[ $# -eq 0 ]]; then
    echo "usage: $0 [--] COMMAND [ARGS...]" >&2
    exit 2
fi

scripts_dir="$(cd "$(dirname "$0")" && pwd)"
bin_dir="$("$scripts_dir/apiserver-build.sh" | tail -n 1)"
# shellcheck source=scripts/apiserver-env.sh
source "$scripts_dir/apiserver-env.sh"

work="$(mktemp -d "${TMPDIR:-/tmp}/hc-control-plane.XXXXXX")"
pids=()
logs=()

stop_all() {
    local status=$?
    trap - EXIT INT TERM
    # Stop in reverse start order: controller manager, API server, etcd.
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
        kill -TERM "${pids[i]}" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        for _ in $(seq 1 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.2
        done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    if [[ $status -ne 0 ]]; then
        for log in "${logs[@]}"; do
            [[ -f "$log" ]] || continue
            echo "---- last lines of $(basename "$log") ----" >&2
            tail -n 25 "$log" >&2 || true
        done
    fi
    rm -rf "$work"
    exit "$status"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- ports: four free loopback ports, chosen by the kernel --------------------------------------------
read -r etcd_port etcd_peer_port apiserver_port _ < <(node -e '
const net = require("net");
const servers = [0, 1, 2, 3].map(() => net.createServer().listen(0, "127.0.0.1"));
Promise.all(servers.map((s) => new Promise((r) => s.on("listening", r)))).then(() => {
    console.log(servers.map((s) => s.address().port).join(" "));
    servers.forEach((s) => s.close());
});')

# ---- throwaway certificates and service-account key (openssl, valid one day, deleted at the end) ----
pki="$work/pki"
mkdir -p "$pki"
new_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
new_key "$pki/ca.key"
openssl req -x509 -new -key "$pki/ca.key" -out "$pki/ca.crt" -days 1 -subj "/CN=hardened-cluster-tier-ca" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
# issue NAME SUBJECT EXTENDED_KEY_USAGE [SUBJECT_ALT_NAMES]
issue() {
    local name="$1" subject="$2" usage="$3" sans="${4:-}"
    new_key "$pki/$name.key"
    {
        echo "basicConstraints=critical,CA:FALSE"
        echo "keyUsage=critical,digitalSignature,keyEncipherment"
        echo "extendedKeyUsage=$usage"
        [[ -n "$sans" ]] && echo "subjectAltName=$sans"
    } >"$pki/$name.ext"
    openssl req -new -key "$pki/$name.key" -subj "$subject" 2>/dev/null |
        openssl x509 -req -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial -days 1 \
            -extfile "$pki/$name.ext" -out "$pki/$name.crt" 2>/dev/null
}
loopback_sans="IP:127.0.0.1,DNS:localhost"
issue etcd-server "/CN=etcd" "serverAuth,clientAuth" "$loopback_sans"
issue apiserver-etcd-client "/CN=kube-apiserver-etcd-client" "clientAuth"
issue apiserver "/CN=kube-apiserver" "serverAuth" \
    "$loopback_sans,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
issue admin "/O=system:masters/CN=hardened-cluster-tier-admin" "clientAuth"
issue controller-manager "/CN=system:kube-controller-manager" "clientAuth"
new_key "$pki/service-account.key"
openssl pkey -in "$pki/service-account.key" -pubout -out "$pki/service-account.pub" 2>/dev/null

apiserver_url="https://127.0.0.1:$apiserver_port"
kubeconfig_for() { # NAME: a kubeconfig that authenticates with NAME's client certificate
    cat >"$work/$1.kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
  - name: tier
    cluster: { server: "$apiserver_url", certificate-authority: "$pki/ca.crt" }
users:
  - name: $1
    user: { client-certificate: "$pki/$1.crt", client-key: "$pki/$1.key" }
contexts:
  - name: tier
    context: { cluster: tier, user: $1 }
current-context: tier
EOF
}
kubeconfig_for admin
kubeconfig_for controller-manager

# ---- etcd ---------------------------------------------------------------------------------------------
logs+=("$work/etcd.log")
"$bin_dir/etcd" \
    --name tier \
    --data-dir "$work/etcd" \
    --listen-client-urls "https://127.0.0.1:$etcd_port" \
    --advertise-client-urls "https://127.0.0.1:$etcd_port" \
    --listen-peer-urls "http://127.0.0.1:$etcd_peer_port" \
    --initial-advertise-peer-urls "http://127.0.0.1:$etcd_peer_port" \
    --initial-cluster "tier=http://127.0.0.1:$etcd_peer_port" \
    --cert-file "$pki/etcd-server.crt" --key-file "$pki/etcd-server.key" \
    --client-cert-auth --trusted-ca-file "$pki/ca.crt" \
    --listen-metrics-urls "" \
    --unsafe-no-fsync \
    --log-level warn \
    >"$work/etcd.log" 2>&1 &
pids+=($!)

# ---- kube-apiserver ---------------------------------------------------------------------------------
# Audit every request at Metadata level (who, what, verdict), as the managed services' audit logs do.
cat >"$work/audit-policy.yaml" <<'EOF'
apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: ["RequestReceived"]
rules:
  - level: Metadata
EOF
# --allow-privileged as on EKS, AKS and GKE (their own node agents run privileged): Pod Security and the
# blueprint's policies, not this switch, are what refuse privileged pods in tenant namespaces.
# The upstream defaults (1.34 and 1.35) plus NodeRestriction and ExtendedResourceToleration, which EKS, AKS and GKE
# also enable; PodSecurity, ValidatingAdmissionPolicy, ResourceQuota, LimitRanger, NamespaceLifecycle and
# ServiceAccount are the ones the tier's checks exercise.
admission_plugins="NamespaceLifecycle,LimitRanger,ServiceAccount,NodeRestriction,TaintNodesByCondition,PodSecurity,Priority"
admission_plugins+=",DefaultTolerationSeconds,ExtendedResourceToleration,DefaultStorageClass,StorageObjectInUseProtection"
admission_plugins+=",PersistentVolumeClaimResize,RuntimeClass,CertificateApproval,CertificateSigning,ClusterTrustBundleAttest"
admission_plugins+=",CertificateSubjectRestriction,DefaultIngressClass,MutatingAdmissionWebhook,ValidatingAdmissionPolicy"
admission_plugins+=",ValidatingAdmissionWebhook,ResourceQuota"
logs+=("$work/kube-apiserver.log")
"$bin_dir/kube-apiserver" \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$apiserver_port" \
    --tls-cert-file "$pki/apiserver.crt" --tls-private-key-file "$pki/apiserver.key" \
    --client-ca-file "$pki/ca.crt" \
    --etcd-servers "https://127.0.0.1:$etcd_port" \
    --etcd-cafile "$pki/ca.crt" --etcd-certfile "$pki/apiserver-etcd-client.crt" --etcd-keyfile "$pki/apiserver-etcd-client.key" \
    --authorization-mode Node,RBAC \
    --anonymous-auth=true \
    --allow-privileged=true \
    --enable-admission-plugins "$admission_plugins" \
    --service-account-issuer https://kubernetes.default.svc.cluster.local \
    --service-account-key-file "$pki/service-account.pub" \
    --service-account-signing-key-file "$pki/service-account.key" \
    --service-cluster-ip-range 10.96.0.0/16 \
    --endpoint-reconciler-type none \
    --audit-policy-file "$work/audit-policy.yaml" \
    --audit-log-path "$work/audit.log" --audit-log-maxbackup 1 --audit-log-maxsize 200 \
    --profiling=false \
    --cert-dir "$work/apiserver-certs" \
    --v 1 \
    >"$work/kube-apiserver.log" 2>&1 &
pids+=($!)

kubectl=("$bin_dir/kubectl" --kubeconfig "$work/admin.kubeconfig")
started=$(date +%s)
wait_for() { # DESCRIPTION TIMEOUT_SECONDS COMMAND...: polls COMMAND until it succeeds
    local description="$1" timeout="$2"
    shift 2
    local deadline=$(($(date +%s) + timeout))
    until "$@" >/dev/null 2>&1; do
        for pid in "${pids[@]}"; do
            if ! kill -0 "$pid" 2>/dev/null; then
                echo "control-plane: a component exited while waiting for $description" >&2
                return 1
            fi
        done
        if (($(date +%s) > deadline)); then
            echo "control-plane: timed out after ${timeout}s waiting for $description" >&2
            return 1
        fi
        sleep 1
    done
}
wait_for "kube-apiserver /readyz" 240 "${kubectl[@]}" get --raw /readyz

# ---- kube-controller-manager: only the controllers the checks depend on ------------------------------
#   clusterrole-aggregation: fills the admin/edit/view ClusterRoles the tenant RoleBindings reference
#   serviceaccount: creates each namespace's `default` ServiceAccount (pods are refused without it)
#   resourcequota: computes quota status.hard/used, without which the quota admission refuses pods
#   namespace: finishes namespace deletion between stacks
#   validatingadmissionpolicy-status: writes the type-checking result into each policy's status
controllers="clusterrole-aggregation-controller,serviceaccount-controller,resourcequota-controller"
controllers+=",namespace-controller,validatingadmissionpolicy-status-controller"
logs+=("$work/kube-controller-manager.log")
"$bin_dir/kube-controller-manager" \
    --kubeconfig "$work/controller-manager.kubeconfig" \
    --authentication-kubeconfig "$work/controller-manager.kubeconfig" \
    --authorization-kubeconfig "$work/controller-manager.kubeconfig" \
    --bind-address 127.0.0.1 --secure-port 0 \
    --controllers "$controllers" \
    --use-service-account-credentials \
    --leader-elect=false \
    --v 1 \
    >"$work/kube-controller-manager.log" 2>&1 &
pids+=($!)

default_account() { "${kubectl[@]}" get serviceaccount default --namespace default; }
edit_role_filled() { [[ -n "$("${kubectl[@]}" get clusterrole edit -o 'jsonpath={.rules[*].verbs}')" ]]; }
wait_for "the serviceaccount controller (default ServiceAccount)" 120 default_account
wait_for "the clusterrole-aggregation controller (rules of ClusterRole edit)" 120 edit_role_filled
echo "control-plane: Kubernetes $KUBERNETES_VERSION, etcd $ETCD_VERSION ready at $apiserver_url in $(($(date +%s) - started)) s" >&2

export KUBECONFIG="$work/admin.kubeconfig" HC_KUBECTL="$bin_dir/kubectl" HC_APISERVER_URL="$apiserver_url"
export HC_APISERVER_CA="$pki/ca.crt" HC_AUDIT_LOG="$work/audit.log"
export HC_KUBERNETES_VERSION="$KUBERNETES_VERSION" HC_ETCD_VERSION="$ETCD_VERSION"
# Not exec: the trap must stop the control plane when COMMAND ends.
"$@"
