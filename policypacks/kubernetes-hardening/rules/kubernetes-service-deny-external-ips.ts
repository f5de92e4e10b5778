import { controlResourcePolicy } from "../../lib/define";
import { KINDS, list, record, validateObjects } from "./objects";

/**
 * HC-NET-08 (CVE-2020-8554; CIS 1.2.3 DenyServiceExternalIPs): no Service sets spec.externalIPs. kube-proxy
 * routes traffic for every listed address to the Service on every node, whoever owns the address, so a
 * tenant can capture traffic meant for another service or an outside site. Managed control planes do not
 * let us enable the DenyServiceExternalIPs admission plugin, so the pack refuses the field itself (objects,
 * server-side-apply patches and lists). A Service that must use it carries a reviewed exception for HC-NET-08.
 */
export const serviceDenyExternalIps = controlResourcePolicy({
    name: "kubernetes-service-deny-external-ips",
    controlId: "HC-NET-08",
    description: "Services set no spec.externalIPs (CVE-2020-8554).",
    remediationSteps: "Remove spec.externalIPs; expose the Service through the platform ingress instead.",
    validateResource: validateObjects([KINDS.service], (service, _args, report) => {
        const ips = list<string>(record(service.body["spec"])?.["externalIPs"]);
        if (ips.length > 0) {
            report(
                `${service.label} sets externalIPs ${ips.join(", ")}, so every node captures traffic for those addresses (CVE-2020-8554); remove spec.externalIPs and expose the Service through the platform ingress`,
            );
        }
    }),
});
