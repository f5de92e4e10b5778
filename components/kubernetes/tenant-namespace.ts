import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { childOpts } from "./options";
import { NAMESPACE_NAME_LABEL } from "../../core/kubernetes-labels";
import { groupSubjects } from "./rbac-subjects";
import { meshAuthorizationPolicy, TenantPlan } from "./tenant-plan";
import { TENANT_EDITOR_ROLE } from "./tenant-roles";
import { TenantIdentity } from "../shared/handover";

/** On a tenant's identity service account: the labels its pods must carry for the cloud's identity webhook (JSON). */
export const REQUIRED_POD_LABELS_ANNOTATION = "hardened-cluster.io/required-pod-labels";

export interface TenantNamespaceArgs {
    /** The tenant's namespace, labels, quota and groups, from `planTenant`. */
    readonly plan: TenantPlan;
    /**
     * Protect the Namespace from deletion (config.deletionProtection, always on in prod): deleting it
     * deletes every workload, Secret and volume claim of the tenant.
     */
    readonly protect: boolean;
    /** The tenant's own cloud identity (hand-over tenantIdentities): its service account, and its secrets class. */
    readonly identity?: TenantIdentity<pulumi.Input<string>>;
    /** With the ambient mesh: what the mesh's CRDs come with (the Istio releases), for the tenant's AuthorizationPolicy. */
    readonly meshReady?: readonly pulumi.Resource[];
}

const DNS_PORTS = [
    { protocol: "UDP", port: 53 },
    { protocol: "TCP", port: 53 },
];

/**
 * One tenant's namespace: restricted Pod Security (HC-ISO-01), default-deny networking with explicit
 * allows (HC-ISO-02), a quota and container defaults (HC-ISO-03, HC-POD-04), namespaced RBAC with the
 * tenant editor role and the built-in view role (HC-RBAC-01) and no automounted default token (HC-SA-01). Pass the provider
 * and `dependsOn` (cluster ready) in opts; children inherit the provider through the parent chain.
 */
export class TenantNamespace extends pulumi.ComponentResource {
    readonly namespaceName: pulumi.Output<string>;

