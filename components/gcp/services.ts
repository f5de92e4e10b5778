import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { childOptions } from "./child-options";

/**
 * APIs the cluster needs, enabled by the stack so a fresh project works. Service Usage and Cloud
 * Resource Manager are prerequisites the program cannot enable through themselves (the preflight names
 * them, config/reachability.ts).
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
    // Secret Manager: the tenants' secrets, read through GKE's Secret Manager add-on (HC-IAM-06).
    "secretmanager.googleapis.com",
] as const;

/**
 * Services whose service agent the stack asks Google to create (generateServiceIdentity) before it grants
 * the agent a key: an agent is otherwise created "at some point after you enable and use" the API, and a
 * grant to an agent that does not exist yet fails. Compute Engine does not support generateServiceIdentity;
 * its agent is created as the API is used, so its grant waits for the stack's first Compute Engine
 * resources (components/gcp/cluster.ts).
 */
export const GENERATED_SERVICE_AGENTS = ["container.googleapis.com", "artifactregistry.googleapis.com"] as const;
export type GeneratedAgentService = (typeof GENERATED_SERVICE_AGENTS)[number];

export interface ProjectServicesArgs {
    readonly projectId: string;
}

/** Enables the project's APIs. Destroying the stack leaves them on: other workloads may rely on them. */
export class ProjectServices extends pulumi.ComponentResource {
    readonly services: readonly gcp.projects.Service[];
    /** The service agents created explicitly, each after its API is on; grants to them depend on these. */
    readonly agents: Readonly<Record<GeneratedAgentService, gcp.projects.ServiceIdentity>>;

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
        const agent = (service: GeneratedAgentService) =>
            new gcp.projects.ServiceIdentity(
                `${name}-${service.split(".")[0]}-agent`,
                { project: args.projectId, service },
                { ...child, dependsOn: this.services.filter((_s, i) => REQUIRED_SERVICES[i] === service) },
            );
        this.agents = {
            "container.googleapis.com": agent("container.googleapis.com"),
            "artifactregistry.googleapis.com": agent("artifactregistry.googleapis.com"),
        };
        this.registerOutputs({});
    }
}
