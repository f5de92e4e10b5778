import { controlResourcePolicy } from "../../lib/define";
import { containersOf, describeContainer, validateWorkload } from "./workload";

/**
 * HC-POD-01 (CIS 5.2.2, 5.2.5, 5.2.8, 5.2.9): no privileged containers, no escalation, no added capability but
 * NET_BIND_SERVICE. allowPrivilegeEscalation must be set to false: unset, the kubelet does not set
 * no_new_privs and a process may gain more privileges than its parent (setuid binaries), which is why the
 * restricted Pod Security Standard requires it explicitly. A privileged container is reported as such.
 */
export const workloadDenyPrivileged = controlResourcePolicy({
    name: "kubernetes-workload-deny-privileged",
    controlId: "HC-POD-01",
    description: "Containers are not privileged, set allowPrivilegeEscalation to false and add no capability but NET_BIND_SERVICE.",
    remediationSteps: "Remove securityContext.privileged, set allowPrivilegeEscalation: false and drop added capabilities.",
    validateResource: validateWorkload(({ description, podSpec }, _args, report) => {
        for (const { kind, container } of containersOf(podSpec)) {
            const sc = container.securityContext;
            const where = `${description} ${describeContainer(kind, container)}`;
            if (sc?.privileged === true) report(`${where} is privileged; remove securityContext.privileged`);
            if (sc?.allowPrivilegeEscalation === true) {
                report(`${where} sets allowPrivilegeEscalation true; set securityContext.allowPrivilegeEscalation to false`);
            } else if (sc?.allowPrivilegeEscalation === undefined && sc?.privileged !== true) {
                report(
                    `${where} does not set allowPrivilegeEscalation (unset, a process may gain more privileges than its parent); set securityContext.allowPrivilegeEscalation to false`,
                );
            }
            const extra = (sc?.capabilities?.add ?? []).filter((cap) => cap !== "NET_BIND_SERVICE");
            if (extra.length > 0) report(`${where} adds capabilities ${extra.join(", ")}; only NET_BIND_SERVICE may be added`);
        }
    }),
});
