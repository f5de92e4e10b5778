import {
    IMAGE_DIGEST_VALIDATION,
    POD_SECURITY_VALIDATIONS,
    PULL_ALWAYS_VALIDATION,
    registryPrefixes,
    serviceExposureValidations,
    trustedRegistryValidation,
    WORKLOAD_VARIABLES,
} from "../../core/admission-cel";
import { ALLOW_LOAD_BALANCER_LABEL, ALLOW_NODE_PORT_LABEL } from "../../core/kubernetes-labels";
import { failingValidations } from "./cel-eval";
import { DIGEST, goodContainer, goodPodSpec, Json, TRUSTED, workload, WORKLOAD_KINDS } from "./samples";

// Every expression is evaluated offline with @bufbuild/cel against sample admission objects, so a wrong
// field path or operator fails here. Only standard CEL is used; no Kubernetes extension shim is needed.
const IMAGE_VALIDATIONS = [trustedRegistryValidation(TRUSTED), PULL_ALWAYS_VALIDATION, IMAGE_DIGEST_VALIDATION];
const ALL_WORKLOAD_VALIDATIONS = [...POD_SECURITY_VALIDATIONS, ...IMAGE_VALIDATIONS];

function failures(object: Json): string[] {
    return failingValidations(WORKLOAD_VARIABLES, ALL_WORKLOAD_VALIDATIONS, { object });
}

describe("workload CEL", () => {
    test.each(WORKLOAD_KINDS)("a compliant %s is admitted by every rule", (kind) => {
        expect(failures(workload(kind, goodPodSpec()))).toEqual([]);
    });

    const bad: [string, Json, string[]][] = [
        [
            "privileged container",
            goodPodSpec({ containers: [goodContainer("app", { securityContext: { privileged: true, allowPrivilegeEscalation: false } })] }),
            ["privileged"],
        ],
        [
            "allowPrivilegeEscalation true",
            goodPodSpec({ containers: [goodContainer("app", { securityContext: { allowPrivilegeEscalation: true } })] }),
            ["privilege-escalation"],
        ],
        [
            "SYS_ADMIN capability",
            goodPodSpec({
                containers: [goodContainer("app", { securityContext: { capabilities: { add: ["NET_BIND_SERVICE", "SYS_ADMIN"] } } })],
            }),
            ["capabilities"],
        ],
        ["hostNetwork", goodPodSpec({ hostNetwork: true }), ["host-namespaces"]],
        ["hostPID", goodPodSpec({ hostPID: true }), ["host-namespaces"]],
        ["hostIPC", goodPodSpec({ hostIPC: true }), ["host-namespaces"]],
        ["hostPath volume", goodPodSpec({ volumes: [{ name: "root", hostPath: { path: "/" } }] }), ["host-path"]],
        ["no runAsNonRoot anywhere", goodPodSpec({ securityContext: {} }), ["run-as-non-root"]],
        [
            "container runAsNonRoot false overrides the pod",
            goodPodSpec({ containers: [goodContainer("app", { securityContext: { runAsNonRoot: false } })] }),
            ["run-as-non-root"],
        ],
        [
            "no resource limits",
            goodPodSpec({ containers: [goodContainer("app", { resources: { requests: { cpu: "1" } } })] }),
            ["resource-limits"],
        ],
        [
            "memory limit only",
            goodPodSpec({ containers: [goodContainer("app", { resources: { limits: { memory: "1Gi" } } })] }),
            ["resource-limits"],
        ],
        [
            "image from docker.io",
            goodPodSpec({ containers: [goodContainer("app", { image: `docker.io/library/nginx@${DIGEST}` })] }),
            ["trusted-registry"],
        ],
        [
            "short image name (docker.io implied)",
            goodPodSpec({ containers: [goodContainer("app", { image: `nginx@${DIGEST}` })] }),
            ["trusted-registry"],
        ],
        [
            "registry look-alike",
            goodPodSpec({ containers: [goodContainer("app", { image: `ghcr.io/acme-evil/x@${DIGEST}` })] }),
            ["trusted-registry"],
        ],
        ["tag without digest", goodPodSpec({ containers: [goodContainer("app", { image: "ghcr.io/acme/api:1.2.3" })] }), ["image-digest"]],
        [
            "pull policy IfNotPresent",
            goodPodSpec({ containers: [goodContainer("app", { imagePullPolicy: "IfNotPresent" })] }),
            ["pull-always"],
        ],
        [
            "privileged init container",
            goodPodSpec({ initContainers: [goodContainer("init", { securityContext: { privileged: true } })] }),
            ["privileged"],
        ],
        ["init container without limits", goodPodSpec({ initContainers: [goodContainer("init", { resources: {} })] }), ["resource-limits"]],
        [
            "ephemeral container from docker.io",
            goodPodSpec({ ephemeralContainers: [{ name: "debug", image: "busybox:latest", imagePullPolicy: "Always" }] }),
            ["trusted-registry", "image-digest"],
        ],
    ];

    test.each(bad)("Pod with %s is rejected", (_label, podSpec, expected) => {
        expect(failures(workload("Pod", podSpec))).toEqual(expected);
    });

    test.each(WORKLOAD_KINDS.filter((k) => k !== "Pod"))("the pod template of a %s is checked (hostPath, privileged)", (kind) => {
        const spec = goodPodSpec({
            volumes: [{ name: "docker", hostPath: { path: "/var/run/docker.sock" } }],
            containers: [goodContainer("app", { securityContext: { privileged: true } })],
        });
        expect(failures(workload(kind, spec))).toEqual(["privileged", "host-path"]);
    });

    test("ghcr.io/acme (no trailing slash) admits its own repositories only", () => {
        expect(registryPrefixes(["ghcr.io/acme", "public.ecr.aws/eks/"])).toEqual([
            "ghcr.io/acme/",
            "ghcr.io/acme:",
            "ghcr.io/acme@",
            "public.ecr.aws/eks/",
        ]);
        const ok = goodPodSpec({ containers: [goodContainer("app", { image: `ghcr.io/acme/api@${DIGEST}` })] });
        expect(failures(workload("Deployment", ok))).toEqual([]);
    });
});

