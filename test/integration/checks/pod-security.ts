import { CheckResult, Finding } from "../findings";
import { Kubectl } from "../kubectl";
import { Json } from "../manifests";
import { probePod, withContainer } from "../probes";

/**
 * Check 2: Pod Security Admission at the namespace's enforced level. In a tenant namespace a privileged
 * pod, a hostPath pod, a hostNetwork pod and a root pod are refused by PodSecurity itself (the blueprint's
 * own policies come later in the chain), and a restricted-compliant pod is admitted. Server-side dry runs:
 * there are no nodes.
 */
export interface PodSecurityProbe {
    readonly label: string;
    readonly pod: Json;
    readonly admitted: boolean;
}

export function podSecurityProbes(namespace: string, image: string): PodSecurityProbe[] {
    const good = probePod("tier-psa-restricted", namespace, image);
    return [
        { label: "restricted-compliant pod", pod: good, admitted: true },
        {
            label: "privileged pod",
            pod: withContainer(rename(good, "tier-psa-privileged"), {
                securityContext: { privileged: true, allowPrivilegeEscalation: true },
            }),
            admitted: false,
        },
        {
            label: "hostPath pod",
            pod: probePod("tier-psa-hostpath", namespace, image, { volumes: [{ name: "host", hostPath: { path: "/var/run" } }] }),
            admitted: false,
        },
        { label: "hostNetwork pod", pod: probePod("tier-psa-hostnetwork", namespace, image, { hostNetwork: true }), admitted: false },
        {
            label: "root pod",
            pod: probePod("tier-psa-root", namespace, image, {
                securityContext: { runAsNonRoot: false, runAsUser: 0, seccompProfile: { type: "RuntimeDefault" } },
            }),
            admitted: false,
        },
    ];
}

function rename(object: Json, name: string): Json {
    return { ...object, metadata: { ...(object.metadata as Json), name } };
}

export function podSecurityFindings(kubectl: Kubectl, namespace: string, image: string, kubernetesMinor: string): CheckResult {
    const refusal = `violates PodSecurity "restricted:v${kubernetesMinor}"`;
    const findings: Finding[] = [];
    const probes = podSecurityProbes(namespace, image);
    for (const probe of probes) {
        const result = kubectl.dryRunCreate(probe.pod);
        const subject = `${namespace}: ${probe.label}`;
        const podSecurityWarnings = result.warnings.filter((w) => w.includes("PodSecurity"));
        if (probe.admitted) {
            if (!result.ok) findings.push({ check: "pod-security", subject, problem: `refused: ${result.error}` });
            if (podSecurityWarnings.length > 0)
                findings.push({ check: "pod-security", subject, problem: `warned: ${podSecurityWarnings.join("; ")}` });
        } else if (result.ok) {
            findings.push({ check: "pod-security", subject, problem: "admitted; Pod Security (restricted) must refuse it" });
        } else if (!result.error.includes(refusal)) {
            findings.push({ check: "pod-security", subject, problem: `refused, but not by Pod Security "${refusal}": ${result.error}` });
        }
    }
    return { findings, probes: probes.length };
}
