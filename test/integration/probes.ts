import { DIGEST, goodContainer, goodPodSpec, Json, workload } from "../kubernetes/samples";

/**
 * Objects the tier sends to the real server (as server-side dry runs): the compliant pod and workload of
 * the unit tests' samples, with an image from the stack's own trusted registries, and one deliberate
 * violation each. Names start with "tier-" so they are easy to find in the audit log.
 */
export { DIGEST };

/** An image under the stack's first trusted registry entry, pinned by digest. */
export function trustedImage(trustedRegistries: readonly string[], tagOnly = false): string {
    if (trustedRegistries.length === 0) throw new Error("the stack trusts no registry");
    const entry = trustedRegistries[0];
    const repository = entry.endsWith("/") ? `${entry}tier/probe` : `${entry}/tier/probe`;
    return tagOnly ? `${repository}:1.0.0` : `${repository}@${DIGEST}`;
}

/** A registry no stack trusts. */
export const UNTRUSTED_IMAGE = `docker.io/library/nginx@${DIGEST}`;

export function probePod(name: string, namespace: string, image: string, spec: Json = {}): Json {
    const podSpec = goodPodSpec({ containers: [goodContainer("app", { image })], ...spec });
    const pod = workload("Pod", podSpec, name);
    return { ...pod, metadata: { name, namespace } };
}

export function withContainer(pod: Json, overrides: Json): Json {
    const spec = pod.spec as Json;
    const [first, ...rest] = spec.containers as Json[];
    return { ...pod, spec: { ...spec, containers: [{ ...first, ...overrides }, ...rest] } };
}

export function probeDeployment(name: string, namespace: string, image: string, container: Json = {}): Json {
    const deployment = workload("Deployment", goodPodSpec({ containers: [goodContainer("app", { image, ...container })] }), name);
    return { ...deployment, metadata: { name, namespace } };
}

/** A Deployment whose container sets no resources at all. */
export function deploymentWithoutResources(name: string, namespace: string, image: string): Json {
    const deployment = probeDeployment(name, namespace, image);
    const template = (deployment.spec as Json).template as Json;
    const podSpec = template.spec as Json;
    const containers = (podSpec.containers as Json[]).map((c) => {
        const copy = { ...c };
        delete copy.resources;
        return copy;
    });
    return { ...deployment, spec: { ...(deployment.spec as Json), template: { ...template, spec: { ...podSpec, containers } } } };
}

export function probeService(name: string, namespace: string, type?: "ClusterIP" | "LoadBalancer" | "NodePort"): Json {
    return {
        apiVersion: "v1",
        kind: "Service",
        metadata: { name, namespace },
        spec: { ...(type ? { type } : {}), selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }] },
    };
}
