import { controlResourcePolicy } from "../../lib/define";
import { containersOf, describeContainer, validateWorkload } from "./workload";

/** HC-POD-02 (CIS 5.2.7): runAsNonRoot true on the pod, or on every container; a container's own setting wins. */
export const workloadRequireNonRoot = controlResourcePolicy({
    name: "kubernetes-workload-require-non-root",
    controlId: "HC-POD-02",
    description: "Every container runs with runAsNonRoot true, set on the pod or on the container.",
    remediationSteps: "Set spec.securityContext.runAsNonRoot: true (and a non-zero runAsUser in the image or pod).",
    validateResource: validateWorkload(({ description, podSpec }, _args, report) => {
        const podLevel = podSpec.securityContext?.runAsNonRoot === true;
        for (const { kind, container } of containersOf(podSpec)) {
            const own = container.securityContext?.runAsNonRoot;
            const nonRoot = own === undefined ? podLevel : own === true;
            if (!nonRoot) {
                report(
                    `${description} ${describeContainer(kind, container)} may run as root (runAsNonRoot is ${own === undefined ? "not set on the container or the pod" : String(own)}); set securityContext.runAsNonRoot to true`,
                );
            }
        }
    }),
});
