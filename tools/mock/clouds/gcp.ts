import { hostAt, isIpv4Cidr } from "../../../core/cidr";
import { CloudAnswers, Inputs, MOCK_IDENTITY } from "../answers";

function str(inputs: Inputs, key: string, fallback: string): string {
    return typeof inputs[key] === "string" ? (inputs[key] as string) : fallback;
}

function project(inputs: Inputs): string {
    return str(inputs, "project", "mock-project");
}

function nested(inputs: Inputs, key: string): Inputs {
    const v = inputs[key];
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Inputs) : {};
}

/** A base64 PEM stand-in, shaped like GKE's masterAuth.clusterCaCertificate. */
const MOCK_CA = Buffer.from("-----BEGIN CERTIFICATE-----\nMOCK\n-----END CERTIFICATE-----\n").toString("base64");

/**
 * The API server address GKE reports: the private endpoint (second address of the control-plane /28)
 * when the public endpoint is disabled, else a documentation address.
 */
function clusterEndpoint(inputs: Inputs): string {
    const pcc = nested(inputs, "privateClusterConfig");
    const masterCidr = pcc["masterIpv4CidrBlock"];
    if (pcc["enablePrivateEndpoint"] === true && typeof masterCidr === "string" && isIpv4Cidr(masterCidr)) return hostAt(masterCidr, 2);
    return "203.0.113.10";
}

export const GCP_ANSWERS: CloudAnswers = {
    typePrefix: "gcp:",
    invokes: {
        "gcp:organizations/getProject:getProject": (inputs) => ({
            projectId: typeof inputs["projectId"] === "string" ? inputs["projectId"] : "mock-project",
            number: MOCK_IDENTITY.gcpProjectNumber,
            name: "mock-project",
            id: `projects/${typeof inputs["projectId"] === "string" ? inputs["projectId"] : "mock-project"}`,
        }),
        "gcp:organizations/getClientConfig:getClientConfig": () => ({
            project: "mock-project",
            region: "europe-west1",
            zone: "europe-west1-b",
            accessToken: "mock-token",
            id: "mock",
        }),
        // The first version of an asymmetric key, with the PEM public key Cloud KMS reports for it.
        "gcp:kms/getKMSCryptoKeyVersion:getKMSCryptoKeyVersion": (inputs) => {
            const key =
                typeof inputs["cryptoKey"] === "string"
                    ? (inputs["cryptoKey"] as string)
                    : "projects/mock-project/locations/europe-west1/keyRings/ring/cryptoKeys/key";
            const name = `${key}/cryptoKeyVersions/1`;
            return {
                id: `//cloudkms.googleapis.com/v1/${name}`,
                name,
                cryptoKey: key,
                version: 1,
                state: "ENABLED",
                algorithm: "EC_SIGN_P256_SHA256",
                protectionLevel: "HSM",
                publicKeys: [{ algorithm: "EC_SIGN_P256_SHA256", pem: "-----BEGIN PUBLIC KEY-----\nMOCK\n-----END PUBLIC KEY-----\n" }],
            };
        },
        "gcp:compute/getZones:getZones": (inputs) => {
            const r = typeof inputs["region"] === "string" ? (inputs["region"] as string) : "europe-west1";
            return { names: [`${r}-b`, `${r}-c`, `${r}-d`], id: r };
        },
    },
    defaultOutputs: (name, inputs) => ({
        selfLink: `https://www.googleapis.com/mock/v1/projects/${project(inputs)}/${name}`,
    }),
    outputs: {
        "gcp:container/cluster:Cluster": (name, inputs) => {
            const location = str(inputs, "location", "europe-west1");
            const clusterName = str(inputs, "name", name);
            return {
                id: `projects/${project(inputs)}/locations/${location}/clusters/${clusterName}`,
                endpoint: clusterEndpoint(inputs),
                masterAuth: { clusterCaCertificate: MOCK_CA },
                masterVersion: "1.34.1-gke.1000",
                // GKE names the DNS-based endpoint gke-<id>-<project number>.<location>.gke.goog.
                controlPlaneEndpointsConfig: {
                    dnsEndpointConfig: {
                        endpoint: `gke-0123456789abcdef0123456789abcdef-${MOCK_IDENTITY.gcpProjectNumber}.${location}.gke.goog`,
                    },
                },
            };
        },
        "gcp:container/nodePool:NodePool": (name, inputs) => ({
            name: `${str(inputs, "namePrefix", "pool-")}${name.slice(-6)}`,
        }),
        "gcp:kms/keyRing:KeyRing": (name, inputs) => ({
            id: `projects/${project(inputs)}/locations/${str(inputs, "location", "europe-west1")}/keyRings/${str(inputs, "name", name)}`,
        }),
        "gcp:kms/cryptoKey:CryptoKey": (name, inputs) => ({
            id: `${str(inputs, "keyRing", "projects/mock-project/locations/europe-west1/keyRings/ring")}/cryptoKeys/${str(inputs, "name", name)}`,
        }),
        "gcp:serviceaccount/account:Account": (name, inputs) => {
            const email = `${str(inputs, "accountId", name)}@${project(inputs)}.iam.gserviceaccount.com`;
            return { email, member: `serviceAccount:${email}`, uniqueId: "100000000000000000001" };
        },
        // generateServiceIdentity: some services return the agent's e-mail, some none (the stack builds members itself).
        "gcp:projects/serviceIdentity:ServiceIdentity": (_name, inputs) => {
            const domain =
                str(inputs, "service", "mock.googleapis.com") === "container.googleapis.com"
                    ? "container-engine-robot"
                    : `gcp-sa-${str(inputs, "service", "mock").split(".")[0]}`;
            const email = `service-${MOCK_IDENTITY.gcpProjectNumber}@${domain}.iam.gserviceaccount.com`;
            return { email, member: `serviceAccount:${email}` };
        },
        "gcp:binaryauthorization/attestor:Attestor": (name, inputs) => ({
            id: `projects/${project(inputs)}/attestors/${str(inputs, "name", name)}`,
        }),
        "gcp:compute/network:Network": (name, inputs) => ({
            id: `projects/${project(inputs)}/global/networks/${str(inputs, "name", name)}`,
        }),
        "gcp:compute/subnetwork:Subnetwork": (name, inputs) => ({
            id: `projects/${project(inputs)}/regions/${str(inputs, "region", "europe-west1")}/subnetworks/${str(inputs, "name", name)}`,
        }),
    },
};
