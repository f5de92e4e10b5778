import { MutationTable } from "../framework/rows";
import { ambientMeshRows, kubernetesRows, secretProviderClassRows } from "./kubernetes-hardening-shared";

/** The baseline's edits on the shipped AKS stacks, judged by the kubernetes-hardening pack. */
export const KUBERNETES_HARDENING_AZURE: MutationTable = {
    pack: "kubernetes-hardening",
    cloud: "azure",
    rows: [
        ...kubernetesRows({
            prod: "azure-prod",
            dev: "azure-dev",
            registry: { prod: "acmeplatform.azurecr.io/", dev: "acmeplatform.azurecr.io/" },
            signatures: "policy-controller",
        }),
        ...ambientMeshRows("azure-prod"),
        ...secretProviderClassRows("azure-prod"),
    ],
};
