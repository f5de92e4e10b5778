import { Policy } from "@pulumi/policy";

/** The policies of the kubernetes-hardening pack (filled in by the Kubernetes baseline issue). */
export const KUBERNETES_POLICIES: readonly Policy[] = [];
