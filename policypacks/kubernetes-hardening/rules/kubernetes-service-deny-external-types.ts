import * as k8s from "@pulumi/kubernetes";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";
import { metadataOf } from "./of-types";

const EXTERNAL_TYPES = ["NodePort", "LoadBalancer"];

/**
 * HC-NET-05: no NodePort or LoadBalancer Service; traffic enters through the platform ingress. A Service
 * that must be exposed carries a reviewed exception annotation (exceptions.hardened-cluster.io/HC-NET-05).
 */
export const serviceDenyExternalTypes = controlResourcePolicy({
    name: "kubernetes-service-deny-external-types",
    controlId: "HC-NET-05",
    description: "Services are ClusterIP (or headless); NodePort and LoadBalancer need a reviewed exception.",
    remediationSteps: "Use type ClusterIP behind the platform ingress, or add a reviewed exception annotation for HC-NET-05.",
    validateResource: validateResourceOfType(k8s.core.v1.Service, (service, args, report) => {
        const type = service.spec?.type;
        if (typeof type === "string" && EXTERNAL_TYPES.includes(type)) {
            const meta = metadataOf(args.props);
            report(
                `Service ${meta.namespace ?? "(default)"}/${meta.name ?? args.name} has type ${type}; use ClusterIP behind the platform ingress, or carry a reviewed exception for HC-NET-05`,
            );
        }
    }),
});
