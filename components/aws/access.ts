import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsContext, childOptions } from "./context";
import { ACCESS_POLICIES, AccessEntryPlan, accessPolicyArn, grantKey } from "./access-plan";

/**
 * EKS access entries and their access-policy associations (HC-IAM-01), one entry per principal of the
 * plan. Returns every resource, so that in-cluster work can wait for the grants.
 */
export function accessEntries(ctx: AwsContext, clusterName: pulumi.Input<string>, plans: readonly AccessEntryPlan[]): pulumi.Resource[] {
    return plans.flatMap((plan) => accessEntry(ctx, clusterName, plan, `access-${plan.key}`));
}

function accessEntry(ctx: AwsContext, clusterName: pulumi.Input<string>, plan: AccessEntryPlan, key: string): pulumi.Resource[] {
    const entry = new aws.eks.AccessEntry(
        `${ctx.name}-${key}`,
        {
            clusterName,
            principalArn: plan.principalArn,
            type: "STANDARD",
            kubernetesGroups: [...plan.kubernetesGroups],
            tags: ctx.tags,
        },
        childOptions(ctx),
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
                childOptions(ctx),
            ),
    );
    return [entry, ...associations];
}

/**
 * The identity running `pulumi up` must be able to create the Kubernetes baseline, and
 * bootstrapClusterCreatorAdminPermissions is off (HC-IAM-01). So it gets its own cluster-admin entry,
 * unless it is already one of the admins (EKS allows one entry per principal). Resolved with invokes,
 * which run in preview too, so the entry shows up in every plan; the grant is created once the
 * caller is known, never inside an apply.
 */
export async function deployerAccess(
    ctx: AwsContext,
    clusterName: pulumi.Input<string>,
    admins: readonly string[],
    dependsOn: pulumi.Resource[],
): Promise<pulumi.Resource[]> {
    const invoke = { parent: ctx.parent, provider: ctx.provider };
    const caller = await aws.getCallerIdentity({}, invoke);
    const session = await aws.iam.getSessionContext({ arn: caller.arn }, invoke);
    // IAM role names are unique regardless of case, so "Platform-Admins" in config is the same role.
    const issuer = session.issuerArn.toLowerCase();
    if (admins.some((arn) => arn.toLowerCase() === issuer)) return [];
    const entry = new aws.eks.AccessEntry(
        `${ctx.name}-access-deployer`,
        { clusterName, principalArn: session.issuerArn, type: "STANDARD", kubernetesGroups: [], tags: ctx.tags },
        childOptions(ctx, { dependsOn }),
    );
    const association = new aws.eks.AccessPolicyAssociation(
        `${ctx.name}-access-deployer-cluster-admin`,
        {
            clusterName,
            principalArn: entry.principalArn,
            policyArn: pulumi.output(ctx.partition).apply((p) => accessPolicyArn(p, ACCESS_POLICIES.clusterAdmin)),
            accessScope: { type: "cluster" },
        },
        childOptions(ctx),
    );
    return [entry, association];
}
