import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";
import { isRequired, requiredConfig } from "../../lib/required-config";

/**
 * HC-RES-01. EKS refuses DeleteCluster while deletionProtection is on, whoever asks (console, CLI, another
 * pipeline), and Pulumi's `protect` guards only against this program's own destroy. Unset is off (EKS's
 * default). Required where the pack config says so (`required`, prod); dev and staging may tear down freely.
 */
export const awsEksClusterRequireDeletionProtection = controlResourcePolicy({
    name: "aws-eks-cluster-require-deletion-protection",
    controlId: "HC-RES-01",
    description: "EKS clusters where deletion protection is required keep deletionProtection on, so no single call deletes them.",
    remediationSteps: "Set deletionProtection true (blueprint: deletionProtection, always on in prod).",
    configProperties: requiredConfig("deletion protection", "the environment's clusters may be deleted"),
    validateResource: validateResourceOfType(aws.eks.Cluster, (cluster, args, report) => {
        if (!isRequired(args)) return;
        if (cluster.deletionProtection !== true) {
            report(
                `deletionProtection is ${cluster.deletionProtection ?? "unset (EKS's default: off)"}, so one DeleteCluster call from anyone with eks:DeleteCluster removes the cluster and every workload on it; set deletionProtection true`,
            );
        }
    }),
});
