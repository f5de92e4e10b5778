import { MutationTable } from "../framework/rows";
import { ambientMeshRows, ebsStorageRows, karpenterRows, kubernetesRows, secretProviderClassRows } from "./kubernetes-hardening-shared";

/** The baseline's edits on the shipped EKS stacks, judged by the kubernetes-hardening pack. */
export const KUBERNETES_HARDENING_AWS: MutationTable = {
    pack: "kubernetes-hardening",
    cloud: "aws",
    rows: [
        ...kubernetesRows({
            prod: "aws-prod",
            dev: "aws-dev",
            registry: { prod: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/", dev: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/" },
            signatures: "policy-controller",
        }),
        ...ebsStorageRows("aws-prod"),
        ...ambientMeshRows("aws-prod"),
        ...karpenterRows("aws-prod"),
        ...secretProviderClassRows("aws-prod"),
    ],
};
