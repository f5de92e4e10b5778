import {
    IMAGE_DIGEST_VALIDATION,
    POD_SECURITY_VALIDATIONS,
    serviceExposureValidations,
    trustedRegistryValidation,
} from "../../../core/admission-cel";
import { ALLOW_LOAD_BALANCER_LABEL, ALLOW_NODE_PORT_LABEL } from "../../../core/kubernetes-labels";
import { TenantSpec } from "../../../config/types";
import { AdmissionMode } from "../../../core/vocabulary";
import { POLICY_DENIAL, POLICY_WARNING, predictFailures, serverDenial, serverWarning, PredictedFailure } from "../admission-model";
import { CheckResult, Finding } from "../findings";
import { Kubectl } from "../kubectl";
import { goodContainer, goodPodSpec, workload, WorkloadKind, WORKLOAD_KINDS } from "../../kubernetes/samples";
import { Json, StackObject } from "../manifests";
import { deploymentWithoutResources, probeDeployment, probeService, trustedImage, UNTRUSTED_IMAGE } from "../probes";

/**
 * Check 3: the blueprint's ValidatingAdmissionPolicies, as the real server runs them. Each probe breaks
 * exactly one rule (or none); the intent says which rule must fire and whether the environment refuses
 * (Deny, prod) or warns (Warn, dev). The server's verdict must match both the intent and the offline CEL
 * prediction for the same object, message for message.
 */
export interface AdmissionIntent {
    /** The stack's admission mode: Deny (prod) refuses, Warn (dev) answers with warnings. */
    readonly mode: AdmissionMode;
    readonly trustedRegistries: readonly string[];
    readonly requireImageDigest: boolean;
}

interface Probe {
    readonly label: string;
    readonly resource: string;
    readonly apiGroup: string;
    readonly object: Json;
    /** The rule the intent says must fire (its message, without the control id), or none. */
    readonly violates?: string;
}

const WORKLOAD_RESOURCES: Record<WorkloadKind, { resource: string; apiGroup: string }> = {
    Pod: { resource: "pods", apiGroup: "" },
    Deployment: { resource: "deployments", apiGroup: "apps" },
    StatefulSet: { resource: "statefulsets", apiGroup: "apps" },
    DaemonSet: { resource: "daemonsets", apiGroup: "apps" },
    ReplicaSet: { resource: "replicasets", apiGroup: "apps" },
    Job: { resource: "jobs", apiGroup: "batch" },
    CronJob: { resource: "cronjobs", apiGroup: "batch" },
};

function workloadIn(kind: WorkloadKind, name: string, namespace: string, image: string): Json {
    const object = workload(kind, goodPodSpec({ containers: [goodContainer("app", { image })] }), name);
    return { ...object, metadata: { name, namespace } };
}

const [noLoadBalancer, noNodePort] = serviceExposureValidations({
    loadBalancer: ALLOW_LOAD_BALANCER_LABEL,
    nodePort: ALLOW_NODE_PORT_LABEL,
});
const RESOURCE_LIMITS = POD_SECURITY_VALIDATIONS.find((v) => v.key === "resource-limits")!;

export function admissionProbes(tenant: TenantSpec, namespace: string, intent: AdmissionIntent): Probe[] {
    const image = trustedImage(intent.trustedRegistries);
    const deployment = (label: string, object: Json, violates?: string): Probe => ({
        label,
        resource: "deployments",
        apiGroup: "apps",
        object,
        violates,
    });
    const service = (label: string, object: Json, violates?: string): Probe => ({
        label,
        resource: "services",
        apiGroup: "",
        object,
        violates,
    });
    // Every workload kind the policies match, compliant and with one untrusted image: the server only
    // type-checks validations, not variables, so running the kind-specific podSpec variable on each kind is
    // what proves it (an evaluation error would refuse the compliant object: failurePolicy Fail).
    const everyKind = WORKLOAD_KINDS.flatMap((kind): Probe[] => {
        const { resource, apiGroup } = WORKLOAD_RESOURCES[kind];
        const name = `tier-${kind.toLowerCase()}`;
        return [
            { label: `compliant ${kind}`, resource, apiGroup, object: workloadIn(kind, name, namespace, image) },
            {
                label: `${kind} with an image from an untrusted registry`,
                resource,
                apiGroup,
                object: workloadIn(kind, `${name}-untrusted`, namespace, UNTRUSTED_IMAGE),
                violates: trustedRegistryValidation(intent.trustedRegistries).message,
            },
        ];
    });
    return [
        ...everyKind,
        service("ClusterIP Service", probeService("tier-clusterip", namespace, "ClusterIP")),
        service(
            `LoadBalancer Service (tenant ${tenant.allowLoadBalancer ? "allows" : "does not allow"} it)`,
            probeService("tier-loadbalancer", namespace, "LoadBalancer"),
            tenant.allowLoadBalancer ? undefined : noLoadBalancer.message,
        ),
        service(
            `NodePort Service (tenant ${tenant.allowNodePort ? "allows" : "does not allow"} it)`,
            probeService("tier-nodeport", namespace, "NodePort"),
            tenant.allowNodePort ? undefined : noNodePort.message,
        ),
        deployment(
            `tag without digest (digests ${intent.requireImageDigest ? "required" : "not required"})`,
            probeDeployment("tier-tag-only", namespace, trustedImage(intent.trustedRegistries, true)),
            intent.requireImageDigest ? IMAGE_DIGEST_VALIDATION.message : undefined,
        ),
        deployment(
            "Deployment without resource limits",
            deploymentWithoutResources("tier-no-limits", namespace, image),
            RESOURCE_LIMITS.message,
        ),
    ];
}

