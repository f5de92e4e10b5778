import { MutationTable } from "../framework/rows";
import { kubernetesRows, secretProviderClassRows } from "./kubernetes-hardening-shared";

/** The baseline's edits on the shipped GKE stacks, judged by the kubernetes-hardening pack. */
export const KUBERNETES_HARDENING_GCP: MutationTable = {
    pack: "kubernetes-hardening",
    cloud: "gcp",
    rows: [
        ...kubernetesRows({
            prod: "gcp-prod",
            dev: "gcp-dev",
            registry: { prod: "europe-west1-docker.pkg.dev/acme-platform-prod/", dev: "europe-west1-docker.pkg.dev/acme-platform-dev/" },
            signatures: "binary-authorization",
        }),
        ...secretProviderClassRows("gcp-prod"),
    ],
};
