import { Policy } from "@pulumi/policy";
import { exceptionsRequireValidPolicy } from "../lib/governance";
import { KUBERNETES_POLICIES } from "./rules";

/** Every policy of the kubernetes-hardening pack. */
export const KUBERNETES_HARDENING_POLICIES: readonly Policy[] = [
    ...KUBERNETES_POLICIES,
    exceptionsRequireValidPolicy("kubernetes-exceptions-require-valid"),
];
