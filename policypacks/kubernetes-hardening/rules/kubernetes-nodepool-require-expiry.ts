import { controlResourcePolicy } from "../../lib/define";
import { KINDS, record, validateObjects } from "./objects";

/** The longest a Karpenter node may live: Karpenter v1's default expireAfter, 30 days. */
export const MAX_NODE_LIFETIME_HOURS = 720;

/** "720h", "30m", "1h30m" → hours; undefined when not a Go duration of h/m/s. */
export function durationHours(value: string): number | undefined {
    const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(h|m|s)/g)];
    if (parts.length === 0 || parts.map((p) => p[0]).join("") !== value) return undefined;
    return parts.reduce((sum, [, n, unit]) => sum + Number(n) / (unit === "h" ? 1 : unit === "m" ? 60 : 3600), 0);
}

/**
 * HC-NODE-05 for nodes Karpenter launches (karpenter.sh NodePool): nodes are replaced at least every 30 days
 * (spec.template.spec.expireAfter, Karpenter v1; unset is the default 720h), so each picks up the current patched
 * AMI. "Never" keeps a node, and the kernel and kubelet it booted with, for as long as it runs.
 */
export const nodePoolRequireExpiry = controlResourcePolicy({
    name: "kubernetes-nodepool-require-expiry",
    controlId: "HC-NODE-05",
    description: `Karpenter NodePools expire their nodes within ${MAX_NODE_LIFETIME_HOURS}h (spec.template.spec.expireAfter).`,
    remediationSteps: `Set spec.template.spec.expireAfter to ${MAX_NODE_LIFETIME_HOURS}h or less (or leave it unset: the default is 720h).`,
    validateResource: validateObjects([KINDS.nodePool], (nodePool, _args, report) => {
        const expireAfter = record(record(record(nodePool.body["spec"])?.["template"])?.["spec"])?.["expireAfter"];
        if (expireAfter === undefined) return;
        const hours = typeof expireAfter === "string" ? durationHours(expireAfter) : undefined;
        if (hours !== undefined && hours <= MAX_NODE_LIFETIME_HOURS) return;
        report(
            `${nodePool.label} sets spec.template.spec.expireAfter ${JSON.stringify(expireAfter)}, so its nodes may run unpatched for longer than ${MAX_NODE_LIFETIME_HOURS}h; set it to ${MAX_NODE_LIFETIME_HOURS}h or less`,
        );
    }),
});
