/**
 * A kubeconfig that holds no credential (HC-IAM-01): the user entry runs the cloud's exec plugin, which
 * mints a short-lived token from the caller's own cloud login. Each cloud supplies only its plugin.
 * JSON is valid kubeconfig (YAML is a superset), and the Kubernetes provider accepts it.
 */
export interface ExecPlugin {
    readonly command: string;
    readonly args?: readonly string[];
    readonly installHint?: string;
    readonly provideClusterInfo?: boolean;
    /**
     * Variables the plugin runs with, on top of the caller's environment: names of files and identities
     * (a profile, a token file), never a credential (HC-IAM-01).
     */
    readonly env?: Readonly<Record<string, string>>;
    /** "Never" for non-interactive tools (CI, the Pulumi provider); "IfAvailable" lets a person sign in. */
    readonly interactiveMode: "Never" | "IfAvailable";
}

export interface ExecKubeconfigSpec {
    /** Context and cluster name. */
    readonly name: string;
    /** The API server URL, with scheme. */
    readonly server: string;
    /** Base64 PEM of the cluster CA; unset for an endpoint with a publicly trusted certificate (GKE's DNS endpoint). */
    readonly caData?: string;
    readonly plugin: ExecPlugin;
    /** The user entry's name (default: the context name). */
    readonly userName?: string;
}

export function execKubeconfig(spec: ExecKubeconfigSpec): string {
    const user = spec.userName ?? spec.name;
    const { plugin } = spec;
    return JSON.stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [
            {
                name: spec.name,
                cluster: { server: spec.server, ...(spec.caData !== undefined ? { "certificate-authority-data": spec.caData } : {}) },
            },
        ],
        contexts: [{ name: spec.name, context: { cluster: spec.name, user } }],
        "current-context": spec.name,
        users: [
            {
                name: user,
                user: {
                    exec: {
                        apiVersion: "client.authentication.k8s.io/v1beta1",
                        command: plugin.command,
                        ...(plugin.args ? { args: [...plugin.args] } : {}),
                        ...(plugin.env && Object.keys(plugin.env).length > 0
                            ? { env: Object.entries(plugin.env).map(([name, value]) => ({ name, value })) }
                            : {}),
                        ...(plugin.installHint ? { installHint: plugin.installHint } : {}),
                        ...(plugin.provideClusterInfo !== undefined ? { provideClusterInfo: plugin.provideClusterInfo } : {}),
                        interactiveMode: plugin.interactiveMode,
                    },
                },
            },
        ],
    });
}
