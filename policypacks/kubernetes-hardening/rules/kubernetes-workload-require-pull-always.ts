import { controlResourcePolicy } from "../../lib/define";
import { containersOf, describeContainer, validateWorkload } from "./workload";

/** HC-SUP-03: imagePullPolicy Always, so the kubelet re-checks pull rights and a cached image is not reused. */
export const workloadRequirePullAlways = controlResourcePolicy({
    name: "kubernetes-workload-require-pull-always",
    controlId: "HC-SUP-03",
    description: "Every container sets imagePullPolicy: Always.",
    remediationSteps: "Set imagePullPolicy: Always on every container.",
    validateResource: validateWorkload(({ description, podSpec }, _args, report) => {
        for (const { kind, container } of containersOf(podSpec)) {
            if (container.imagePullPolicy !== "Always") {
                report(
                    `${description} ${describeContainer(kind, container)} has imagePullPolicy ${container.imagePullPolicy ?? "unset"}; set imagePullPolicy to Always`,
                );
            }
        }
    }),
});
