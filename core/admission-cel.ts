/**
 * The CEL of the blueprint's ValidatingAdmissionPolicies, kept as data so that tests evaluate every
 * expression offline against sample admission requests. Each expression is true when the object is
 * compliant. Only standard CEL macros and string functions are used (`startsWith`, `matches`, `has`,
 * `all`, `exists`, `in`), no Kubernetes extension library, so the offline evaluator runs them unchanged.
 *
 * The API server compiles `object` as a dynamic type, so one policy can read Pods and the pod
 * templates of every workload kind through the `podSpec` variable.
 */
export interface CelVariable {
    readonly name: string;
    readonly expression: string;
}

export interface CelValidation {
    /** Stable key for tests and messages. */
    readonly key: string;
    /** The control the rule implements. */
    readonly controlId: string;
    readonly expression: string;
    readonly message: string;
}

/** Pod spec per kind, then every container list (init and ephemeral containers are checked too). */
export const WORKLOAD_VARIABLES: readonly CelVariable[] = [
    {
        name: "podSpec",
        expression:
            'object.kind == "Pod" ? object.spec : (object.kind == "CronJob" ? object.spec.jobTemplate.spec.template.spec : object.spec.template.spec)',
    },
    {
        // Containers that may declare resources (ephemeral containers may not).
        name: "containers",
        expression: "variables.podSpec.containers + (has(variables.podSpec.initContainers) ? variables.podSpec.initContainers : [])",
    },
    {
        name: "allContainers",
        expression: "variables.containers + (has(variables.podSpec.ephemeralContainers) ? variables.podSpec.ephemeralContainers : [])",
    },
];

/** HC-POD-01..04: what Pod Security "restricted" covers, plus resource limits, enforced on templates too. */
export const POD_SECURITY_VALIDATIONS: readonly CelValidation[] = [
    {
        key: "privileged",
        controlId: "HC-POD-01",
        expression:
            "variables.allContainers.all(c, !has(c.securityContext) || !has(c.securityContext.privileged) || c.securityContext.privileged == false)",
        message: "privileged containers are not allowed; remove securityContext.privileged",
    },
    {
        key: "privilege-escalation",
        controlId: "HC-POD-01",
        expression:
            "variables.allContainers.all(c, !has(c.securityContext) || !has(c.securityContext.allowPrivilegeEscalation) || c.securityContext.allowPrivilegeEscalation == false)",
        message: "allowPrivilegeEscalation must not be true; set securityContext.allowPrivilegeEscalation to false",
    },
    {
        key: "capabilities",
        controlId: "HC-POD-01",
        expression:
            'variables.allContainers.all(c, !has(c.securityContext) || !has(c.securityContext.capabilities) || !has(c.securityContext.capabilities.add) || c.securityContext.capabilities.add.all(cap, cap == "NET_BIND_SERVICE"))',
        message: "only the NET_BIND_SERVICE capability may be added",
    },
    {
        key: "host-namespaces",
        controlId: "HC-POD-03",
        expression:
            "!(has(variables.podSpec.hostNetwork) && variables.podSpec.hostNetwork == true) && !(has(variables.podSpec.hostPID) && variables.podSpec.hostPID == true) && !(has(variables.podSpec.hostIPC) && variables.podSpec.hostIPC == true)",
        message: "hostNetwork, hostPID and hostIPC are not allowed",
    },
    {
        key: "host-path",
        controlId: "HC-POD-03",
        expression: "!has(variables.podSpec.volumes) || variables.podSpec.volumes.all(v, !has(v.hostPath))",
        message: "hostPath volumes are not allowed; use a PersistentVolumeClaim, emptyDir, configMap or secret volume",
    },
    {
        key: "run-as-non-root",
        controlId: "HC-POD-02",
        // A container's own setting wins over the pod's, as in the kubelet.
        expression:
            "variables.allContainers.all(c, (has(c.securityContext) && has(c.securityContext.runAsNonRoot)) ? c.securityContext.runAsNonRoot == true : (has(variables.podSpec.securityContext) && has(variables.podSpec.securityContext.runAsNonRoot) && variables.podSpec.securityContext.runAsNonRoot == true))",
        message: "containers must run as non-root; set securityContext.runAsNonRoot to true on the pod or on every container",
    },
    {
        key: "resource-limits",
        controlId: "HC-POD-04",
        expression:
            'variables.containers.all(c, has(c.resources) && has(c.resources.limits) && "cpu" in c.resources.limits && "memory" in c.resources.limits)',
        message: "every container and init container must set resources.limits.cpu and resources.limits.memory",
    },
];

/**
 * Registry entries as prefixes that cannot be stretched: "ghcr.io/acme" must not admit
 * "ghcr.io/acme-evil/x", so an entry without a trailing "/" matches only itself followed by "/", ":" or "@".
 * Shared with the CrossGuard policy so both gates agree.
 */
export function registryPrefixes(registries: readonly string[]): string[] {
    return registries.flatMap((r) => (r.endsWith("/") ? [r] : [`${r}/`, `${r}:`, `${r}@`]));
}

/** HC-SUP-02: every image (init and ephemeral too) starts with one of the trusted prefixes. */
export function trustedRegistryValidation(registries: readonly string[]): CelValidation {
    const list = registryPrefixes(registries)
        .map((p) => JSON.stringify(p))
        .join(", ");
    return {
        key: "trusted-registry",
        controlId: "HC-SUP-02",
        expression: `variables.allContainers.all(c, [${list}].exists(p, c.image.startsWith(p)))`,
        message: `images must come from a trusted registry: ${registries.join(", ")}`,
    };
}

/** HC-SUP-03: an image reference ends in a sha256 digest. */
export const IMAGE_DIGEST_VALIDATION: CelValidation = {
    key: "image-digest",
    controlId: "HC-SUP-03",
    expression: 'variables.allContainers.all(c, c.image.matches("@sha256:[0-9a-f]{64}$"))',
    message: "images must be pinned by digest (image@sha256:<64 hex>)",
};

/** HC-SUP-03: the kubelet re-checks pull rights on every start. */
export const PULL_ALWAYS_VALIDATION: CelValidation = {
    key: "pull-always",
    controlId: "HC-SUP-03",
    expression: 'variables.allContainers.all(c, has(c.imagePullPolicy) && c.imagePullPolicy == "Always")',
    message: "imagePullPolicy must be Always",
};

/** HC-NET-05: NodePort and LoadBalancer Services only where the tenant namespace is labelled to allow them. */
export function serviceExposureValidations(labels: { loadBalancer: string; nodePort: string }): CelValidation[] {
    const allowed = (label: string) =>
        `(has(namespaceObject.metadata.labels) && ${JSON.stringify(label)} in namespaceObject.metadata.labels && namespaceObject.metadata.labels[${JSON.stringify(label)}] == "true")`;
    return [
        {
            key: "no-load-balancer",
            controlId: "HC-NET-05",
            expression: `!has(object.spec.type) || object.spec.type != "LoadBalancer" || ${allowed(labels.loadBalancer)}`,
            message: "Services of type LoadBalancer are not allowed in this namespace; expose through the platform ingress",
        },
        {
            key: "no-node-port",
            controlId: "HC-NET-05",
            expression: `!has(object.spec.type) || object.spec.type != "NodePort" || ${allowed(labels.nodePort)}`,
            message: "Services of type NodePort are not allowed in this namespace; expose through the platform ingress",
        },
    ];
}
