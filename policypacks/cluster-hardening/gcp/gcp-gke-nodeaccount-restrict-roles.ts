import { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import { controlStackPolicy } from "../../lib/define";
import { Grant, GRANT_TYPES, grantsOf } from "./iam-grants";
import { dependsOnNodeAccount, isNodeMember, NodeAccounts, nodeAccountsOf, serviceAccountIdEmail } from "./node-accounts";
import { need, read } from "./unknowns";

/**
 * What a GKE node's service account needs on the project (GKE's least-privilege node account: the
 * Kubernetes Engine Default Node Service Account role, or the logging, monitoring, metadata and
 * autoscaling-metrics roles it bundles; image pulls from Artifact Registry, CIS GKE 5.1.3). The pack
 * config's `nodeServiceAccountRoles` replaces the list.
 */
export const DEFAULT_NODE_ROLES = [
    "roles/container.defaultNodeServiceAccount",
    "roles/logging.logWriter",
    "roles/monitoring.metricWriter",
    "roles/monitoring.viewer",
    "roles/stackdriver.resourceMetadata.writer",
    "roles/autoscaling.metricsWriter",
    "roles/artifactregistry.reader",
];

/** Roles on a service account that make their holder that account (tokens, keys, Workload Identity, its IAM). */
const ACT_AS_ROLES = [
    "roles/owner",
    "roles/editor",
    "roles/iam.serviceAccountTokenCreator",
    "roles/iam.serviceAccountOpenIdTokenCreator",
    "roles/iam.workloadIdentityUser",
    "roles/iam.serviceAccountKeyAdmin",
    "roles/iam.serviceAccountAdmin",
];

interface NodeRoleConfig {
    readonly nodeServiceAccountRoles?: readonly string[];
}

/** Which of the grant's members are node accounts; rethrows the unknown that would decide it. */
function nodeMembersOf(resource: PolicyResource, grant: Grant, accounts: NodeAccounts): string[] {
    if (grant.membersKey !== "policyData" && dependsOnNodeAccount(resource, grant.membersKey, accounts)) {
        const members = read(grant.members);
        return members.known ? members.value.filter((m) => isNodeMember(m, accounts) !== false) : ["the node service account"];
    }
    const found: string[] = [];
    for (const member of grant.members()) {
        const verdict = isNodeMember(member, accounts);
        if (verdict instanceof Error) throw verdict;
        if (verdict) found.push(member);
    }
    return found;
}

/** Is the service account a service-account IAM resource governs one of the node accounts? */
function targetsNodeAccount(resource: PolicyResource, accounts: NodeAccounts): boolean {
    if (dependsOnNodeAccount(resource, "serviceAccountId", accounts)) return true;
    const id = need(read(() => (resource.props as Record<string, unknown>)["serviceAccountId"]));
    if (typeof id !== "string") return false;
    const email = serviceAccountIdEmail(id);
    let unknown: Error | undefined;
    for (const e of accounts.emails) {
        if (e.known && e.value === email) return true;
        if (!e.known) unknown = e.error;
    }
    if (unknown) throw unknown;
    return false;
}

function check(args: StackValidationArgs, report: (message: string, urn?: string) => void): void {
    const accounts = nodeAccountsOf(args.resources);
    if (!accounts) return args.notApplicable("no GKE cluster or node pool in the stack");
    const allowed = args.getConfig<NodeRoleConfig>().nodeServiceAccountRoles ?? DEFAULT_NODE_ROLES;
    for (const resource of args.resources) {
        const kind = GRANT_TYPES[resource.type];
        if (!kind) continue;
        const grants = grantsOf(resource.type, resource.props as Record<string, unknown>).filter((g) => !g.unreadable);
        if (kind.scope === "service account") {
            // Nobody may become the nodes' identity, and the nodes may become no other account.
            for (const grant of grants.filter((g) => ACT_AS_ROLES.includes(g.role))) {
                if (targetsNodeAccount(resource, accounts)) {
                    report(
                        `${resource.name}: ${grant.where} grants ${grant.role} on the node service account to ${read(grant.members).known ? grant.members().join(", ") : "(a member not known until apply)"}, who could then act as every node; remove it (workloads get identities of their own through Workload Identity)`,
                        resource.urn,
                    );
                    continue;
                }
                const nodes = nodeMembersOf(resource, grant, accounts);
                if (nodes.length > 0) {
                    report(
                        `${resource.name}: ${grant.where} grants ${grant.role} on another service account to the node service account (${nodes.join(", ")}), so every pod that reaches the node's credentials can act as it; remove it`,
                        resource.urn,
                    );
                }
            }
            continue;
        }
        for (const grant of grants.filter((g) => !allowed.includes(g.role))) {
            const nodes = nodeMembersOf(resource, grant, accounts);
            if (nodes.length === 0) continue;
            report(
                `${resource.name}: ${grant.where} grants ${grant.role} on the ${kind.scope} to the node service account (${nodes.join(", ")}); nodes hold only ${allowed.join(", ")}. Give the workload that needs it its own account through Workload Identity`,
                resource.urn,
            );
        }
    }
}

/**
 * HC-IAM-04 (CIS GKE 5.2.1). The nodes' service account holds only its documented roles, on any
 * project, folder or organization grant of the stack, and no service-account grant lets anyone act as
 * it (or it act as another account). Every pod that escapes to its node carries these rights. The node
 * account is recognised by e-mail and, in a first preview, by the Account resource both the node pools
 * and the grant are built from.
 */
export const gkeNodeAccountRestrictRoles = controlStackPolicy({
    name: "gcp-gke-nodeaccount-restrict-roles",
    controlId: "HC-IAM-04",
    description: "The GKE node service account holds only the node roles, nobody can act as it, and it can act as no other account.",
    remediationSteps:
        "Grant the node account only roles/container.defaultNodeServiceAccount (or its parts) and roles/artifactregistry.reader; give workloads their own accounts through Workload Identity.",
    configProperties: {
        nodeServiceAccountRoles: {
            type: "array",
            items: { type: "string" },
            default: DEFAULT_NODE_ROLES,
            description: "The project roles a GKE node service account may hold.",
        },
    },
    validateStack: check,
});
