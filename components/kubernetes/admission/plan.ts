import * as k8s from "@pulumi/kubernetes";
import { AdmissionMode, assertNever } from "../../../core/vocabulary";
import {
    ALLOW_LOAD_BALANCER_LABEL,
    ALLOW_NODE_PORT_LABEL,
    NAMESPACE_NAME_LABEL,
    PLATFORM_NAMESPACE_LABEL,
    SYSTEM_NAMESPACES,
    TENANT_NAMESPACE_LABEL,
} from "../../../core/kubernetes-labels";
import {
    CelValidation,
    CelVariable,
    IMAGE_DIGEST_VALIDATION,
    POD_SECURITY_VALIDATIONS,
    PULL_ALWAYS_VALIDATION,
    serviceExposureValidations,
    trustedRegistryValidation,
    WORKLOAD_VARIABLES,
} from "../../../core/admission-cel";

type ValidationAction = "Deny" | "Warn" | "Audit";

/** One ValidatingAdmissionPolicy and its binding, as plain data. */
export interface AdmissionPolicyPlan {
    /** Stable key: resource names and the policy's metadata.name derive from it. */
    readonly key: string;
    readonly policyName: string;
    readonly resourceRules: k8s.types.input.admissionregistration.v1.NamedRuleWithOperations[];
    readonly variables: readonly CelVariable[];
    readonly validations: readonly CelValidation[];
    readonly validationActions: readonly ValidationAction[];
}

export interface AdmissionSettings {
    readonly mode: AdmissionMode;
    readonly requireImageDigest: boolean;
    readonly trustedRegistries: readonly string[];
}

const OPERATIONS = ["CREATE", "UPDATE"];

/** Pods (and the ephemeral-container subresource) and every controller that stamps out pods. */
export const WORKLOAD_RULES: k8s.types.input.admissionregistration.v1.NamedRuleWithOperations[] = [
    { apiGroups: [""], apiVersions: ["v1"], operations: OPERATIONS, resources: ["pods", "pods/ephemeralcontainers"] },
    {
        apiGroups: ["apps"],
        apiVersions: ["v1"],
        operations: OPERATIONS,
        resources: ["deployments", "statefulsets", "daemonsets", "replicasets"],
    },
    { apiGroups: ["batch"], apiVersions: ["v1"], operations: OPERATIONS, resources: ["jobs", "cronjobs"] },
];

/** HC-ADM-01: Deny rejects; Warn (dev) answers with a warning and writes an audit annotation. */
export function validationActionsFor(mode: AdmissionMode): ValidationAction[] {
    switch (mode) {
        case "Deny":
            return ["Deny"];
        case "Warn":
            return ["Warn", "Audit"];
        default:
            return assertNever(mode, "admission mode");
    }
}

/**
 * Tenant namespaces only (labelled by the baseline; tenants cannot label namespaces), and never Kubernetes'
 * own or the platform's, as a second guard. Opt-in on purpose: cloud add-ons create their own namespaces
 * (amazon-guardduty, gmp-system, ...) with privileged agents from the cloud's registries, which these
 * rules would refuse on their next upgrade. Namespaces are created by admins only (tenants hold `edit`).
 */
export const TENANT_NAMESPACE_SELECTOR = {
    matchExpressions: [
        { key: TENANT_NAMESPACE_LABEL, operator: "Exists" },
        { key: NAMESPACE_NAME_LABEL, operator: "NotIn", values: [...SYSTEM_NAMESPACES] },
        { key: PLATFORM_NAMESPACE_LABEL, operator: "DoesNotExist" },
    ],
};

export function planAdmission(settings: AdmissionSettings): AdmissionPolicyPlan[] {
    const actions = validationActionsFor(settings.mode);
    const imageRules = [trustedRegistryValidation(settings.trustedRegistries), PULL_ALWAYS_VALIDATION];
    if (settings.requireImageDigest) imageRules.push(IMAGE_DIGEST_VALIDATION);
    return [
        {
            key: "pod-security",
            policyName: "hardened-pod-security",
            resourceRules: WORKLOAD_RULES,
            variables: WORKLOAD_VARIABLES,
            validations: POD_SECURITY_VALIDATIONS,
            validationActions: actions,
        },
        {
            key: "image-provenance",
            policyName: "hardened-image-provenance",
            resourceRules: WORKLOAD_RULES,
            variables: WORKLOAD_VARIABLES,
            validations: imageRules,
            validationActions: actions,
        },
        {
            key: "service-exposure",
            policyName: "hardened-service-exposure",
            resourceRules: [{ apiGroups: [""], apiVersions: ["v1"], operations: OPERATIONS, resources: ["services"] }],
            variables: [],
            validations: serviceExposureValidations({ loadBalancer: ALLOW_LOAD_BALANCER_LABEL, nodePort: ALLOW_NODE_PORT_LABEL }),
            validationActions: actions,
        },
    ];
}
