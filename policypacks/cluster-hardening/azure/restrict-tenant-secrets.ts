import * as authorization from "@pulumi/azure-native/authorization";
import * as containerservice from "@pulumi/azure-native/containerservice";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import { PolicyResource } from "@pulumi/policy";
import { controlStackPolicy } from "../../lib/define";
import { roleNamed } from "./roles";
import { SECRET_READER_ROLES, TENANT_TAG } from "./secret-roles";
import { known } from "./unknowns";

const SERVICE_ACCOUNT_SUBJECT = /^system:serviceaccount:([^:]+):([^:]+)$/;

function text(value: unknown): string {
    return typeof value === "string" ? value : "";
}

function record(value: unknown): Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * The node-side principals of each cluster, by lowercase object id: its kubelet identity as AKS reports it
 * (identityProfile.kubeletidentity.objectId, known once the cluster exists) and a user-assigned identity the
 * cluster names as its kubelet identity (its principalId).
 */
function nodePrincipals(clusters: readonly PolicyResource[]): Map<string, string> {
    const found = new Map<string, string>();
    for (const cluster of clusters) {
        const objectId = known(() => text(record(record(cluster.props["identityProfile"])["kubeletidentity"])["objectId"]), "");
        if (objectId) found.set(objectId.toLowerCase(), `AKS cluster ${cluster.name}'s kubelet identity`);
        for (const identity of cluster.propertyDependencies["identityProfile"] ?? []) {
            if (!identity.isType(managedidentity.UserAssignedIdentity)) continue;
            const principal = known(() => text(identity.props["principalId"]), "");
            if (principal) found.set(principal.toLowerCase(), `AKS cluster ${cluster.name}'s kubelet identity ${identity.name}`);
        }
    }
    return found;
}

/** Whose identity a secrets-reading grant goes to, when it is a node's: every pod on the node can use it. */
function nodeHolder(grant: PolicyResource, nodes: ReadonlyMap<string, string>): string | undefined {
    const fromCluster = (grant.propertyDependencies["principalId"] ?? []).find((d) => d.isType(containerservice.ManagedCluster));
    if (fromCluster) return `an identity AKS cluster ${fromCluster.name} reports (its kubelet's or an add-on's, present on every node)`;
    const principal = known(() => text(grant.props["principalId"]), "");
    return principal ? nodes.get(principal.toLowerCase()) : undefined;
}

/** A federated credential trusted by a cluster's tokens or on a tenant's identity: the ones HC-IAM-06 judges. */
function judgedCredential(credential: PolicyResource): { tenant?: string; identity?: PolicyResource } | undefined {
    const identity = (credential.propertyDependencies["resourceName"] ?? []).find((d) => d.isType(managedidentity.UserAssignedIdentity));
    const tenant = identity ? text(record(identity.props["tags"])[TENANT_TAG]) || undefined : undefined;
    const fromCluster = (credential.propertyDependencies["issuer"] ?? []).some((d) => d.isType(containerservice.ManagedCluster));
    return tenant || fromCluster ? { tenant, identity } : undefined;
}

/**
 * HC-IAM-06: tenants' secrets stay the tenants'. (1) No Key Vault secrets-reading role (Secrets User, Secrets
 * Officer, Administrator) goes to a node-side identity: the kubelet identity, or any principal taken from the
 * cluster's own outputs (kubelet, add-on identities): every pod on every node can obtain its token from IMDS.
 * (2) A federated credential trusting the cluster's service account tokens names exactly one service account
 * (`system:serviceaccount:<namespace>:<name>`, no wildcard), and on an identity tagged as a tenant's
 * (hardened-cluster-tenant) that namespace is the tenant's own. Decided from dependencies and literals, so a
 * preview with unknown ids still decides.
 */
export const azureAksStackIsolateTenantSecrets = controlStackPolicy({
    name: "azure-aks-stack-restrict-tenant-secrets",
    controlId: "HC-IAM-06",
    description:
        "No Key Vault secrets-reading role is granted to an AKS node identity (kubelet or add-on); a federated credential trusting the cluster names one service account, in its tenant's namespace.",
    remediationSteps:
        "Grant Key Vault Secrets User to the tenant's own user-assigned identity on the tenant's own vault, federated with subject system:serviceaccount:<tenant>:tenant-secrets; never to the kubelet or add-on identity.",
    validateStack: (args, report) => {
        const clusters = args.resources.filter((r) => r.isType(containerservice.ManagedCluster));
        const credentials = args.resources.filter((r) => r.isType(managedidentity.FederatedIdentityCredential));
        if (clusters.length === 0 && credentials.length === 0) args.notApplicable("no AKS cluster or federated credential in this stack");
        const nodes = nodePrincipals(clusters);
        for (const grant of args.resources) {
            if (!grant.isType(authorization.RoleAssignment) && !grant.isType(authorization.PimRoleEligibilitySchedule)) continue;
            const role = roleNamed(SECRET_READER_ROLES, text(grant.props["roleDefinitionId"]));
            if (!role) continue;
            const holder = nodeHolder(grant, nodes);
            if (!holder) continue;
            report(
                `${grant.name} grants ${role.name} to ${holder}, so any pod on any node, of any tenant, can read those secrets through the node's metadata endpoint; ` +
                    "grant it to the tenant's own workload identity instead",
                grant.urn,
            );
        }
        for (const credential of credentials) {
            const judged = judgedCredential(credential);
            if (!judged) continue;
            const subject = text(credential.props["subject"]);
            const match = SERVICE_ACCOUNT_SUBJECT.exec(subject);
            if (!match || subject.includes("*")) {
                report(
                    `federated credential ${credential.name} trusts subject ${JSON.stringify(subject)}, not one named service account, so pods other than the tenant's can use its identity; ` +
                        "set subject system:serviceaccount:<tenant namespace>:<service account> with no wildcard",
                    credential.urn,
                );
                continue;
            }
            if (judged.tenant !== undefined && match[1] !== judged.tenant) {
                report(
                    `federated credential ${credential.name} lets service account ${match[2]} of namespace ${match[1]} use tenant ${judged.tenant}'s identity ${judged.identity?.name ?? ""}, so another namespace reads ${judged.tenant}'s secrets; ` +
                        `set subject system:serviceaccount:${judged.tenant}:<service account>`,
                    credential.urn,
                );
            }
        }
    },
});
