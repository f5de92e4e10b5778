import * as gcp from "@pulumi/gcp";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";
import { carriesVmTraffic } from "./subnetwork-scope";

/** Below half of the flows, short connections (the ones lateral movement makes) are often missed. */
const MIN_FLOW_SAMPLING = 0.5;

/**
 * HC-NET-03 (CIS GKE 5.6.1). VPC flow logs on every subnet that carries VM traffic, sampling at least
 * half of the flows and keeping the metadata (VM, GKE pod and service names) that makes them usable.
 */
export const computeSubnetworkRequireFlowLogs = controlResourcePolicy({
    name: "gcp-compute-subnetwork-require-flow-logs",
    controlId: "HC-NET-03",
    description: "Subnetworks record VPC flow logs with at least 50% sampling and metadata.",
    validateResource: validateResourceOfType(gcp.compute.Subnetwork, (subnet, args, report) => {
        if (!carriesVmTraffic(subnet.purpose)) {
            args.notApplicable(`purpose ${subnet.purpose} subnets have no flow logs`);
            return;
        }
        const log = subnet.logConfig;
        if (!log) {
            report(
                "logConfig is not set, so no VPC flow logs are recorded; set logConfig with flowSampling 0.5 or more and metadata INCLUDE_ALL_METADATA",
            );
            return;
        }
        if (log.flowSampling !== undefined && log.flowSampling < MIN_FLOW_SAMPLING) {
            report(`logConfig.flowSampling is ${log.flowSampling}; set at least ${MIN_FLOW_SAMPLING}`);
        }
        if (log.metadata === "EXCLUDE_ALL_METADATA") {
            report("logConfig.metadata is EXCLUDE_ALL_METADATA, so flows cannot be tied to VMs or pods; set INCLUDE_ALL_METADATA");
        }
    }),
});
