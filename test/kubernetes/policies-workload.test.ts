import * as k8s from "@pulumi/kubernetes";
import { CapturedResource, runProgram } from "../harness";
import { violations } from "../harness/policies";
import { evaluate, statuses } from "./policy-helpers";
import { DIGEST, goodContainer, goodPodSpec, Json, TRUSTED, workload, WorkloadKind, WORKLOAD_KINDS } from "./samples";

type WorkloadCtor = new (name: string, args: never) => unknown;
const CLASSES: Record<WorkloadKind, WorkloadCtor> = {
    Pod: k8s.core.v1.Pod,
    Deployment: k8s.apps.v1.Deployment,
    StatefulSet: k8s.apps.v1.StatefulSet,
    DaemonSet: k8s.apps.v1.DaemonSet,
    ReplicaSet: k8s.apps.v1.ReplicaSet,
    Job: k8s.batch.v1.Job,
    CronJob: k8s.batch.v1.CronJob,
};

/** Registers workloads through the provider SDK's own classes and captures them. */
async function capture(items: readonly { kind: WorkloadKind; podSpec: Json }[]): Promise<CapturedResource[]> {
    const { resources } = await runProgram(() => {
        for (const { kind, podSpec } of items) new CLASSES[kind](`${kind.toLowerCase()}-api`, workload(kind, podSpec) as never);
    });
    return resources;
}

const POLICY_CONFIG: Record<string, Record<string, unknown>> = {
    "kubernetes-workload-require-trusted-registry": { trustedRegistries: TRUSTED },
};

const WORKLOAD_POLICIES = [
    "kubernetes-workload-deny-privileged",
    "kubernetes-workload-require-non-root",
    "kubernetes-workload-deny-host-namespaces",
    "kubernetes-workload-deny-host-path",
    "kubernetes-workload-require-resource-limits",
    "kubernetes-workload-require-trusted-registry",
    "kubernetes-workload-require-image-digest",
    "kubernetes-workload-require-pull-always",
];

let compliant: CapturedResource[];
beforeAll(async () => {
    compliant = await capture(WORKLOAD_KINDS.map((kind) => ({ kind, podSpec: goodPodSpec() })));
});

test.each(WORKLOAD_POLICIES)("%s passes a compliant workload of every kind and ignores other types", async (name) => {
    const outcomes = await evaluate(name, compliant, POLICY_CONFIG[name]);
    const seen = outcomes.map((o) => `${o.status} ${o.urn?.split("::").pop()}`).sort();
    expect(seen).toEqual(WORKLOAD_KINDS.map((k) => `pass ${k.toLowerCase()}-api`).sort());
});

