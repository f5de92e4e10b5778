import { controlResourcePolicy } from "../../lib/define";
import { validateWorkload } from "./workload";

/** HC-POD-03 (CIS 5.2.3, 5.2.4, 5.2.5): pods share no namespace with the node. */
export const workloadDenyHostNamespaces = controlResourcePolicy({
    name: "kubernetes-workload-deny-host-namespaces",
    controlId: "HC-POD-03",
    description: "Pods do not use hostNetwork, hostPID or hostIPC.",
    remediationSteps: "Remove hostNetwork, hostPID and hostIPC from the pod spec.",
    validateResource: validateWorkload(({ description, podSpec }, _args, report) => {
        const used = (["hostNetwork", "hostPID", "hostIPC"] as const).filter((key) => podSpec[key] === true);
        if (used.length > 0) report(`${description} sets ${used.join(", ")} true; remove them so the pod stays in its own namespaces`);
    }),
});
