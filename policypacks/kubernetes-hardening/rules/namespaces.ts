import * as k8s from "@pulumi/kubernetes";
import { PolicyResource } from "@pulumi/policy";
import { NAMESPACE_NAME_LABEL, PLATFORM_NAMESPACE_LABEL, TENANT_NAMESPACE_LABEL } from "../../../core/kubernetes-labels";
import { metadataOf } from "./of-types";
import { KINDS, KubeObject, stackObjects } from "./objects";

/**
 * A set of namespaces that hold some object (a NetworkPolicy, a ResourceQuota), built in one pass.
 * An object is matched to its Namespace resource through the property dependency of its `metadata`
 * (known even when names are not), else through `metadata.namespace`.
 */
export class NamespaceIndex {
    private readonly urns = new Set<string>();
    private readonly names = new Set<string>();

    add(resource: PolicyResource): void {
        const owners = (resource.propertyDependencies["metadata"] ?? []).filter((d) => d.isType(k8s.core.v1.Namespace));
        if (owners.length > 0) {
            for (const owner of owners) this.urns.add(owner.urn);
            return;
        }
        const ns = metadataOf(resource.props).namespace;
        this.names.add(ns ?? "default");
    }

    has(namespace: PolicyResource): boolean {
        if (this.urns.has(namespace.urn)) return true;
        const name = metadataOf(namespace.props).name;
        return name !== undefined && this.names.has(name);
    }
}

/**
 * What a namespace is for, from its name and labels:
 * - "system": Kubernetes' own (kube-*), and "default", which tenants are not given;
 * - "platform": labelled hardened-cluster.io/platform "true" and not labelled as a tenant's;
 * - "tenant": everything else. A namespace that carries the tenant label stays a tenant's whatever else
 *   it is labelled, and an unlabelled namespace is judged as a tenant's (fail closed).
 * Whether a platform-labelled namespace really is one of the platform's is for
 * kubernetes-admission-require-tenant-coverage to judge (its `platformNamespaces`).
 */
export type NamespaceRole = "system" | "platform" | "tenant";

export function namespaceRole(name: string | undefined, labels: Readonly<Record<string, string>> | undefined): NamespaceRole {
    if (name !== undefined && (name.startsWith("kube-") || name === "default")) return "system";
    const own = labels ?? {};
    if (own[TENANT_NAMESPACE_LABEL] !== undefined) return "tenant";
    return own[PLATFORM_NAMESPACE_LABEL] === "true" ? "platform" : "tenant";
}

/** Tenant namespaces: not Kubernetes' own (kube-*), not default, not labelled as the platform's alone. */
export function isTenantNamespace(namespace: PolicyResource): boolean {
    const meta = metadataOf(namespace.props);
    return namespaceRole(meta.name, meta.labels) === "tenant";
}

export function namespaceLabel(namespace: PolicyResource): string {
    return metadataOf(namespace.props).name ?? namespace.name;
}

/** One namespace of the stack: a Namespace object, with the labels NamespacePatches of the same name add. */
export interface NamespaceEntry {
    readonly name: string;
    readonly resource: PolicyResource;
    /** Labels as the API server holds them: the object's, the patches', and kubernetes.io/metadata.name. */
    readonly labels: Readonly<Record<string, string>>;
    readonly role: NamespaceRole;
    /** True when the stack creates the Namespace (not only patches one created elsewhere). */
    readonly created: boolean;
    /** The NamespacePatches that changed its labels, for messages. */
    readonly patchedBy: readonly PolicyResource[];
}

/**
 * The namespaces a stack creates or patches, and which namespace an object of the stack lives in.
 * A NamespacePatch (server-side apply) adds or changes labels of the namespace of the same name; a patch
 * of a namespace the stack does not create stands for that namespace on its own.
 */
export class NamespaceDirectory {
    private readonly byName = new Map<string, NamespaceEntry>();
    private readonly byUrn = new Map<string, NamespaceEntry>();

    constructor(resources: readonly PolicyResource[]) {
        const found = stackObjects(resources, [KINDS.namespace]);
        const objects = found.filter((f) => f.object.variant !== "patch");
        const patches = found.filter((f) => f.object.variant === "patch");
        const draft = new Map<
            string,
            { resource: PolicyResource; labels: Record<string, string>; created: boolean; patchedBy: PolicyResource[] }
        >();
        for (const { resource, object } of [...objects, ...patches]) {
            const name = object.meta.name ?? resource.name;
            const labels = object.meta.labels ?? {};
            const existing = draft.get(name);
            if (existing) {
                Object.assign(existing.labels, labels);
                if (object.variant === "patch") existing.patchedBy.push(resource);
            } else {
                const patch = object.variant === "patch";
                draft.set(name, { resource, labels: { ...labels }, created: !patch, patchedBy: patch ? [resource] : [] });
            }
        }
        for (const [name, d] of draft) {
            const labels = { ...d.labels, [NAMESPACE_NAME_LABEL]: name };
            const entry: NamespaceEntry = {
                name,
                resource: d.resource,
                labels,
                role: namespaceRole(name, labels),
                created: d.created,
                patchedBy: d.patchedBy,
            };
            this.byName.set(name, entry);
            if (!this.byUrn.has(d.resource.urn)) this.byUrn.set(d.resource.urn, entry);
        }
    }

    all(): NamespaceEntry[] {
        return [...this.byName.values()];
    }

    /** Tenant namespaces the stack creates (a patch alone does not make the stack their owner). */
    tenants(): NamespaceEntry[] {
        return this.all().filter((e) => e.role === "tenant" && e.created);
    }

    named(name: string): NamespaceEntry | undefined {
        return this.byName.get(name);
    }

    /** The namespace an object of `resource` lives in: its metadata's Namespace dependency, else metadata.namespace. */
    namespaceOf(resource: PolicyResource, object: KubeObject): { name: string; entry?: NamespaceEntry } {
        if (object.variant !== "list") {
            for (const owner of resource.propertyDependencies["metadata"] ?? []) {
                const entry = this.byUrn.get(owner.urn);
                if (entry) return { name: entry.name, entry };
            }
        }
        const name = object.meta.namespace ?? "default";
        return { name, entry: this.byName.get(name) };
    }

    /** The role of a namespace by name: from the stack's labels when it has it, else from the name alone. */
    roleOf(name: string): NamespaceRole {
        return this.byName.get(name)?.role ?? namespaceRole(name, undefined);
    }
}
