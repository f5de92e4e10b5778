import { Policy } from "@pulumi/policy";

/** The aws policies of the cluster-hardening pack (filled in by the aws issue). */
export const AWS_POLICIES: readonly Policy[] = [];
