export declare const MIN_NODE_MAJOR: number;
export declare function runtimeProblem(command: string): string | null;
export declare function exitUnlessRuntimeSupported(command: string): void;
