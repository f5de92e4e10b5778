import * as pulumi from "@pulumi/pulumi";

/**
 * A wait for Azure RBAC to take effect (issue 10). Azure documents that a new role assignment can take up to
 * several minutes to be honoured everywhere; AKS checks the control plane's Network Contributor and Key Vault
 * Crypto User grants while it creates the cluster, and a check that runs too early fails the create (after
 * the network and vault are already built). So the cluster waits for this resource, which waits for the grants.
 *
 * It sleeps only when it is created, and again only when the grants it waits for are replaced (new assignment
 * ids, i.e. new grants that must propagate): `diff` reports no change otherwise, so an ordinary update of a
 * deployed stack never waits, and a change of the configured time alone does nothing. In-process dynamic
 * provider (no plugin); under mocks `create` is never called, so tests do not sleep.
 */
export interface PropagationWaitInputs {
    /** Seconds to wait after the grants exist (config aks.rolePropagationSeconds). */
    readonly seconds: number;
    /** The role assignments' resource ids: a new grant (new id) waits again. */
    readonly grants: readonly string[];
}

/** The provider's create and diff, self-contained: Pulumi serializes these functions into the state. */
export const propagationWaitProvider: pulumi.dynamic.ResourceProvider<PropagationWaitInputs, PropagationWaitInputs> = {
    async create(inputs: PropagationWaitInputs) {
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, inputs.seconds) * 1000));
        return { id: `role-propagation-${Date.now()}`, outs: inputs };
    },
    async diff(_id: string, olds: PropagationWaitInputs, news: PropagationWaitInputs) {
        const x = [...(olds.grants ?? [])].sort();
        const y = [...(news.grants ?? [])].sort();
        const same = x.length === y.length && x.every((v, i) => v === y[i]);
        return same ? { changes: false } : { changes: true, replaces: ["grants"], deleteBeforeReplace: false };
    },
    async update(_id: string, _olds: PropagationWaitInputs, news: PropagationWaitInputs) {
        return { outs: news };
    },
};

type WaitArgs = { readonly [K in keyof PropagationWaitInputs]: pulumi.Input<PropagationWaitInputs[K]> };

export class RolePropagationWait extends pulumi.dynamic.Resource {
    constructor(name: string, args: WaitArgs, opts?: pulumi.CustomResourceOptions) {
        super(propagationWaitProvider, name, { ...args }, opts, "hardened-azure-role-propagation");
    }
}

/**
 * The wait the cluster depends on besides the grants themselves; none when `seconds` is 0 (the cluster then
 * waits only for the grants to exist).
 */
export function waitForRolePropagation(
    name: string,
    args: { readonly seconds: number; readonly grants: readonly pulumi.CustomResource[] },
    opts: pulumi.CustomResourceOptions,
): pulumi.Resource[] {
    if (args.seconds === 0) return [];
    const wait = new RolePropagationWait(
        `${name}-role-propagation`,
        { seconds: args.seconds, grants: pulumi.all(args.grants.map((g) => g.id)) },
        { ...opts, dependsOn: [...args.grants] },
    );
    return [wait];
}
