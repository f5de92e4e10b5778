import { Control } from "./types";

const NSA_POD = "NSA/CISA Kubernetes Hardening Guide v1.2: Kubernetes Pod security";
const NSA_NET = "NSA/CISA Kubernetes Hardening Guide v1.2: Network separation and hardening";
const NSA_AUTH = "NSA/CISA Kubernetes Hardening Guide v1.2: Authentication and authorization";
const NSA_LOG = "NSA/CISA Kubernetes Hardening Guide v1.2: Audit logging and threat detection";
const NSA_UPGRADE = "NSA/CISA Kubernetes Hardening Guide v1.2: Upgrading and application security practices";
const ALL_SEEDS_PODS = ["001_b1772ac036f32303.txt", "004_a61c9823c4737189.txt"];

/**
 * Controls inside the cluster, on Kubernetes objects. Implemented by the baseline in
 * components/kubernetes and enforced by the `kubernetes-hardening` pack on what teams deploy.
 */
export const KUBERNETES_CONTROLS: readonly Control[] = [
    {
        id: "HC-POD-01",
        title: "No privileged containers, privilege escalation or added capabilities",
        rationale:
            "A privileged container is root on the node. Dropping privilege, escalation and every capability but NET_BIND_SERVICE keeps a container breakout from becoming a node takeover.",
        themes: ["isolation"],
        severity: "critical",
        references: {
            cisKubernetes: ["5.2.2", "5.2.5", "5.2.8", "5.2.9"],
            cisEks: ["4.2.1", "4.2.5"],
            nsaCisa: `${NSA_POD}: Non-root containers and rootless container engines`,
            seeds: ALL_SEEDS_PODS,
        },
        policies: ["kubernetes-workload-deny-privileged"],
        implementedBy: ["components/kubernetes"],
    },
    {
        id: "HC-POD-02",
        title: "Containers run as a non-root user",
        rationale: "Root inside a container is one kernel flaw away from root on the node.",
        themes: ["isolation"],
        severity: "high",
        references: {
            cisKubernetes: ["5.2.7"],
            cisEks: ["4.2.6"],
            nsaCisa: `${NSA_POD}: Non-root containers and rootless container engines`,
            seeds: ["001_b1772ac036f32303.txt"],
        },
        policies: ["kubernetes-workload-require-non-root"],
        implementedBy: ["components/kubernetes"],
    },
    {
        id: "HC-POD-03",
        title: "No host namespaces or hostPath volumes",
        rationale:
            "hostPID, hostIPC, hostNetwork and hostPath give a pod a view of the node that lets it read other pods' processes, traffic and files.",
        themes: ["isolation"],
        severity: "critical",
        references: {
            cisKubernetes: ["5.2.3", "5.2.4", "5.2.5"],
            cisEks: ["4.2.2", "4.2.3", "4.2.4"],
            nsaCisa: `${NSA_POD}: Hardening container environments`,
            seeds: ["004_a61c9823c4737189.txt"],
        },
        policies: ["kubernetes-workload-deny-host-namespaces", "kubernetes-workload-deny-host-path"],
        implementedBy: ["components/kubernetes"],
    },
    {
        id: "HC-POD-04",
        title: "Containers declare resource limits",
        rationale: "A container without limits can starve its neighbours of CPU and memory, a denial of service from inside the cluster.",
        themes: ["isolation"],
        severity: "medium",
        references: { nsaCisa: `${NSA_NET}: Resource policies`, seeds: ["001_b1772ac036f32303.txt"] },
        policies: ["kubernetes-workload-require-resource-limits"],
        implementedBy: ["components/kubernetes"],
    },
    {
        id: "HC-SUP-02",
        title: "Images come only from trusted registries",
        rationale: "Public registries serve anyone's code. An allow-list of the organisation's registries is the first supply-chain gate.",
        themes: ["supply-chain"],
        severity: "high",
        references: {
            cisEks: ["5.1.1"],
            cisGke: ["5.1.4"],
            nsaCisa: `${NSA_UPGRADE}`,
            seeds: ["000_7a512321956fe2d5.txt", "001_b1772ac036f32303.txt", "002_c78f296cba7511ae.txt", "004_a61c9823c4737189.txt"],
        },
        // One policy per line, so branches that add theirs merge cleanly. GKE's Binary Authorization
        // allow-list is the same gate, enforced by the cloud (cluster-hardening pack).
        // prettier-ignore
        policies: [
            "kubernetes-workload-require-trusted-registry",
            "gcp-binaryauthorization-policy-restrict-allowlist",
        ],
        implementedBy: ["components/kubernetes", "components/gcp"],
    },
    {
        id: "HC-SUP-03",
        title: "Images are pinned by digest (prod) and pulled on every start",
        rationale:
            "A tag can be moved to another image; a digest cannot. imagePullPolicy Always makes the node re-check the registry, so a pod cannot reuse a cached image it has no right to pull.",
        themes: ["supply-chain"],
        severity: "medium",
        references: { nsaCisa: `${NSA_UPGRADE}`, seeds: ["002_c78f296cba7511ae.txt"] },
        policies: ["kubernetes-workload-require-image-digest", "kubernetes-workload-require-pull-always"],
        implementedBy: ["components/kubernetes"],
    },
    {
        id: "HC-SUP-04",
        title: "Image signatures are verified before tenant pods run",
        rationale:
            "Signing proves an image came out of the organisation's build; verifying it at admission keeps a pushed-but-unsigned image out.",
        themes: ["supply-chain"],
        severity: "high",
        references: { nsaCisa: `${NSA_UPGRADE}`, seeds: ["000_7a512321956fe2d5.txt", "004_a61c9823c4737189.txt"] },
        // One policy per line, so branches that add theirs merge cleanly.
        // prettier-ignore
        policies: [
            "kubernetes-stack-require-image-signature-verification",
            "kubernetes-imagepolicy-deny-any-signer",
        ],
        // GKE: Binary Authorization attestations (components/gcp/binary-authorization.ts) instead of the in-cluster verifier.
        implementedBy: ["components/kubernetes", "components/gcp"],
    },
    {
        id: "HC-SUP-07",
        title: "Helm charts come from trusted HTTPS repositories at pinned versions",
        rationale:
            "A chart is code that runs with the deployer's rights in the cluster: fetched over plain HTTP or from an unreviewed repository it can be swapped, and an unpinned version changes on the next update without review.",
        themes: ["supply-chain"],
        severity: "high",
        references: { nsaCisa: `${NSA_UPGRADE}`, seeds: ["000_7a512321956fe2d5.txt", "004_a61c9823c4737189.txt"] },
        // One policy per line, so branches that add theirs merge cleanly.
        // prettier-ignore
        policies: [
            "kubernetes-helm-release-require-trusted-chart",
        ],
        implementedBy: ["components/kubernetes"],
    },
    {
        id: "HC-NET-05",
        title: "Services are not exposed through NodePort or LoadBalancer",
        rationale:
            "NodePorts open every node to the network and LoadBalancers create internet-facing addresses outside review; traffic enters through the platform's ingress instead.",
        themes: ["network"],
        severity: "high",
        references: { nsaCisa: `${NSA_NET}: Network policies`, seeds: ["001_b1772ac036f32303.txt"] },
        policies: ["kubernetes-service-deny-external-types"],
        implementedBy: ["components/kubernetes"],
    },
    {
        id: "HC-NET-07",
        title: "Traffic between pods is encrypted in transit",
        rationale:
            "Pod traffic crosses nodes and shared networks in plaintext unless the dataplane or a mesh encrypts it; with mutual TLS in STRICT mode a workload also accepts only peers that prove a workload identity, so a compromised pod cannot read or spoof others' traffic.",
        themes: ["network", "isolation"],
        severity: "high",
        references: {
            nsaCisa: `${NSA_NET}: Encryption of traffic in transit (TLS, service mesh)`,
            seeds: ["001_b1772ac036f32303.txt", "002_c78f296cba7511ae.txt"],
        },
        // One policy per line, so branches that add theirs merge cleanly.
        // prettier-ignore
        policies: [
            "kubernetes-peerauthentication-deny-plaintext",
            "kubernetes-stack-require-strict-mtls",
            "gcp-gke-cluster-require-intransit-encryption",
        ],
        implementedBy: ["components/kubernetes", "components/gcp"],
    },
    {
        id: "HC-NET-08",
        title: "Services expose no external IPs",
        rationale:
            "A Service's externalIPs make every node accept traffic for any address its author names, including another service's or an external site's (CVE-2020-8554): a tenant can intercept traffic meant for someone else.",
        themes: ["network"],
        severity: "high",
        references: {
            cisKubernetes: ["1.2.3"],
            nsaCisa: `${NSA_NET}: Network policies`,
            seeds: ["001_b1772ac036f32303.txt"],
        },
        // One policy per line, so branches that add theirs merge cleanly.
        // prettier-ignore
        policies: [
            "kubernetes-service-deny-external-ips",
        ],
        implementedBy: ["components/kubernetes"],
    },
    {
        id: "HC-ISO-01",
        title: "Namespaces enforce the restricted Pod Security Standard",
        rationale:
            "Pod Security Admission (which replaced PodSecurityPolicy in 1.25) rejects pods that break the restricted profile in the namespace, whatever created them.",
        themes: ["isolation"],
        severity: "high",
        references: {
            cisKubernetes: ["5.2.1"],
            nsaCisa: `${NSA_POD}: Pod security enforcement`,
            seeds: ["004_a61c9823c4737189.txt", "001_b1772ac036f32303.txt"],
        },
        policies: ["kubernetes-namespace-require-psa-enforce"],
        implementedBy: ["components/kubernetes"],
    },
    {
        id: "HC-ISO-02",
        title: "Every tenant namespace denies traffic by default",
        rationale:
            "Namespaces are only soft isolation: without a default-deny NetworkPolicy any pod can reach any other. Allows are then added one by one. Where a mesh authorizes by workload identity (Istio ambient), its AuthorizationPolicies admit the same peers, so the two layers agree.",
        themes: ["network", "isolation"],
        severity: "high",
        references: {
            cisKubernetes: ["5.3.2"],
            cisEks: ["4.3.2"],
            nsaCisa: `${NSA_NET}: Network policies`,
            seeds: ["000_7a512321956fe2d5.txt", "001_b1772ac036f32303.txt", "004_a61c9823c4737189.txt"],
        },
        // One policy per line, so branches that add theirs merge cleanly.
        // prettier-ignore
        policies: [
            "kubernetes-namespace-require-default-deny",
            "kubernetes-authorizationpolicy-deny-cross-tenant",
            "kubernetes-stack-require-mesh-authorization",
        ],
        implementedBy: ["components/kubernetes"],
    },
    {
        id: "HC-ISO-03",
        title: "Every tenant namespace has a ResourceQuota",
        rationale:
            "Quotas bound what one tenant can take from the shared cluster, and keep NodePort and LoadBalancer services at zero unless allowed.",
        themes: ["isolation"],
        severity: "medium",
        references: { nsaCisa: `${NSA_NET}: Resource policies`, seeds: ["000_7a512321956fe2d5.txt", "001_b1772ac036f32303.txt"] },
        policies: ["kubernetes-namespace-require-resource-quota"],
        implementedBy: ["components/kubernetes"],
    },
    {
        id: "HC-ISO-04",
        title: "Tenant NetworkPolicies never open a namespace to everything",
        rationale:
            "NetworkPolicies add up: one extra policy that admits the internet, every namespace or any destination undoes the namespace's default deny for the pods it selects.",
        themes: ["network", "isolation"],
        severity: "high",
        references: {
            cisKubernetes: ["5.3.2"],
            cisEks: ["4.3.2"],
            nsaCisa: `${NSA_NET}: Network policies`,
            seeds: ["001_b1772ac036f32303.txt", "004_a61c9823c4737189.txt"],
        },
        // One policy per line, so branches that add theirs merge cleanly.
        // prettier-ignore
        policies: [
            "kubernetes-networkpolicy-deny-open-rules",
        ],
        implementedBy: ["components/kubernetes"],
    },
    {
        id: "HC-RBAC-01",
        title: "RBAC rules name their verbs and resources, never wildcards",
        rationale:
            "A wildcard grants whatever the API server adds in the future, including escalation paths such as editing Roles, bindings or webhooks.",
        themes: ["identity"],
        severity: "high",
        references: {
            cisKubernetes: ["5.1.3"],
            cisEks: ["4.1.3"],
            nsaCisa: `${NSA_AUTH}: Role-based access control`,
            seeds: ["000_7a512321956fe2d5.txt", "004_a61c9823c4737189.txt"],
        },
        policies: ["kubernetes-rbac-deny-wildcard-rules"],
        implementedBy: ["components/kubernetes"],
    },
    {
        id: "HC-RBAC-02",
        title: "cluster-admin is bound only to the platform admin group",
        rationale:
            "cluster-admin is every permission in the cluster. Binding it to anything but the audited platform admin group is an escalation path.",
        themes: ["identity"],
        severity: "critical",
        references: {
            cisKubernetes: ["5.1.1"],
            cisEks: ["4.1.1"],
            nsaCisa: `${NSA_AUTH}: Role-based access control`,
            seeds: ["001_b1772ac036f32303.txt", "004_a61c9823c4737189.txt"],
        },
        policies: ["kubernetes-rbac-restrict-cluster-admin"],
        implementedBy: ["components/kubernetes"],
    },
    {
        id: "HC-RBAC-03",
        title: "No RBAC grant to anonymous, all-authenticated or all-service-account groups",
        rationale:
            "system:unauthenticated and system:anonymous are whoever reaches the API server, system:authenticated is every identity it trusts (on GKE any Google account) and system:serviceaccounts every pod's token: a grant to them is a grant to strangers.",
        themes: ["identity"],
        severity: "critical",
        references: {
            cisGke: ["4.1.9", "4.1.10"],
            nsaCisa: `${NSA_AUTH}: Role-based access control`,
            seeds: ["000_7a512321956fe2d5.txt", "001_b1772ac036f32303.txt"],
        },
        // One policy per line, so branches that add theirs merge cleanly. GKE's rbacBindingConfig refuses
        // such bindings at the API server (cluster-hardening pack).
        // prettier-ignore
        policies: [
            "kubernetes-rbac-deny-broad-subjects",
            "gcp-gke-cluster-deny-insecure-rbac-bindings",
        ],
        implementedBy: ["components/kubernetes", "components/gcp"],
    },
    {
        id: "HC-RBAC-04",
        title: "No role grants privilege escalation (escalate, bind, impersonate, node proxy, token creation, CSR approval, cluster-wide secrets or exec)",
        rationale:
            "These rights are one step from cluster-admin: widening one's own roles, acting as someone else, reaching the kubelet, minting tokens or certificates, or reading every Secret and entering every pod of the cluster.",
        themes: ["identity"],
        severity: "critical",
        references: {
            cisKubernetes: ["5.1.2", "5.1.8", "5.1.10", "5.1.11", "5.1.13"],
            cisEks: ["4.1.2", "4.1.8"],
            nsaCisa: `${NSA_AUTH}: Role-based access control`,
            seeds: ["000_7a512321956fe2d5.txt", "004_a61c9823c4737189.txt"],
        },
        // One policy per line, so branches that add theirs merge cleanly.
        // prettier-ignore
        policies: [
            "kubernetes-rbac-deny-escalation-rules",
            "kubernetes-rbac-deny-escalating-bindings",
        ],
        implementedBy: ["components/kubernetes"],
    },
    {
        id: "HC-ADM-01",
        title: "In-cluster admission policies fail closed",
        rationale:
            "Admission policies guard what is created with kubectl or Helm outside Pulumi. failurePolicy Fail and a Deny action in prod keep an error from silently admitting a pod.",
        themes: ["supply-chain", "isolation"],
        severity: "high",
        references: { nsaCisa: `${NSA_POD}: Pod security enforcement`, seeds: ["001_b1772ac036f32303.txt", "002_c78f296cba7511ae.txt"] },
        // One policy per line, so branches that add theirs merge cleanly.
        // prettier-ignore
        policies: [
            "kubernetes-admission-require-fail-closed",
            "kubernetes-webhook-require-fail-closed",
        ],
        implementedBy: ["components/kubernetes"],
    },
    {
        id: "HC-ADM-02",
        title: "Admission policies are bound, in Deny mode in prod, and cover every tenant namespace",
        rationale:
            "An admission policy acts only through a binding whose selectors match the request: an unbound policy, an emptied one, or a selector a tenant namespace falls outside of admits everything while looking like a control.",
        themes: ["isolation", "supply-chain"],
        severity: "high",
        references: {
            cisKubernetes: ["5.2.1"],
            nsaCisa: `${NSA_POD}: Pod security enforcement`,
            seeds: ["001_b1772ac036f32303.txt", "004_a61c9823c4737189.txt"],
        },
        // One policy per line, so branches that add theirs merge cleanly.
        // prettier-ignore
        policies: [
            "kubernetes-admission-require-tenant-coverage",
        ],
        implementedBy: ["components/kubernetes"],
    },
    {
        id: "HC-DATA-01",
        title: "The default StorageClass encrypts volumes",
        rationale: "Persistent volumes hold the data an attacker is after; the default class encrypts them so a team cannot forget to.",
        themes: ["secrets"],
        severity: "medium",
        references: { cisGke: ["5.9.1"], nsaCisa: `${NSA_NET}: Encryption`, seeds: ["002_c78f296cba7511ae.txt"] },
        policies: ["kubernetes-storageclass-require-encryption"],
        implementedBy: ["components/kubernetes"],
    },
    {
        id: "HC-RUN-02",
        title: "Runtime threat detection runs in the cluster",
        rationale:
            "Assume breach: Falco watches system calls for shells in containers, sensitive file reads and unexpected network tools, and forwards alerts out of the cluster.",
        themes: ["runtime", "audit"],
        severity: "medium",
        references: {
            nsaCisa: `${NSA_LOG}: Threat detection`,
            seeds: ["000_7a512321956fe2d5.txt", "001_b1772ac036f32303.txt", "004_a61c9823c4737189.txt"],
        },
        policies: ["kubernetes-stack-require-runtime-defence"],
        implementedBy: ["components/kubernetes"],
    },
    {
        id: "HC-SA-01",
        title: "Service account tokens are not mounted by default",
        rationale: "Most pods never call the API server; an automounted token is a credential waiting to be stolen.",
        themes: ["identity"],
        severity: "medium",
        references: {
            cisKubernetes: ["5.1.5", "5.1.6"],
            nsaCisa: `${NSA_POD}: Protecting Pod service account tokens`,
            seeds: ["001_b1772ac036f32303.txt"],
        },
        policies: ["kubernetes-serviceaccount-deny-default-automount"],
        implementedBy: ["components/kubernetes"],
    },
];
