import { createHash } from "crypto";
import { CapturedResource } from "../../tools/mock/captured";
import { deserializePolicyProps } from "../../policypacks/lib/sdk-internals";

/**
 * Turns what a stack registers under mocks into the Kubernetes objects a real `pulumi up` would send to
 * the API server, in an order the server accepts. Generic over every `kubernetes:` type: nothing here
 * knows which objects the baseline makes today.
 */
export type Json = Record<string, unknown>;

export interface StackObject {
    readonly urn: string;
    /** Pulumi type token, e.g. kubernetes:core/v1:Namespace or kubernetes:core/v1:ServiceAccountPatch. */
    readonly type: string;
    readonly apiVersion: string;
    readonly kind: string;
    readonly name: string;
    readonly namespace?: string;
    /** The object as sent by server-side apply. */
    readonly manifest: Json;
}

export interface NotApplied {
    readonly urn: string;
    readonly type: string;
    readonly reason: string;
}

export interface StackManifests {
    /** In dependency order: every object after the objects it depends on. */
    readonly objects: StackObject[];
    readonly notApplied: NotApplied[];
}

/**
 * Types that the Kubernetes provider expands itself (Helm renders its chart, YAML/kustomize groups read
 * files): their objects never appear among the program's registrations, so the tier cannot apply them.
 */
const EXPANDED_BY_PROVIDER = /^kubernetes:(helm\.sh|yaml|kustomize)(\/|:)/;

/** Pulumi type token → apiVersion and kind ("core" is the legacy group; "...Patch" kinds are SSA patches). */
export function typeToKind(type: string): { apiVersion: string; kind: string } {
    const match = /^kubernetes:([^:]+):(.+)$/.exec(type);
    if (!match) throw new Error(`not a Kubernetes type token: ${type}`);
    const [group, version] = splitGroupVersion(match[1]);
    const kind = match[2].replace(/Patch$/, "");
    return { apiVersion: group === "core" ? version : `${group}/${version}`, kind };
}

function splitGroupVersion(groupVersion: string): [string, string] {
    const slash = groupVersion.lastIndexOf("/");
    if (slash < 0) throw new Error(`no version in ${groupVersion}`);
    return [groupVersion.slice(0, slash), groupVersion.slice(slash + 1)];
}

/** Every custom `kubernetes:` resource of a run: applicable objects in dependency order, and the rest. */
export function stackManifests(resources: readonly CapturedResource[]): StackManifests {
    const notApplied: NotApplied[] = [];
    const candidates: StackObject[] = [];
    for (const resource of resources) {
        if (!resource.type.startsWith("kubernetes:") || !resource.custom) continue;
        if (EXPANDED_BY_PROVIDER.test(resource.type)) {
            notApplied.push({
                urn: resource.urn,
                type: resource.type,
                reason: "rendered by the Kubernetes provider (Helm chart or manifest files); its objects are not registered by the program",
            });
            continue;
        }
        candidates.push(toObject(resource));
    }
    return { objects: dependencyOrder(candidates, resources), notApplied };
}

function toObject(resource: CapturedResource): StackObject {
    const manifest = structuredClone(deserializePolicyProps(resource.props)) as Json;
    const fromType = typeToKind(resource.type);
    const apiVersion = typeof manifest.apiVersion === "string" ? manifest.apiVersion : fromType.apiVersion;
    const kind = typeof manifest.kind === "string" ? manifest.kind : fromType.kind;
    const metadata = { ...((manifest.metadata ?? {}) as Json) };
    // The provider auto-names an object without metadata.name: the resource name plus a suffix.
    if (typeof metadata.name !== "string") metadata.name = `${resource.name}-${shortHash(resource.urn)}`;
    const body: Json = { ...manifest, apiVersion, kind, metadata };
    return {
        urn: resource.urn,
        type: resource.type,
        apiVersion,
        kind,
        name: metadata.name as string,
        namespace: typeof metadata.namespace === "string" ? metadata.namespace : undefined,
        manifest: body,
    };
}

function shortHash(text: string): string {
    return createHash("sha256").update(text).digest("hex").slice(0, 8);
}

/**
 * Kahn's algorithm over the program's own dependencies (explicit dependsOn, Outputs passed as inputs,
 * and dependencies on a component meaning all of its children), plus what Kubernetes itself requires:
 * a namespaced object after its Namespace. Ties keep registration order. A cycle is an error.
 */
export function dependencyOrder(objects: readonly StackObject[], resources: readonly CapturedResource[]): StackObject[] {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const childrenOf = new Map<string, string[]>();
    for (const r of resources) if (r.parent) childrenOf.set(r.parent, [...(childrenOf.get(r.parent) ?? []), r.urn]);
    const objectUrns = new Set(objects.map((o) => o.urn));
    const namespaceUrn = new Map(objects.filter((o) => o.kind === "Namespace" && o.apiVersion === "v1").map((o) => [o.name, o.urn]));

    // The applied objects a URN stands for: itself, or every applied descendant of a component.
    const expand = (urn: string, seen = new Set<string>()): string[] => {
        if (seen.has(urn)) return [];
        seen.add(urn);
        if (objectUrns.has(urn)) return [urn];
        return (childrenOf.get(urn) ?? []).flatMap((child) => expand(child, seen));
    };
    const edges = new Map<string, Set<string>>();
    for (const object of objects) {
        const resource = byUrn.get(object.urn);
        const direct = [...(resource?.dependencies ?? []), ...Object.values(resource?.propertyDependencies ?? {}).flat()];
        const before = new Set(direct.flatMap((urn) => expand(urn)));
        const namespace = object.namespace !== undefined ? namespaceUrn.get(object.namespace) : undefined;
        if (namespace) before.add(namespace);
        before.delete(object.urn);
        edges.set(object.urn, before);
    }

    const ordered: StackObject[] = [];
    const done = new Set<string>();
    let remaining = [...objects];
    while (remaining.length > 0) {
        const ready = remaining.filter((o) => [...edges.get(o.urn)!].every((urn) => done.has(urn)));
        if (ready.length === 0) throw new Error(`dependency cycle among ${remaining.map((o) => o.urn).join(", ")}`);
        const next = ready[0];
        ordered.push(next);
        done.add(next.urn);
        remaining = remaining.filter((o) => o !== next);
    }
    return ordered;
}
