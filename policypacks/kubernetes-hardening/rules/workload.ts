import * as k8s from "@pulumi/kubernetes";
import { ResourceValidation, ResourceValidationArgs } from "@pulumi/policy";
import { ResourceClass } from "./of-types";

/**
 * One pod-spec extractor for every workload policy: a Pod's spec, a controller's pod template, a
 * CronJob's job template. Props are read as they come (an unknown throws the SDK's UnknownValueError,
 * reported as "not evaluated"); a missing field is undefined, never a crash.
 */
export interface SecurityContextView {
    readonly privileged?: boolean;
    readonly allowPrivilegeEscalation?: boolean;
    readonly runAsNonRoot?: boolean;
    readonly capabilities?: { readonly add?: readonly string[] };
}

export interface ContainerView {
    readonly name?: string;
    readonly image?: string;
    readonly imagePullPolicy?: string;
    readonly securityContext?: SecurityContextView;
    readonly resources?: { readonly limits?: Record<string, unknown> };
}

export interface PodSpecView {
    readonly containers?: readonly ContainerView[];
    readonly initContainers?: readonly ContainerView[];
    readonly ephemeralContainers?: readonly ContainerView[];
    readonly hostNetwork?: boolean;
    readonly hostPID?: boolean;
    readonly hostIPC?: boolean;
    readonly securityContext?: { readonly runAsNonRoot?: boolean };
    readonly volumes?: readonly { readonly name?: string; readonly hostPath?: unknown }[];
}

export type ContainerKind = "container" | "initContainer" | "ephemeralContainer";

export interface Workload {
    /** "Deployment payments/api", for messages. */
    readonly description: string;
    readonly podSpec: PodSpecView;
}

/** Every kind that runs pods; the workload policies apply to exactly these. */
export const WORKLOAD_CLASSES: readonly ResourceClass[] = [
    k8s.core.v1.Pod,
    k8s.apps.v1.Deployment,
    k8s.apps.v1.StatefulSet,
    k8s.apps.v1.DaemonSet,
    k8s.apps.v1.ReplicaSet,
    k8s.batch.v1.Job,
    k8s.batch.v1.CronJob,
];

type Obj = Record<string, unknown>;

function field(value: unknown, key: string): unknown {
    return value !== null && typeof value === "object" ? (value as Obj)[key] : undefined;
}

/** The kind of a Kubernetes resource type token: "kubernetes:apps/v1:Deployment" → "Deployment". */
export function kindOf(type: string): string {
    return type.slice(type.lastIndexOf(":") + 1);
}

/** The pod spec of a workload's props, by kind (CronJob → jobTemplate → template). */
export function podSpecOf(kind: string, props: Obj): PodSpecView {
    const spec = props["spec"];
    if (kind === "Pod") return (spec ?? {}) as PodSpecView;
    const template = kind === "CronJob" ? field(field(field(spec, "jobTemplate"), "spec"), "template") : field(spec, "template");
    return (field(template, "spec") ?? {}) as PodSpecView;
}

/** Containers, init containers and ephemeral containers, each with its kind for messages. */
export function containersOf(spec: PodSpecView): { kind: ContainerKind; container: ContainerView }[] {
    const list = (items: readonly ContainerView[] | undefined, kind: ContainerKind) =>
        (items ?? []).map((container) => ({ kind, container }));
    return [
        ...list(spec.containers, "container"),
        ...list(spec.initContainers, "initContainer"),
        ...list(spec.ephemeralContainers, "ephemeralContainer"),
    ];
}

export function describeContainer(kind: ContainerKind, container: ContainerView): string {
    return `${kind} "${container.name ?? "(unnamed)"}"`;
}

function describeWorkload(kind: string, props: Obj, name: string): string {
    const metadata = (props["metadata"] ?? {}) as Obj;
    const ns = typeof metadata["namespace"] === "string" ? `${metadata["namespace"]}/` : "";
    const objectName = typeof metadata["name"] === "string" ? metadata["name"] : name;
    return `${kind} ${ns}${objectName}`;
}

/**
 * A resource validation that runs `check` on any workload kind and is not applicable to anything else.
 * `args.isType` matches on the provider classes, as `validateResourceOfType` does.
 */
export function validateWorkload(
    check: (workload: Workload, args: ResourceValidationArgs, report: (message: string) => void) => void,
): ResourceValidation {
    return (args, report) => {
        if (!WORKLOAD_CLASSES.some((cls) => args.isType(cls))) return args.notApplicable("not a workload kind");
        const props = args.props as Obj;
        const kind = kindOf(args.type);
        check({ description: describeWorkload(kind, props, args.name), podSpec: podSpecOf(kind, props) }, args, (message) =>
            report(message),
        );
    };
}
