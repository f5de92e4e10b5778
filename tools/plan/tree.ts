import { CapturedResource } from "../mock/captured";

/** A resource and the resources registered with it as parent, for the report's tree. */
export interface ResourceNode {
    readonly resource: CapturedResource;
    readonly children: readonly ResourceNode[];
}

/** Resources grouped under their parent component, in registration order. */
export function resourceTree(resources: readonly CapturedResource[]): ResourceNode[] {
    const children = new Map<string, CapturedResource[]>();
    const known = new Set(resources.map((r) => r.urn));
    const roots: CapturedResource[] = [];
    for (const r of resources) {
        if (r.parent && known.has(r.parent)) {
            const list = children.get(r.parent) ?? [];
            list.push(r);
            children.set(r.parent, list);
        } else {
            roots.push(r);
        }
    }
    const build = (r: CapturedResource): ResourceNode => ({ resource: r, children: (children.get(r.urn) ?? []).map(build) });
    return roots.map(build);
}

/** Counts of custom (cloud / Kubernetes) resources per type. */
export function countByType(resources: readonly CapturedResource[]): Map<string, number> {
    const counts = new Map<string, number>();
    for (const r of resources) {
        if (r.custom && !r.type.startsWith("pulumi:providers:")) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    }
    return counts;
}
