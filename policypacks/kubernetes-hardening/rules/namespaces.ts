import * as k8s from "@pulumi/kubernetes";
import { PolicyResource } from "@pulumi/policy";
import { PLATFORM_NAMESPACE_LABEL } from "../../../core/kubernetes-labels";
import { metadataOf } from "./of-types";

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

/** Tenant namespaces: not Kubernetes' own (kube-*), not default, not labelled as the platform's. */
export function isTenantNamespace(namespace: PolicyResource): boolean {
    const meta = metadataOf(namespace.props);
    const name = meta.name ?? "";
    if (name.startsWith("kube-") || name === "default") return false;
    return meta.labels?.[PLATFORM_NAMESPACE_LABEL] !== "true";
}

export function namespaceLabel(namespace: PolicyResource): string {
    return metadataOf(namespace.props).name ?? namespace.name;
}
