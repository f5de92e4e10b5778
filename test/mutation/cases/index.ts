import { MutationTable } from "../framework/rows";
import { CLUSTER_HARDENING_AWS } from "./cluster-hardening-aws";
import { CLUSTER_HARDENING_AZURE } from "./cluster-hardening-azure";
import { CLUSTER_HARDENING_GCP } from "./cluster-hardening-gcp";
import { KUBERNETES_HARDENING_AWS } from "./kubernetes-hardening-aws";
import { KUBERNETES_HARDENING_AZURE } from "./kubernetes-hardening-azure";
import { KUBERNETES_HARDENING_GCP } from "./kubernetes-hardening-gcp";

/** Every mutation table, one per pack and cloud. */
export const MUTATION_TABLES: readonly MutationTable[] = [
    CLUSTER_HARDENING_AWS,
    KUBERNETES_HARDENING_AWS,
    CLUSTER_HARDENING_AZURE,
    KUBERNETES_HARDENING_AZURE,
    CLUSTER_HARDENING_GCP,
    KUBERNETES_HARDENING_GCP,
];

export function tablesOf(cloud: MutationTable["cloud"]): MutationTable[] {
    return MUTATION_TABLES.filter((t) => t.cloud === cloud);
}
