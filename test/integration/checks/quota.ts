import { predictFailures } from "../admission-model";
import { CheckResult, Finding } from "../findings";
import { Kubectl } from "../kubectl";
import { Json, StackObject } from "../manifests";
import { probePod, withContainer } from "../probes";

/**
 * Check 5: the tenant's ResourceQuota refuses a pod that asks for more than the namespace may use, and a
 * container without requests or limits gets the LimitRange defaults. The defaulted pod is also what the
 * blueprint's policies see (LimitRanger mutates before validating admission runs), so the offline
 * prediction for the server's object must be "admitted".
 */

/** CPU quantity in millicores ("8", "0.5", "500m"); other forms are not used for CPU quotas here. */
export function cpuMillis(quantity: string): number {
    const match = /^(\d+(?:\.\d+)?)(m?)$/.exec(quantity);
    if (!match) throw new Error(`unsupported CPU quantity ${quantity}`);
    return match[2] === "m" ? Number(match[1]) : Math.round(Number(match[1]) * 1000);
}

interface LimitRangeItem {
    type: string;
    default?: Record<string, string>;
    defaultRequest?: Record<string, string>;
}

export function quotaFindings(kubectl: Kubectl, objects: readonly StackObject[], namespace: string, image: string): CheckResult {
    const findings: Finding[] = [];
    let probes = 0;
    const quotas = objects.filter((o) => o.kind === "ResourceQuota" && o.namespace === namespace);
    if (quotas.length === 0) findings.push({ check: "quota", subject: namespace, problem: "the stack creates no ResourceQuota here" });
    for (const quota of quotas) {
        const hard = ((quota.manifest.spec as Json).hard ?? {}) as Record<string, string>;
        const cpuLimit = hard["limits.cpu"] ?? hard["requests.cpu"] ?? hard.cpu;
        if (!cpuLimit) {
            findings.push({ check: "quota", subject: `${namespace}/${quota.name}`, problem: "bounds no CPU" });
            continue;
        }
        const over = `${cpuMillis(cpuLimit) + 1000}m`;
        const pod = withContainer(probePod("tier-over-quota", namespace, image), {
            resources: { requests: { cpu: over, memory: "128Mi" }, limits: { cpu: over, memory: "128Mi" } },
        });
        probes++;
        const result = kubectl.dryRunCreate(pod);
        if (result.ok)
            findings.push({
                check: "quota",
                subject: `${namespace}/${quota.name}`,
                problem: `a pod asking for ${over} CPU (quota ${cpuLimit}) was admitted`,
            });
        else if (!result.error.includes(`exceeded quota: ${quota.name}`)) {
            findings.push({
                check: "quota",
                subject: `${namespace}/${quota.name}`,
                problem: `refused, but not by the quota: ${result.error}`,
            });
        }
    }

    const limitRanges = objects.filter((o) => o.kind === "LimitRange" && o.namespace === namespace);
    const containerDefaults = limitRanges
        .flatMap((l) => ((l.manifest.spec as Json).limits ?? []) as LimitRangeItem[])
        .find((i) => i.type === "Container");
    if (!containerDefaults) {
        findings.push({ check: "quota", subject: namespace, problem: "the stack sets no container defaults (LimitRange type Container)" });
        return { findings, probes };
    }
    const bare = withContainer(probePod("tier-no-resources", namespace, image), { resources: {} });
    probes++;
    const result = kubectl.dryRunCreate(bare);
    if (!result.ok) {
        findings.push({ check: "quota", subject: namespace, problem: `a container without requests was refused: ${result.error}` });
        return { findings, probes };
    }
    const stored = JSON.parse(result.stdout) as Json;
    const container = ((stored.spec as Json).containers as Json[])[0];
    const resources = (container.resources ?? {}) as { requests?: Record<string, string>; limits?: Record<string, string> };
    const expected = { requests: containerDefaults.defaultRequest ?? {}, limits: containerDefaults.default ?? {} };
    if (JSON.stringify(sortKeys(resources.requests)) !== JSON.stringify(sortKeys(expected.requests))) {
        findings.push({
            check: "quota",
            subject: namespace,
            problem: `requests ${JSON.stringify(resources.requests)}, LimitRange defaults ${JSON.stringify(expected.requests)}`,
        });
    }
    if (JSON.stringify(sortKeys(resources.limits)) !== JSON.stringify(sortKeys(expected.limits))) {
        findings.push({
            check: "quota",
            subject: namespace,
            problem: `limits ${JSON.stringify(resources.limits)}, LimitRange defaults ${JSON.stringify(expected.limits)}`,
        });
    }
    // The policies saw the defaulted pod and admitted it; the offline model agrees on that object.
    const namespaceObject = kubectl.json(["get", "namespace", namespace]);
    const request = { resource: "pods", apiGroup: "", apiVersion: "v1", operation: "CREATE" as const, namespaceObject };
    const predicted = predictFailures(objects, { ...request, object: stored }).filter((p) => p.actions.includes("Deny"));
    if (predicted.length > 0) {
        findings.push({
            check: "quota",
            subject: namespace,
            problem: `offline CEL would refuse the defaulted pod: ${predicted.map((p) => p.message).join("; ")}`,
        });
    }
    return { findings, probes };
}

function sortKeys(record: Record<string, string> | undefined): [string, string][] {
    return Object.entries(record ?? {}).sort(([a], [b]) => a.localeCompare(b));
}
