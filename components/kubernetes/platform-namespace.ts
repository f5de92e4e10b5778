import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { exceptionAnnotationKey, formatCarriedException } from "../../core/exception-format";
import { PsaLevel } from "../../core/vocabulary";
import { PLATFORM_NAMESPACE_LABEL, psaLabels } from "../../core/kubernetes-labels";

/**
 * The reviewed exception carried by platform namespaces whose node agents need the privileged Pod
 * Security level (HC-ISO-01). Falco's eBPF probe and the log/metrics node agents read host paths and
 * host PID/network, which no other level allows. Expires within a year on purpose: renewing it means a
 * code change that someone reviews, and an expired exception fails kubernetes-namespace-require-psa-enforce.
 */
export const PRIVILEGED_AGENT_EXCEPTION = {
    expires: "2027-09-30",
    approver: "platform-security",
    reason: "node agents (Falco eBPF probe, log and metrics collectors) need host PID, host paths and kernel access; pods are chart-managed and the namespace admits no tenant workloads",
} as const;

/**
 * The reviewed exception of the Istio ambient namespace (HC-ISO-01): the istio-cni node agent writes the node's
 * CNI configuration and binaries through host paths, and ztunnel enters each meshed pod's network namespace
 * (NET_ADMIN, SYS_ADMIN, NET_RAW). istiod itself would run restricted, but Istio expects all three in one namespace.
 */
export const MESH_AGENT_EXCEPTION = {
    expires: "2027-09-30",
    approver: "platform-security",
    reason: "Istio ambient node agents (istio-cni, ztunnel) need host paths and network-admin capabilities to redirect meshed pods' traffic; pods are chart-managed and the namespace admits no tenant workloads",
} as const;

export interface PlatformNamespaceArgs {
    readonly namespace: string;
    /**
     * Enforced level. "restricted" where the charts allow it, "privileged" only for node agents, which then
     * carry PRIVILEGED_AGENT_EXCEPTION. Audit and warn stay at "restricted" so drift is visible.
     */
    readonly enforce: PsaLevel;
    readonly kubernetesVersion: string;
    /** The reviewed exception a privileged namespace carries (default: PRIVILEGED_AGENT_EXCEPTION, the node agents'). */
    readonly exception?: { readonly expires: string; readonly approver: string; readonly reason: string };
}

/** Creates a namespace for platform add-ons, labelled as such so tenant-only rules do not bind there. */
export function platformNamespace(name: string, args: PlatformNamespaceArgs, opts: pulumi.CustomResourceOptions): k8s.core.v1.Namespace {
    const annotations: Record<string, string> =
        args.enforce === "privileged"
            ? { [exceptionAnnotationKey("HC-ISO-01")]: formatCarriedException(args.exception ?? PRIVILEGED_AGENT_EXCEPTION) }
            : {};
    return new k8s.core.v1.Namespace(
        name,
        {
            metadata: {
                name: args.namespace,
                labels: {
                    ...psaLabels({ enforce: args.enforce, audit: "restricted", warn: "restricted" }, args.kubernetesVersion),
                    [PLATFORM_NAMESPACE_LABEL]: "true",
                },
                annotations,
            },
        },
        opts,
    );
}