    constructor(name: string, args: TenantNamespaceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hardened:kubernetes:TenantNamespace", name, {}, opts);
        const { plan } = args;
        const child = childOpts(this, opts);

        const namespace = new k8s.core.v1.Namespace(
            `${name}-ns`,
            { metadata: { name: plan.namespace, labels: { ...plan.labels } } },
            { ...child, protect: args.protect },
        );
        // Every namespaced child depends on the namespace through this Output, so it is created after it.
        const ns = namespace.metadata.name;

        new k8s.networking.v1.NetworkPolicy(
            `${name}-default-deny`,
            {
                metadata: { name: "default-deny-all", namespace: ns },
                spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
            },
            child,
        );
        new k8s.networking.v1.NetworkPolicy(
            `${name}-allow-dns`,
            {
                metadata: { name: "allow-dns-egress", namespace: ns },
                spec: {
                    podSelector: {},
                    policyTypes: ["Egress"],
                    egress: [
                        {
                            to: [
                                {
                                    namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: "kube-system" } },
                                    podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
                                },
                            ],
                            ports: DNS_PORTS,
                        },
                    ],
                },
            },
            child,
        );
        if (plan.allowSameNamespaceTraffic) {
            new k8s.networking.v1.NetworkPolicy(
                `${name}-allow-same-namespace`,
                {
                    metadata: { name: "allow-same-namespace", namespace: ns },
                    spec: {
                        podSelector: {},
                        policyTypes: ["Ingress", "Egress"],
                        ingress: [{ from: [{ podSelector: {} }] }],
                        egress: [{ to: [{ podSelector: {} }] }],
                    },
                },
                child,
            );
        }

        if (plan.ambientMesh) {
            // HC-NET-07: ambient rewrites kubelet health probes to a link-local source, which the default deny would drop.
            new k8s.networking.v1.NetworkPolicy(
                `${name}-allow-mesh-probes`,
                {
                    metadata: { name: "allow-ambient-kubelet-probes", namespace: ns },
                    spec: {
                        podSelector: {},
                        policyTypes: ["Ingress"],
                        ingress: [{ from: [{ ipBlock: { cidr: plan.ambientMesh.kubeletProbeSource } }] }],
                    },
                },
                child,
            );
            // HC-NET-07: the mesh's own authorization agrees with the NetworkPolicies (tenant-plan.ts).
            const policy = meshAuthorizationPolicy(plan.namespace, plan.allowSameNamespaceTraffic);
            new k8s.apiextensions.CustomResource(
                `${name}-mesh-authorization`,
                { ...policy, metadata: { ...policy.metadata, namespace: ns } },
                childOpts(this, opts, [...(args.meshReady ?? [])]),
            );
        }

        new k8s.core.v1.ResourceQuota(
            `${name}-quota`,
            { metadata: { name: "tenant-quota", namespace: ns }, spec: { hard: { ...plan.quota } } },
            child,
        );
        new k8s.core.v1.LimitRange(
            `${name}-limits`,
            {
                metadata: { name: "container-defaults", namespace: ns },
                spec: {
                    limits: [
                        {
                            type: "Container",
                            defaultRequest: plan.containerDefaults.defaultRequest,
                            default: plan.containerDefaults.default,
                        },
                    ],
                },
            },
            child,
        );

        // ClusterRoles bound per namespace. Editors get the blueprint's tenant editor role (workloads, Secrets,
        // Services; no Roles or RoleBindings, no NetworkPolicies, no ServiceAccount tokens) plus the built-in
        // `view` for reading; viewers get `view`, which reads everything but Secrets. Not the built-in `edit`:
        // it lets a tenant delete its namespace's default-deny NetworkPolicy (HC-ISO-02).
        const bindings: { key: string; role: string; groups: readonly string[] }[] = [
            { key: "editors", role: TENANT_EDITOR_ROLE, groups: plan.editors },
            { key: "editors-view", role: "view", groups: plan.editors },
            { key: "viewers", role: "view", groups: plan.viewers },
        ];
        for (const binding of bindings) {
            if (binding.groups.length === 0) continue;
            new k8s.rbac.v1.RoleBinding(
                `${name}-${binding.key}`,
                {
                    metadata: { name: `tenant-${binding.key}`, namespace: ns },
                    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: binding.role },
                    subjects: groupSubjects(binding.groups),
                },
                child,
            );
        }

        // The serviceaccount controller creates `default` in every new namespace, so a ServiceAccount resource
        // would fail with "already exists". A server-side-apply patch takes ownership of just this field and
        // hands it back on delete (HC-SA-01, CIS 5.1.5).
        new k8s.core.v1.ServiceAccountPatch(
            `${name}-default-sa`,
            { metadata: { name: "default", namespace: ns }, automountServiceAccountToken: false },
            child,
        );

        if (args.identity) this.createIdentity(name, ns, args.identity, child);

        this.namespaceName = ns;
        this.registerOutputs({ namespaceName: this.namespaceName });
    }

    /**
     * HC-IAM-06: the tenant's workloads use this account to act as the tenant's cloud identity, which reads
     * only the tenant's secrets. No token is automounted: the clouds' identity webhooks project their own
     * token. Pod labels cannot be set on tenant pods from here; the account records them for the tenant.
     *
     * Tenant editors write ServiceAccounts in their namespace (tenant-roles.ts), so they can change this account's
     * identity annotations, or annotate another account with another tenant's identity. That gains nothing, because
     * each cloud binds the identity to the namespace and account name, not to the annotation:
     * - EKS Pod Identity: the association (cluster, namespace, service account → role) lives in the EKS API and
     *   ignores annotations; with IRSA, the role's trust policy requires sub system:serviceaccount:<ns>:<sa>;
     * - AKS workload identity: the annotation only names a client id; Entra ID exchanges the token only if that
     *   identity has a federated credential whose subject is system:serviceaccount:<ns>:<sa>;
     * - GKE workload identity: impersonating the annotated Google service account needs
     *   roles/iam.workloadIdentityUser for <project>.svc.id.goog[<ns>/<sa>] (or the direct principal of that
     *   namespace and account), granted only to the tenant's own account.
     * Changing the annotation can only break the tenant's own access (and Pulumi restores it on the next update).
     */
    private createIdentity(
        name: string,
        ns: pulumi.Output<string>,
        identity: TenantIdentity<pulumi.Input<string>>,
        opts: pulumi.CustomResourceOptions,
    ): void {
        const podLabels: Record<string, string> =
            Object.keys(identity.podLabels).length > 0 ? { [REQUIRED_POD_LABELS_ANNOTATION]: JSON.stringify(identity.podLabels) } : {};
        new k8s.core.v1.ServiceAccount(
            `${name}-identity`,
            {
                metadata: { name: identity.serviceAccount, namespace: ns, annotations: { ...identity.annotations, ...podLabels } },
                automountServiceAccountToken: false,
            },
            opts,
        );
        if (identity.secretProviderClass) {
            new k8s.apiextensions.CustomResource(
                `${name}-secrets`,
                {
                    apiVersion: "secrets-store.csi.x-k8s.io/v1",
                    kind: "SecretProviderClass",
                    metadata: { name: "tenant-secrets", namespace: ns },
                    spec: { provider: identity.secretProviderClass.provider, parameters: { ...identity.secretProviderClass.parameters } },
                },
                opts,
            );
        }
    }
}
