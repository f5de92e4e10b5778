import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsContext, childOptions } from "./context";
import { ACCESS_POLICIES, AccessEntryPlan, accessPolicyArn, grantKey } from "./access-plan";

export interface ClusterAccess {
    /** Every access entry and association. */
    readonly all: readonly pulumi.Resource[];
    /** The deployer's entry and its associations: the Kubernetes provider waits for them. */
    readonly deployer: readonly pulumi.Resource[];
}

/**
 * EKS access entries and their access-policy associations (HC-IAM-01), one entry per principal of the
 * plan, the deployer's included (see access-plan.ts).
 */
export function accessEntries(ctx: AwsContext, clusterName: pulumi.Input<string>, plans: readonly AccessEntryPlan[]): ClusterAccess {
    const all: pulumi.Resource[] = [];
    const deployer: pulumi.Resource[] = [];
    for (const plan of plans) {
        const resources = accessEntry(ctx, clusterName, plan, `access-${plan.key}`);
        all.push(...resources);
        if (plan.isDeployer) deployer.push(...resources);
    }
    return { all, deployer };
}

/**
 * Earlier versions gave a deployer outside the access lists an entry of its own, `<name>-access-deployer`.
 * The alias keeps that entry (EKS would refuse a second entry for the same principal while the old one
 * is still there, and create-before-delete would try exactly that).
 */
const LEGACY_DEPLOYER_KEY = "access-deployer";

function accessEntry(ctx: AwsContext, clusterName: pulumi.Input<string>, plan: AccessEntryPlan, key: string): pulumi.Resource[] {
    const legacy = (suffix: string) => (plan.isDeployer ? { aliases: [{ name: `${ctx.name}-${LEGACY_DEPLOYER_KEY}${suffix}` }] } : {});
    const entry = new aws.eks.AccessEntry(
        `${ctx.name}-${key}`,
        {
            clusterName,
            principalArn: plan.principalArn,
            type: "STANDARD",
            kubernetesGroups: [...plan.kubernetesGroups],
            tags: ctx.tags,
        },
        childOptions(ctx, legacy("")),
    );
    const associations = plan.grants.map(
        (g) =>
            new aws.eks.AccessPolicyAssociation(
                `${ctx.name}-${key}-${grantKey(g.policy)}`,
                {
                    clusterName,
                    principalArn: entry.principalArn,
                    policyArn: pulumi.output(ctx.partition).apply((p) => accessPolicyArn(p, g.policy)),
                    accessScope:
                        g.scope.type === "cluster" ? { type: "cluster" } : { type: "namespace", namespaces: [...g.scope.namespaces] },
                },
                childOptions(ctx, g.policy === ACCESS_POLICIES.clusterAdmin ? legacy(`-${grantKey(g.policy)}`) : {}),
            ),
    );
    return [entry, ...associations];
}
