import * as aws from "@pulumi/aws";
import { controlStackPolicy } from "../../lib/define";
import { validateStackWithRelated } from "../../lib/stack";

const SCANNING = "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration";

/**
 * HC-SUP-05. A stack that builds an EKS cluster also sets the registry's enhanced scanning: ECR's default is BASIC,
 * so an account nobody configured scans nothing continuously. The configuration is per account and region; a stack
 * whose images come from a registry scanned elsewhere records an HC-SUP-05 exception on the cluster naming it.
 * Whether the configuration itself is ENHANCED is judged by aws-ecr-registryscanning-require-enhanced.
 */
export const awsEksStackRequireRegistryScanning = controlStackPolicy({
    name: "aws-eks-stack-require-registry-scanning",
    controlId: "HC-SUP-05",
    description: "A stack with an EKS cluster sets the ECR registry scanning configuration (enhanced, continuous).",
    remediationSteps: "Keep registry.enabled (the blueprint sets ENHANCED scanning), or add an aws.ecr.RegistryScanningConfiguration.",
    validateStack: validateStackWithRelated(aws.eks.Cluster, (clusters, all, report) => {
        if (all.some((r) => r.type === SCANNING)) return;
        for (const cluster of clusters)
            report(
                `EKS cluster ${cluster.name} is in a stack with no ECR registry scanning configuration, so the registry keeps ECR's default BASIC scanning (once, at push); set registry.enabled, or record an HC-SUP-05 exception naming where the images are scanned`,
                cluster.urn,
            );
    }),
});