const insecure: [string, WorkloadKind, Json, string][] = [
    [
        "kubernetes-workload-deny-privileged",
        "Deployment",
        goodPodSpec({ containers: [goodContainer("app", { securityContext: { privileged: true } })] }),
        '[HC-POD-01] Deployment payments/api container "app" is privileged; remove securityContext.privileged',
    ],
    [
        "kubernetes-workload-deny-privileged",
        "CronJob",
        goodPodSpec({
            initContainers: [
                goodContainer("init", {
                    securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ["NET_BIND_SERVICE", "SYS_ADMIN"] } },
                }),
            ],
        }),
        '[HC-POD-01] CronJob payments/api initContainer "init" adds capabilities SYS_ADMIN; only NET_BIND_SERVICE may be added',
    ],
    [
        "kubernetes-workload-deny-privileged",
        "Job",
        goodPodSpec({ containers: [goodContainer("app", { securityContext: { allowPrivilegeEscalation: true } })] }),
        '[HC-POD-01] Job payments/api container "app" sets allowPrivilegeEscalation true; set securityContext.allowPrivilegeEscalation to false',
    ],
    [
        "kubernetes-workload-deny-privileged",
        "StatefulSet",
        goodPodSpec({ containers: [goodContainer("app", { securityContext: { capabilities: { drop: ["ALL"] } } })] }),
        '[HC-POD-01] StatefulSet payments/api container "app" does not set allowPrivilegeEscalation (unset, a process may gain more privileges than its parent); set securityContext.allowPrivilegeEscalation to false',
    ],
    [
        "kubernetes-workload-require-non-root",
        "Pod",
        goodPodSpec({ securityContext: {} }),
        '[HC-POD-02] Pod payments/api container "app" may run as root (runAsNonRoot is not set on the container or the pod); set securityContext.runAsNonRoot to true',
    ],
    [
        "kubernetes-workload-require-non-root",
        "StatefulSet",
        goodPodSpec({ containers: [goodContainer("app", { securityContext: { runAsNonRoot: false } })] }),
        '[HC-POD-02] StatefulSet payments/api container "app" may run as root (runAsNonRoot is false)',
    ],
    [
        "kubernetes-workload-deny-host-namespaces",
        "DaemonSet",
        goodPodSpec({ hostPID: true, hostNetwork: true }),
        "[HC-POD-03] DaemonSet payments/api sets hostNetwork, hostPID true; remove them",
    ],
    [
        "kubernetes-workload-deny-host-path",
        "Deployment",
        goodPodSpec({ volumes: [{ name: "docker", hostPath: { path: "/var/run/docker.sock" } }] }),
        '[HC-POD-03] Deployment payments/api mounts hostPath volumes "docker"; use a PersistentVolumeClaim',
    ],
    [
        "kubernetes-workload-require-resource-limits",
        "ReplicaSet",
        goodPodSpec({ containers: [goodContainer("app", { resources: { limits: { cpu: "1" } } })] }),
        '[HC-POD-04] ReplicaSet payments/api container "app" has no limits.memory; set resources.limits.cpu and resources.limits.memory',
    ],
    [
        "kubernetes-workload-require-trusted-registry",
        "Deployment",
        goodPodSpec({ containers: [goodContainer("app", { image: `docker.io/library/nginx@${DIGEST}` })] }),
        `[HC-SUP-02] Deployment payments/api container "app" uses image "docker.io/library/nginx@${DIGEST}" from an untrusted registry; trusted registries are ${TRUSTED.join(", ")}`,
    ],
    [
        "kubernetes-workload-require-trusted-registry",
        "Pod",
        goodPodSpec({ containers: [goodContainer("app", { image: `ghcr.io/acme-evil/x@${DIGEST}` })] }),
        '[HC-SUP-02] Pod payments/api container "app" uses image "ghcr.io/acme-evil/x',
    ],
    [
        "kubernetes-workload-require-image-digest",
        "Deployment",
        goodPodSpec({ containers: [goodContainer("app", { image: "ghcr.io/acme/api:1.2.3" })] }),
        '[HC-SUP-03] Deployment payments/api container "app" image "ghcr.io/acme/api:1.2.3" is not pinned by digest',
    ],
    [
        "kubernetes-workload-require-pull-always",
        "Job",
        goodPodSpec({ containers: [goodContainer("app", { imagePullPolicy: "IfNotPresent" })] }),
        '[HC-SUP-03] Job payments/api container "app" has imagePullPolicy IfNotPresent; set imagePullPolicy to Always',
    ],
];

test.each(insecure)("%s fails an insecure %s", async (name, kind, podSpec, message) => {
    const resources = await capture([{ kind, podSpec }]);
    const found = violations(await evaluate(name, resources, POLICY_CONFIG[name]), name);
    expect(found).toHaveLength(1);
    expect(found[0].enforcementLevel).toBe("mandatory");
    expect(found[0].message).toContain(message);
});

test("with no trustedRegistries configured every image is refused (fail closed)", async () => {
    const resources = await capture([{ kind: "Deployment", podSpec: goodPodSpec() }]);
    const found = violations(
        await evaluate("kubernetes-workload-require-trusted-registry", resources),
        "kubernetes-workload-require-trusted-registry",
    );
    expect(found.map((v) => v.message)).toEqual([
        expect.stringContaining("no trusted registries are configured: set trustedRegistries in the kubernetes-hardening pack config"),
    ]);
});

test("unknown images (preview) are reported as not evaluated, never passed", async () => {
    const { resources } = await runProgram(
        () => {
            const upstream = new k8s.core.v1.ConfigMap("image-source", { metadata: { name: "x" } });
            const spec = goodPodSpec();
            new k8s.apps.v1.Deployment("deployment-api", {
                ...(workload("Deployment", spec) as object),
                spec: {
                    selector: { matchLabels: { app: "api" } },
                    template: {
                        metadata: { labels: { app: "api" } },
                        spec: { ...spec, containers: [{ ...goodContainer(), image: upstream.id.apply((id) => `${TRUSTED[0]}${id}`) }] },
                    },
                },
            } as never);
        },
        { preview: true },
    );
    const outcomes = await evaluate("kubernetes-workload-require-image-digest", resources);
    expect(statuses(outcomes)).toEqual(["not-evaluated"]);
});
