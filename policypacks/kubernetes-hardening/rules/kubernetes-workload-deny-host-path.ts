import { controlResourcePolicy } from "../../lib/define";
import { validateWorkload } from "./workload";

/** HC-POD-03: no hostPath volume (a window onto the node's file system). */
export const workloadDenyHostPath = controlResourcePolicy({
    name: "kubernetes-workload-deny-host-path",
    controlId: "HC-POD-03",
    description: "Pods mount no hostPath volumes.",
    remediationSteps: "Replace hostPath volumes with a PersistentVolumeClaim, emptyDir, configMap or secret volume.",
    validateResource: validateWorkload(({ description, podSpec }, _args, report) => {
        const hostPaths = (podSpec.volumes ?? []).filter((v) => v.hostPath !== undefined && v.hostPath !== null);
        if (hostPaths.length > 0) {
            report(
                `${description} mounts hostPath volumes ${hostPaths.map((v) => `"${v.name ?? "(unnamed)"}"`).join(", ")}; use a PersistentVolumeClaim, emptyDir, configMap or secret volume`,
            );
        }
    }),
});
