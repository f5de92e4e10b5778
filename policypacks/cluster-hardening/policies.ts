import { Policy } from "@pulumi/policy";
import { exceptionsRequireValidPolicy } from "../lib/governance";
import { AWS_POLICIES } from "./aws";
import { AZURE_POLICIES } from "./azure";
import { GCP_POLICIES } from "./gcp";

/** Every policy of the cluster-hardening pack. */
export const CLUSTER_HARDENING_POLICIES: readonly Policy[] = [
    ...AWS_POLICIES,
    ...AZURE_POLICIES,
    ...GCP_POLICIES,
    exceptionsRequireValidPolicy("cluster-exceptions-require-valid"),
];
