/**
 * Sample Kubernetes objects for the CEL and policy tests: a compliant pod spec, and helpers that wrap a pod
 * spec in each workload kind the way the API server would receive it.
 */
export type Json = Record<string, unknown>;

export const DIGEST = "sha256:" + "a".repeat(64);
export const TRUSTED = ["123456789012.dkr.ecr.eu-west-1.amazonaws.com/", "ghcr.io/acme"];
export const GOOD_IMAGE = `123456789012.dkr.ecr.eu-west-1.amazonaws.com/payments/api@${DIGEST}`;

export function goodContainer(name = "app", overrides: Json = {}): Json {
    return {
        name,
        image: GOOD_IMAGE,
        imagePullPolicy: "Always",
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] } },
        resources: { limits: { cpu: "500m", memory: "256Mi" }, requests: { cpu: "100m", memory: "128Mi" } },
        ...overrides,
    };
}

export function goodPodSpec(overrides: Json = {}): Json {
    return {
        securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
        containers: [goodContainer()],
        volumes: [{ name: "tmp", emptyDir: {} }],
        ...overrides,
    };
}

export type WorkloadKind = "Pod" | "Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet" | "Job" | "CronJob";
export const WORKLOAD_KINDS: readonly WorkloadKind[] = ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob"];

const API_VERSIONS: Record<WorkloadKind, string> = {
    Pod: "v1",
    Deployment: "apps/v1",
    StatefulSet: "apps/v1",
    DaemonSet: "apps/v1",
    ReplicaSet: "apps/v1",
    Job: "batch/v1",
    CronJob: "batch/v1",
};

/** A workload object of `kind` whose pods run `podSpec`. */
export function workload(kind: WorkloadKind, podSpec: Json, name = "api"): Json {
    const metadata = { name, namespace: "payments" };
    const template = { metadata: { labels: { app: name } }, spec: podSpec };
    const selector = { matchLabels: { app: name } };
    const specByKind: Record<WorkloadKind, Json> = {
        Pod: podSpec,
        Deployment: { selector, template },
        StatefulSet: { selector, serviceName: name, template },
        DaemonSet: { selector, template },
        ReplicaSet: { selector, template },
        Job: { template: { ...template, spec: { ...podSpec, restartPolicy: "Never" } } },
        CronJob: {
            schedule: "0 * * * *",
            jobTemplate: { spec: { template: { ...template, spec: { ...podSpec, restartPolicy: "Never" } } } },
        },
    };
    return { apiVersion: API_VERSIONS[kind], kind, metadata, spec: specByKind[kind] };
}
