import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

export const DEFAULT_MAX_UNAVAILABLE = 1;

/**
 * HC-NODE-07. Managed node group updates keep capacity: the DEFAULT strategy launches replacement nodes
 * before old ones drain, while MINIMAL may terminate first; and at most `maxUnavailable` nodes (pack config,
 * default 1) are replaced at once, counted as nodes (a percentage grows with the group, so it is refused).
 * An unset updateConfig is EKS's default (one node at a time, DEFAULT strategy), which is compliant.
 */
export const awsEksNodegroupRequireSurgeUpdates = controlResourcePolicy({
    name: "aws-eks-nodegroup-require-surge-updates",
    controlId: "HC-NODE-07",
    description: "EKS node groups update surge-first (DEFAULT strategy), a bounded number of nodes at a time.",
    remediationSteps: 'Set updateConfig { maxUnavailable: 1, updateStrategy: "DEFAULT" } (blueprint: upgrades.maxUnavailable).',
    configProperties: {
        maxUnavailable: {
            type: "integer",
            minimum: 1,
            default: DEFAULT_MAX_UNAVAILABLE,
            description: "The most nodes a node group may replace at once.",
        },
    },
    validateResource: validateResourceOfType(aws.eks.NodeGroup, (group, args, report) => {
        const { maxUnavailable: limit } = args.getConfig<{ maxUnavailable: number }>();
        const update = group.updateConfig;
        if (update?.updateStrategy === "MINIMAL") {
            report(
                'updateConfig.updateStrategy is MINIMAL, which may terminate nodes before their replacements are Ready; set it to "DEFAULT" (or leave it unset)',
            );
        }
        if (update?.maxUnavailablePercentage !== undefined) {
            report(
                `updateConfig.maxUnavailablePercentage is ${update.maxUnavailablePercentage}: the nodes taken out at once grow with the group; set maxUnavailable to at most ${limit} instead`,
            );
        }
        if (update?.maxUnavailable !== undefined && update.maxUnavailable > limit) {
            report(`updateConfig.maxUnavailable is ${update.maxUnavailable}; replace at most ${limit} node(s) at once in this environment`);
        }
    }),
});
