import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

export const HARDENED_AMI_PREFIXES = ["BOTTLEROCKET_", "AL2023_"] as const;

/**
 * HC-NODE-04 (CIS EKS 3.2.1). Node groups run EKS's Bottlerocket or AL2023 images, chosen by amiType. A
 * launch template may still be used with those types (EKS then rejects an imageId in it). A custom AMI
 * (amiType CUSTOM, or no amiType with a launch template) cannot be judged from the plan: it fails,
 * and a team that runs a vetted image records an exception for HC-NODE-04 naming the image, its
 * approver and an expiry. Without amiType or launch template EKS picks a default that has been AL2, so
 * that fails as well.
 */
export const awsEksNodegroupRequireHardenedAmi = controlResourcePolicy({
    name: "aws-eks-nodegroup-require-hardened-ami",
    controlId: "HC-NODE-04",
    description: "EKS managed node groups use a BOTTLEROCKET_* or AL2023_* amiType.",
    remediationSteps:
        "Set amiType BOTTLEROCKET_x86_64 (or AL2023_x86_64_STANDARD); for a vetted custom AMI, record an HC-NODE-04 exception.",
    validateResource: validateResourceOfType(aws.eks.NodeGroup, (group, _args, report) => {
        const amiType = group.amiType;
        if (amiType !== undefined && HARDENED_AMI_PREFIXES.some((p) => amiType.startsWith(p))) return;
        const allowed = "set amiType to a BOTTLEROCKET_* or AL2023_* type";
        if (amiType === "CUSTOM" || (amiType === undefined && group.launchTemplate !== undefined)) {
            report(
                `the node group runs a custom AMI from its launch template, which this policy cannot verify; ${allowed}, or record an HC-NODE-04 exception naming the vetted image`,
            );
            return;
        }
        report(`amiType is ${amiType ?? "unset (EKS picks a default, AL2 on older versions)"}; ${allowed}`);
    }),
});
