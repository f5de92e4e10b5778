import { KubeObject, list, record } from "./objects";

/**
 * Istio AuthorizationPolicy semantics (istio.io reference, security.istio.io/v1): action defaults to ALLOW; an
 * ALLOW policy with no rules matches nothing (Istio's "allow-nothing": it denies every request to the workloads it
 * selects); a rule without `from` matches any source; the fields of one `source` are ANDed, its `from` entries ORed.
 * A policy without selector and targetRef(s) applies to every workload of its namespace.
 */
export function actionOf(policy: KubeObject): unknown {
    return record(policy.body["spec"])?.["action"] ?? "ALLOW";
}

export function isNamespaceWide(policy: KubeObject): boolean {
    const spec = record(policy.body["spec"]);
    const selector = record(spec?.["selector"]);
    const labels = record(selector?.["matchLabels"]) ?? {};
    return Object.keys(labels).length === 0 && spec?.["targetRef"] === undefined && list(spec?.["targetRefs"]).length === 0;
}

/** A SPIFFE principal of the namespace: "<trust domain>/ns/<namespace>/sa/<account>" (or "/ns/<namespace>/*"). */
function principalOf(namespace: string, principal: unknown): boolean {
    if (typeof principal !== "string") return false;
    const escaped = namespace.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return (
        new RegExp(`^[^/*]*/ns/${escaped}/(sa/[^/]*|\\*)$`).test(principal) || new RegExp(`^\\*/ns/${escaped}/sa/[^/*]+$`).test(principal)
    );
}

/**
 * What in an ALLOW policy admits peers from outside `namespace`, one phrase per finding; [] when it admits only
 * the namespace's own mTLS identities (or nothing).
 */
export function crossNamespaceAdmissions(policy: KubeObject, namespace: string): string[] {
    const spec = record(policy.body["spec"]);
    const findings: string[] = [];
    list(spec?.["rules"]).forEach((rawRule, i) => {
        const from = list(record(rawRule)?.["from"]);
        if (from.length === 0) {
            findings.push(`rules[${i}] has no from, so it admits every source`);
            return;
        }
        from.forEach((rawFrom, j) => {
            const source = record(record(rawFrom)?.["source"]) ?? {};
            const where = `rules[${i}].from[${j}].source`;
            const namespaces = list(source["namespaces"]);
            const principals = list(source["principals"]);
            const foreignNamespaces = namespaces.filter((n) => n !== namespace);
            const foreignPrincipals = principals.filter((p) => !principalOf(namespace, p));
            // The fields of one source are ANDed: one field limited to the namespace is enough.
            const limited =
                (namespaces.length > 0 && foreignNamespaces.length === 0) || (principals.length > 0 && foreignPrincipals.length === 0);
            if (limited) return;
            if (foreignNamespaces.length > 0) findings.push(`${where}.namespaces admits ${JSON.stringify(foreignNamespaces)}`);
            if (foreignPrincipals.length > 0) findings.push(`${where}.principals admits ${JSON.stringify(foreignPrincipals)}`);
            if (namespaces.length === 0 && principals.length === 0) {
                findings.push(`${where} names no namespaces or principals, so it admits peers of every namespace`);
            }
        });
    });
    return findings;
}
