import { Policy } from "@pulumi/policy";

/** The azure policies of the cluster-hardening pack (filled in by the azure issue). */
export const AZURE_POLICIES: readonly Policy[] = [];
