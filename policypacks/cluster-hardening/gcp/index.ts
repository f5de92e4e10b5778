import { Policy } from "@pulumi/policy";

/** The gcp policies of the cluster-hardening pack (filled in by the gcp issue). */
export const GCP_POLICIES: readonly Policy[] = [];