describe("service CEL", () => {
    const validations = serviceExposureValidations({ loadBalancer: ALLOW_LOAD_BALANCER_LABEL, nodePort: ALLOW_NODE_PORT_LABEL });
    const service = (type?: string): Json => ({
        apiVersion: "v1",
        kind: "Service",
        metadata: { name: "web", namespace: "payments" },
        spec: { ...(type ? { type } : {}), ports: [{ port: 80 }] },
    });
    const namespace = (labels: Record<string, string>): Json => ({
        apiVersion: "v1",
        kind: "Namespace",
        metadata: { name: "payments", labels },
    });
    const denied = { [ALLOW_LOAD_BALANCER_LABEL]: "false", [ALLOW_NODE_PORT_LABEL]: "false" };

    test.each([
        ["ClusterIP", service("ClusterIP"), namespace(denied), []],
        ["no type (ClusterIP)", service(), namespace(denied), []],
        ["LoadBalancer in a namespace that does not allow it", service("LoadBalancer"), namespace(denied), ["no-load-balancer"]],
        ["LoadBalancer in a namespace without labels", service("LoadBalancer"), { metadata: { name: "x" } }, ["no-load-balancer"]],
        ["NodePort in a namespace that does not allow it", service("NodePort"), namespace(denied), ["no-node-port"]],
        ["LoadBalancer where allowed", service("LoadBalancer"), namespace({ ...denied, [ALLOW_LOAD_BALANCER_LABEL]: "true" }), []],
        [
            "NodePort where only LoadBalancer is allowed",
            service("NodePort"),
            namespace({ ...denied, [ALLOW_LOAD_BALANCER_LABEL]: "true" }),
            ["no-node-port"],
        ],
    ])("%s", (_label, object, namespaceObject, expected) => {
        expect(failingValidations([], validations, { object, namespaceObject })).toEqual(expected);
    });
});
