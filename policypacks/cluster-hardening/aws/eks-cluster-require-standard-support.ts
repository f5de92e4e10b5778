import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

/**
 * HC-NODE-05. The upgrade policy decides what happens when a version's standard support ends: STANDARD
 * upgrades the control plane, EXTENDED keeps the cluster on an aging version for up to a year more at the
 * extended-support price. Unset means EXTENDED (AWS's default), so it is refused like EXTENDED itself.
 * `allowExtendedSupport` (pack config) accepts EXTENDED where an environment decides to pay for the delay.
 */
export const awsEksClusterRequireStandardSupport = controlResourcePolicy({
    name: "aws-eks-cluster-require-standard-support",
    controlId: "HC-NODE-05",
    description: "EKS clusters set their upgrade policy to standard support, so an aging version is upgraded rather than kept.",
    remediationSteps: 'Set upgradePolicy { supportType: "STANDARD" } (blueprint: eks.supportType).',
    configProperties: {
        allowExtendedSupport: {
            type: "boolean",
            default: false,
            description: "Accept supportType EXTENDED (never an unset upgrade policy).",
        },
    },
    validateResource: validateResourceOfType(aws.eks.Cluster, (cluster, args, report) => {
        const { allowExtendedSupport } = args.getConfig<{ allowExtendedSupport: boolean }>();
        const supportType = cluster.upgradePolicy?.supportType;
        if (supportType === undefined) {
            report(
                'upgradePolicy.supportType is unset, so AWS applies EXTENDED: at the end of standard support the cluster stays on its version at the extended-support price; set it to "STANDARD"',
            );
        } else if (supportType !== "STANDARD" && !(supportType === "EXTENDED" && allowExtendedSupport)) {
            report(
                `upgradePolicy.supportType is ${supportType}: the cluster can stay on a version past its standard support; set it to "STANDARD" so EKS upgrades it`,
            );
        }
    }),
});
