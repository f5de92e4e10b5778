import { PolicyResource } from "@pulumi/policy";
import { NAMESPACE_NAME_LABEL } from "../../../core/kubernetes-labels";
import { NamespaceDirectory } from "./namespaces";
import { KINDS, KubeObject, list, record, stackObjects } from "./objects";
import { describeSelector, selects } from "./selectors";

/**
 * NetworkPolicies as the API server holds them: one per namespace and name, a server-side-apply patch
 * applied over the object of the same name (it replaces the fields it sets: podSelector, policyTypes and
 * the ingress/egress lists, which are atomic), and the API's defaults filled in (policyTypes unset means
 * Ingress, plus Egress when egress rules are given).
 */
export interface EffectiveNetworkPolicy {
    readonly namespace: string;
    /** False when the object names no namespace: it lands in the provider's default namespace, which may be anyone's. */
    readonly namespaceGiven: boolean;
    readonly name: string;
    readonly label: string;
    readonly resources: readonly PolicyResource[];
    readonly podSelector: unknown;
    readonly policyTypes: readonly string[];
    readonly ingress: readonly Record<string, unknown>[];
    readonly egress: readonly Record<string, unknown>[];
}

const SPEC_FIELDS = ["podSelector", "policyTypes", "ingress", "egress"] as const;

export function effectivePolicyTypes(spec: Record<string, unknown>): string[] {
    const given = spec["policyTypes"];
    if (given !== undefined && given !== null) return [...list<string>(given)];
    return spec["egress"] !== undefined && spec["egress"] !== null ? ["Ingress", "Egress"] : ["Ingress"];
}

export function effectiveNetworkPolicies(resources: readonly PolicyResource[], directory: NamespaceDirectory): EffectiveNetworkPolicy[] {
    const found = stackObjects(resources, [KINDS.networkPolicy]);
    const ordered = [...found.filter((f) => f.object.variant !== "patch"), ...found.filter((f) => f.object.variant === "patch")];
    const merged = new Map<
        string,
        { namespace: string; given: boolean; object: KubeObject; spec: Record<string, unknown>; resources: PolicyResource[] }
    >();
    for (const { resource, object } of ordered) {
        const namespace = directory.namespaceOf(resource, object).name;
        const given = object.meta.namespace !== undefined || (resource.propertyDependencies["metadata"] ?? []).length > 0;
        const key = `${namespace}/${object.meta.name ?? resource.name}`;
        const spec = record(object.body["spec"]) ?? {};
        const existing = merged.get(key);
        if (existing && object.variant === "patch") {
            for (const field of SPEC_FIELDS) if (spec[field] !== undefined) existing.spec[field] = spec[field];
            existing.resources.push(resource);
        } else {
            const own: Record<string, unknown> = {};
            for (const field of SPEC_FIELDS) if (spec[field] !== undefined) own[field] = spec[field];
            merged.set(key, { namespace, given, object, spec: own, resources: [resource] });
        }
    }
    return [...merged.values()].map(({ namespace, given, object, spec, resources: rs }) => ({
        namespace,
        namespaceGiven: given,
        name: object.meta.name ?? rs[0].name,
        label: `NetworkPolicy ${namespace}/${object.meta.name ?? rs[0].name}`,
        resources: rs,
        podSelector: spec["podSelector"],
        policyTypes: effectivePolicyTypes(spec),
        ingress: list<unknown>(spec["ingress"]).map((r) => record(r) ?? {}),
        egress: list<unknown>(spec["egress"]).map((r) => record(r) ?? {}),
    }));
}

/** A CIDR this wide (a prefix shorter than /8, IPv4 or IPv6) is the internet, or most of it. */
export function isWideCidr(cidr: string): boolean {
    const prefix = Number(cidr.slice(cidr.indexOf("/") + 1));
    return cidr.includes("/") && Number.isInteger(prefix) && prefix < 8;
}

/** A namespace with no label of its own (only its name) stands for "any namespace". */
const ANY_NAMESPACE = { [NAMESPACE_NAME_LABEL]: "any-namespace" };

/** What makes one peer of a rule open to everything, or undefined. */
export function openPeer(peer: Record<string, unknown>): string | undefined {
    const block = record(peer["ipBlock"]);
    if (block) {
        const cidr = typeof block["cidr"] === "string" ? block["cidr"] : "";
        return isWideCidr(cidr)
            ? `ipBlock ${cidr} (the internet${list(block["except"]).length > 0 ? ", whatever its except list" : ""})`
            : undefined;
    }
    const namespaceSelector = peer["namespaceSelector"];
    if (namespaceSelector !== undefined && namespaceSelector !== null && selects(namespaceSelector, ANY_NAMESPACE)) {
        return `namespaceSelector ${describeSelector(namespaceSelector)} (every namespace)`;
    }
    return undefined;
}

/** Ports of a rule for messages: " on 443/TCP, 53/UDP", or "" for all ports. */
export function describePorts(rule: Record<string, unknown>): string {
    const ports = list<Record<string, unknown>>(rule["ports"]);
    if (ports.length === 0) return " on every port";
    return ` on ${ports.map((p) => `${String(p["port"] ?? "any")}/${String(p["protocol"] ?? "TCP")}`).join(", ")}`;
}
