import * as aws from "@pulumi/aws";
import { controlStackPolicy } from "../../lib/define";
import { validateStackWithRelated } from "../../lib/stack";

const SCANNING = "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration";

/**
 * HC-SUP-05. A stack that builds an EKS cluster also sets the registry's enhanced scanning (ENHANCED): ECR's default is BASIC,
 * so an account nobody configured scans nothing continuously. The configuration is per account and region; a stack
 * whose images come from a registry scanned elsewhere records an HC-SUP-05 exception on the cluster naming it.
 * Its rules (continuous, every repository) are judged by aws-ecr-registryscanning-require-enhanced.
 */
export const awsEksStackRequireRegistryScanning = controlStackPolicy({
    name: "aws-eks-stack-require-registry-scanning",
    controlId: "HC-SUP-05",
    description: "A stack with an EKS cluster sets the ECR registry scanning configuration to ENHANCED.",
    remediationSteps: "Keep registry.enabled (the blueprint sets ENHANCED scanning), or add an aws.ecr.RegistryScanningConfiguration.",
    validateStack: validateStackWithRelated(aws.eks.Cluster, (clusters, all, report) => {
        const configurations = all.filter((r) => r.type === SCANNING);
        if (configurations.some((r) => r.props["scanType"] === "ENHANCED")) return;
        const found =
            configurations.length === 0
                ? "no ECR registry scanning configuration"
                : `only a ${String(configurations[0].props["scanType"] ?? "unset")} ECR registry scanning configuration`;
        for (const cluster of clusters)
            report(
                `EKS cluster ${cluster.name} is in a stack with ${found}, so the registry keeps basic scanning (once, at push); set registry.enabled, or record an HC-SUP-05 exception naming where the images are scanned`,
                cluster.urn,
            );
    }),
});
