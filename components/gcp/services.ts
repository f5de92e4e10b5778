import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { childOptions } from "./child-options";

/**
 * APIs the cluster needs, enabled by the stack so a fresh project works. GKE's and Compute Engine's
 * service agents are created when their API is enabled, which is why the key grants depend on these.
 */
export const REQUIRED_SERVICES = [
    "compute.googleapis.com",
    "container.googleapis.com",
    "cloudkms.googleapis.com",
    "iam.googleapis.com",
    "logging.googleapis.com",
    "monitoring.googleapis.com",
    "binaryauthorization.googleapis.com",
    // Container Security API: GKE security posture's workload configuration audits (HC-RUN-01).
    "containersecurity.googleapis.com",
    // Artifact Analysis: vulnerability scanning of images pushed to Artifact Registry (HC-RUN-01).
    "containeranalysis.googleapis.com",
    "containerscanning.googleapis.com",
    "artifactregistry.googleapis.com",
] as const;

export interface ProjectServicesArgs {
    readonly projectId: string;
}

/** Enables the project's APIs. Destroying the stack leaves them on: other workloads may rely on them. */
export class ProjectServices extends pulumi.ComponentResource {
    readonly services: readonly gcp.projects.Service[];

    constructor(name: string, args: ProjectServicesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hardened:gcp:ProjectServices", name, {}, opts);
        const child = childOptions(this, opts);
        this.services = REQUIRED_SERVICES.map(
            (service) =>
                new gcp.projects.Service(
                    `${name}-${service.split(".")[0]}`,
                    { project: args.projectId, service, disableOnDestroy: false, disableDependentServices: false },
                    child,
                ),
        );
        this.registerOutputs({});
    }
}
