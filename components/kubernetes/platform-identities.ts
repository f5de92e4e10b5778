import { ChartIdentityPaths, WorkloadIdentity } from "../shared/handover";

/**
 * The cloud identity of a platform service account (the hand-over's platformIdentities) goes into the
 * Helm values of the chart that owns the account: annotations on the account, labels on its pods. The
 * account must carry them when its pods start, because the clouds' identity webhooks (IRSA, AKS workload
 * identity) act at pod creation; patching an account afterwards would leave running pods without it.
 */

/**
 * The baseline's own charts and where they put those values. policy-controller: checked against the
 * sigstore/helm-charts templates (webhook.serviceAccount.annotations on the webhook's account,
 * webhook.customLabels on every object of the chart, the pods included); its account is
 * `<release>-webhook`, "policy-controller-webhook". Add a chart here only after checking its values at the
 * pinned version.
 */
export const BASELINE_CHART_IDENTITIES: Readonly<Record<string, Readonly<Record<string, ChartIdentityPaths>>>> = {
    policyController: {
        "cosign-system/policy-controller-webhook": {
            annotations: ["webhook", "serviceAccount", "annotations"],
            podLabels: ["webhook", "customLabels"],
            // The webhook Deployment renders webhook.env as name/value pairs (deployment_webhook.yaml).
            env: ["webhook", "env"],
        },
    },
};

/** Sets `value` at `path` in a copy of `values`, merging into objects already there. */
function mergeAt(
    values: Record<string, unknown>,
    path: readonly string[],
    value: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
    const [head, ...rest] = path;
    const current = values[head];
    const existing = current !== null && typeof current === "object" && !Array.isArray(current) ? (current as Record<string, unknown>) : {};
    return { ...values, [head]: rest.length === 0 ? { ...existing, ...value } : mergeAt(existing, rest, value) };
}

/**
 * A chart's values with the identities of its service accounts merged in. Values are returned unchanged
 * (the same object) when none of its accounts has an identity, so a stack without identities sees no diff.
 */
export function withIdentities<V>(
    values: Readonly<Record<string, unknown>>,
    accounts: Readonly<Record<string, ChartIdentityPaths>> | undefined,
    identities: Readonly<Record<string, WorkloadIdentity<V>>>,
): Readonly<Record<string, unknown>> {
    let merged: Record<string, unknown> | undefined;
    for (const [account, paths] of Object.entries(accounts ?? {})) {
        const identity = identities[account];
        if (!identity) continue;
        merged ??= { ...values };
        if (Object.keys(identity.annotations).length > 0) merged = mergeAt(merged, paths.annotations, identity.annotations);
        if (Object.keys(identity.podLabels).length > 0) merged = mergeAt(merged, paths.podLabels, identity.podLabels);
        const env = identity.env ?? {};
        if (Object.keys(env).length > 0) {
            if (!paths.env) throw new Error(`${account}: the identity sets environment variables, but its chart has no env path`);
            merged = mergeAt(merged, paths.env, env);
        }
    }
    return merged ?? values;
}

/** Identities no installed chart owns: they cannot be applied, so the baseline refuses them rather than drop them. */
export function unclaimedIdentities(identities: Readonly<Record<string, unknown>>, claimed: ReadonlySet<string>): string[] {
    return Object.keys(identities).filter((account) => !claimed.has(account));
}
