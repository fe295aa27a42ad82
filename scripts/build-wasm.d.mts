export function compileKernel(): Promise<Buffer>;
export function kernelModuleSource(bytes: Buffer): string;
