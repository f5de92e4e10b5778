import { PolicyResource } from "@pulumi/policy";
import { memberEmail } from "./iam-grants";
import { Read, read } from "./unknowns";

const ACCOUNT_TYPE = "gcp:serviceaccount/account:Account";
const CLUSTER_TYPE = "gcp:container/cluster:Cluster";
const POOL_TYPE = "gcp:container/nodePool:NodePool";

/**
 * The service accounts GKE nodes run as, found two ways so that a first preview (e-mails unknown) can
 * still tell them apart: the e-mails the node configs name, and the Account resources of the stack
 * those configs depend on (property dependencies survive preview).
 */
export interface NodeAccounts {
    /** Node service account e-mails, lowercase; an unknown one is kept as unknown. */
    readonly emails: readonly Read<string>[];
    /** URNs of the stack's gcp.serviceaccount.Account resources the node configs are built from. */
    readonly accountUrns: ReadonlySet<string>;
}

interface NodeConfigish {
    readonly serviceAccount?: string;
}

function nodeConfigsOf(resource: PolicyResource): { key: string; get: () => NodeConfigish | undefined }[] {
    const p = resource.props as Record<string, unknown>;
    if (resource.type === POOL_TYPE) return [{ key: "nodeConfig", get: () => p["nodeConfig"] as NodeConfigish | undefined }];
    const pools = read(() => (p["nodePools"] as { nodeConfig?: NodeConfigish }[] | undefined) ?? []);
    const inline = pools.known ? pools.value.map((_, i) => ({ key: "nodePools", get: () => pools.value[i].nodeConfig })) : [];
    return [
        { key: "nodeConfig", get: () => p["nodeConfig"] as NodeConfigish | undefined },
        ...inline,
        {
            key: "clusterAutoscaling",
            get: () => (p["clusterAutoscaling"] as { autoProvisioningDefaults?: NodeConfigish } | undefined)?.autoProvisioningDefaults,
        },
    ];
}

/** Node service accounts of the stack, or undefined when it has no GKE cluster or node pool. */
export function nodeAccountsOf(resources: readonly PolicyResource[]): NodeAccounts | undefined {
    const nodes = resources.filter((r) => r.type === CLUSTER_TYPE || r.type === POOL_TYPE);
    if (nodes.length === 0) return undefined;
    const emails: Read<string>[] = [];
    const accountUrns = new Set<string>();
    for (const resource of nodes) {
        for (const config of nodeConfigsOf(resource)) {
            const email = read(() => config.get()?.serviceAccount);
            if (!email.known) emails.push(email as Read<string>);
            else if (email.value) emails.push({ known: true, value: email.value.trim().toLowerCase() });
            for (const dep of resource.propertyDependencies[config.key] ?? []) if (dep.type === ACCOUNT_TYPE) accountUrns.add(dep.urn);
        }
    }
    return { emails, accountUrns };
}

/** True when a property of `resource` is built from one of the node Account resources. */
export function dependsOnNodeAccount(resource: PolicyResource, key: string, accounts: NodeAccounts): boolean {
    return (resource.propertyDependencies[key] ?? []).some((d) => accounts.accountUrns.has(d.urn));
}

/**
 * Is this member a node account? "yes"/"no", or the unknown e-mail that would decide it (the caller
 * rethrows it: not evaluated). Only serviceAccount: members can be one.
 */
export function isNodeMember(member: string, accounts: NodeAccounts): boolean | Error {
    if (!member.trim().toLowerCase().startsWith("serviceaccount:")) return false;
    const email = memberEmail(member);
    let unknown: Error | undefined;
    for (const e of accounts.emails) {
        if (e.known && e.value === email) return true;
        if (!e.known) unknown = e.error;
    }
    return unknown ?? false;
}

/** "projects/p/serviceAccounts/a@b" (or a bare e-mail) -> "a@b". */
export function serviceAccountIdEmail(serviceAccountId: string): string {
    const parts = serviceAccountId.split("/");
    return parts[parts.length - 1].trim().toLowerCase();
}
