import { ChildProcess, spawn } from "child_process";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { childEnvironment } from "./child-env";
import { pluginRuntime } from "./plugin-runtime";

/**
 * Starts a policy pack the way the Pulumi CLI does for a `runtime: nodejs` PulumiPolicy.yaml: its
 * `pulumi-analyzer-policy` shim resolves `@pulumi/pulumi/cmd/run-policy-pack` from the pack
 * directory and runs it with node, working directory the pack directory and arguments
 * `<engine address> .`; run-policy-pack requires the directory (package.json `main`), whose
 * `new PolicyPack` serves the Analyzer gRPC service on 127.0.0.1 and prints the port on stdout.
 * The CLI then dials that port; so does this helper.
 */
export interface RunningPolicyHost {
    readonly port: number;
    readonly client: AnalyzerClient;
    /** Everything the host wrote on stderr so far (for failure messages). */
    stderr(): string;
    stop(): Promise<void>;
}

/** No engine runs here; the analyzer does not dial the engine unless it has to log an error. */
const NO_ENGINE_ADDRESS = "127.0.0.1:1";

function waitForPort(child: ChildProcess, stderr: () => string, timeoutMs: number): Promise<number> {
    return new Promise((resolve, reject) => {
        let out = "";
        const timer = setTimeout(() => reject(new Error(`no port within ${timeoutMs} ms; stderr:\n${stderr()}`)), timeoutMs);
        child.stdout?.on("data", (chunk: Buffer) => {
            out += chunk.toString();
            const line = out.split("\n")[0];
            if (out.includes("\n") && /^\d+$/.test(line.trim())) {
                clearTimeout(timer);
                resolve(Number(line.trim()));
            } else if (out.includes("\n")) {
                clearTimeout(timer);
                reject(new Error(`the host's first line is not a port: ${JSON.stringify(line)}; stderr:\n${stderr()}`));
            }
        });
        child.on("exit", (code) => {
            clearTimeout(timer);
            reject(new Error(`the policy host exited with ${code} before serving; stderr:\n${stderr()}`));
        });
    });
}

export async function startPolicyHost(packDirectory: string, timeoutMs = 60_000): Promise<RunningPolicyHost> {
    const runPolicyPack = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDirectory] });
    const child = spawn(process.execPath, [runPolicyPack, NO_ENGINE_ADDRESS, "."], {
        cwd: packDirectory,
        env: childEnvironment(),
        stdio: ["ignore", "pipe", "pipe"],
    });
    let errText = "";
    child.stderr?.on("data", (chunk: Buffer) => (errText += chunk.toString()));
    const stderr = () => errText;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    let port: number;
    try {
        port = await waitForPort(child, stderr, timeoutMs);
    } catch (e) {
        child.kill("SIGKILL");
        throw e;
    }
    const { grpc } = pluginRuntime();
    const client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    return {
        port,
        client,
        stderr,
        stop: async () => {
            client.close();
            if (child.exitCode === null) child.kill("SIGTERM");
            await exited;
        },
    };
}
