import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { GcpConfig } from "../../config/types";
import { identityMismatch } from "../shared/identity-guard";
import { gcpProviderArgs } from "./provider-args";

/** The component's type token; the provider used to be its child, and keeps its identity through an alias. */
export const GKE_COMPONENT_TYPE = "hardened:gcp:GkeCluster";

/** The explicit gcp provider, checked against the stack's guard. GKE takes no deployer principal. */
export interface GcpConnection {
    readonly cloud: "gcp";
    readonly config: GcpConfig;
    readonly provider: gcp.Provider;
    /** The number of gke.projectId, as the provider's credentials see it. */
    readonly projectNumber: string;
}

/** Why the project the credentials see is not the stack's, or undefined. Pure. */
export function projectMismatch(gke: GcpConfig["gke"], number: string | undefined): string | undefined {
    if (!number) return `gke.projectId ${gke.projectId} has no project number for these credentials: does it exist, and may they read it?`;
    if (gke.projectNumber !== undefined && gke.projectNumber !== number) {
        return `gke.projectNumber is ${gke.projectNumber}, but project ${gke.projectId} has number ${number}`;
    }
    return undefined;
}

/**
 * Creates the stack's explicit gcp provider and reads gke.projectId through it before any Google Cloud
 * resource is registered: the project's number must be gke.projectNumber (required in prod). Every
 * resource names the project explicitly, so this stops a run whose credentials cannot see the project,
 * or a project id that now names another project than the one the stack was written for.
 */
export async function connectGcp(config: GcpConfig): Promise<GcpConnection> {
    const provider = new gcp.Provider(`${config.clusterName}-gcp`, gcpProviderArgs(config), {
        aliases: [{ parent: pulumi.createUrn(config.clusterName, GKE_COMPONENT_TYPE) }],
    });
    const project = await gcp.organizations.getProject({ projectId: config.gke.projectId }, { provider });
    const mismatch = projectMismatch(config.gke, project.number);
    if (mismatch) throw identityMismatch([mismatch]);
    return { cloud: "gcp", config, provider, projectNumber: project.number as string };
}