/** Compares the server's answer with the offline prediction and the intent; returns what disagrees. */
export function judgeAdmission(
    probe: Probe,
    predicted: readonly PredictedFailure[],
    server: { ok: boolean; error: string; warnings: readonly string[] },
    intent: AdmissionIntent,
): string[] {
    const problems: string[] = [];
    const expectedAction = intent.mode;
    // The probe is what it claims: the offline model sees exactly the intended violation.
    const predictedMessages = predicted.map((p) => p.message);
    if (probe.violates === undefined && predicted.length > 0)
        problems.push(`offline CEL predicts failures for a compliant object: ${predictedMessages.join("; ")}`);
    if (probe.violates !== undefined && !(predicted.length === 1 && predicted[0].message.endsWith(probe.violates))) {
        problems.push(`offline CEL predicts [${predictedMessages.join("; ")}], the probe means to break only "${probe.violates}"`);
    }
    for (const failure of predicted) {
        if (!failure.actions.includes(expectedAction)) {
            problems.push(`binding ${failure.binding} acts with [${failure.actions.join(", ")}]; the stack's mode is ${expectedAction}`);
        }
    }
    const denials = predicted.filter((p) => p.actions.includes("Deny"));
    const warns = predicted.filter((p) => p.actions.includes("Warn"));
    const policyRefusal = POLICY_DENIAL.test(server.error);
    const policyWarnings = server.warnings.filter((w) => POLICY_WARNING.test(w));
    if (denials.length > 0) {
        if (server.ok) problems.push(`admitted; predicted refusal: ${denials.map((d) => d.message).join("; ")}`);
        else if (!denials.some((d) => server.error.includes(serverDenial(d))))
            problems.push(`refused otherwise than predicted: ${server.error}`);
    } else if (policyRefusal) {
        problems.push(`refused by a policy, none predicted: ${server.error}`);
    }
    const expectedWarnings = warns.map(serverWarning).sort();
    if (JSON.stringify([...policyWarnings].sort()) !== JSON.stringify(expectedWarnings)) {
        problems.push(`policy warnings [${policyWarnings.join("; ")}], predicted [${expectedWarnings.join("; ")}]`);
    }
    return problems;
}

export interface AdmissionOutcome {
    readonly probe: string;
    readonly namespace: string;
    readonly verdict: "admitted" | "refused" | "warned" | "warned, then refused by another admission check";
}

export function admissionFindings(
    kubectl: Kubectl,
    objects: readonly StackObject[],
    tenant: TenantSpec,
    namespace: string,
    intent: AdmissionIntent,
): CheckResult & { outcomes: AdmissionOutcome[] } {
    const namespaceObject = kubectl.json(["get", "namespace", namespace]);
    const findings: Finding[] = [];
    const outcomes: AdmissionOutcome[] = [];
    const probes = admissionProbes(tenant, namespace, intent);
    for (const probe of probes) {
        const predicted = predictFailures(objects, {
            resource: probe.resource,
            apiGroup: probe.apiGroup,
            apiVersion: "v1",
            operation: "CREATE",
            object: probe.object,
            namespaceObject,
        });
        const server = kubectl.dryRunCreate(probe.object);
        for (const problem of judgeAdmission(probe, predicted, server, intent)) {
            findings.push({ check: "admission", subject: `${namespace}: ${probe.label}`, problem });
        }
        const warned = server.warnings.some((w) => POLICY_WARNING.test(w));
        outcomes.push({
            probe: probe.label,
            namespace,
            verdict: server.ok ? (warned ? "warned" : "admitted") : warned ? "warned, then refused by another admission check" : "refused",
        });
    }
    return { findings, probes: probes.length, outcomes };
}
