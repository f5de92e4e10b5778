import { controlResourcePolicy } from "../../lib/define";
import { containersOf, describeContainer, validateWorkload } from "./workload";

/** HC-POD-04: containers and init containers set CPU and memory limits (ephemeral containers cannot have resources). */
export const workloadRequireResourceLimits = controlResourcePolicy({
    name: "kubernetes-workload-require-resource-limits",
    controlId: "HC-POD-04",
    description: "Every container and init container sets resources.limits.cpu and resources.limits.memory.",
    remediationSteps: "Set resources.limits.cpu and resources.limits.memory on every container.",
    validateResource: validateWorkload(({ description, podSpec }, _args, report) => {
        for (const { kind, container } of containersOf(podSpec)) {
            if (kind === "ephemeralContainer") continue;
            const limits = container.resources?.limits ?? {};
            const missing = ["cpu", "memory"].filter((key) => limits[key] === undefined || limits[key] === null);
            if (missing.length > 0) {
                report(
                    `${description} ${describeContainer(kind, container)} has no ${missing.map((m) => `limits.${m}`).join(" or ")}; set resources.limits.cpu and resources.limits.memory`,
                );
            }
        }
    }),
});
