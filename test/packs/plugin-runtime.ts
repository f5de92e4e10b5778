import * as path from "path";
import type * as Grpc from "@grpc/grpc-js";
import type * as EmptyModule from "google-protobuf/google/protobuf/empty_pb";
import type * as StructModule from "google-protobuf/google/protobuf/struct_pb";

/**
 * The gRPC and protobuf runtime that @pulumi/pulumi's generated Analyzer stubs use, loaded from
 * where that SDK resolves them (they are its dependencies, not the repository's): a client and
 * messages from another copy would not pass the stubs' instanceof checks.
 */
export interface PluginRuntime {
    readonly grpc: typeof Grpc;
    readonly Struct: typeof StructModule.Struct;
    readonly Empty: typeof EmptyModule.Empty;
}

let loaded: PluginRuntime | undefined;

/* eslint-disable @typescript-eslint/no-require-imports */
export function pluginRuntime(): PluginRuntime {
    if (!loaded) {
        const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
        const fromSdk = (id: string) => require(require.resolve(id, { paths: [sdkDir] }));
        loaded = {
            grpc: fromSdk("@grpc/grpc-js") as typeof Grpc,
            Struct: (fromSdk("google-protobuf/google/protobuf/struct_pb") as typeof StructModule).Struct,
            Empty: (fromSdk("google-protobuf/google/protobuf/empty_pb") as typeof EmptyModule).Empty,
        };
    }
    return loaded;
}
