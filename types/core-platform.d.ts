// The only platform globals the detection core (src/, apart from src/cli) may use: present alike in
// browsers, Web Workers and Node ≥ 20. tsconfig.core.json type-checks src/ against these and the ES
// library alone, without the DOM or Node types, so a browser-only or Node-only API in the core is a
// type error (`npm run typecheck`). Deliberately narrow: add a member here only if every runtime has it.

declare class TextEncoder {
  encode(input?: string): Uint8Array;
}

declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: ArrayBuffer | ArrayBufferView, options?: { stream?: boolean }): string;
}

declare class URL {
  constructor(url: string, base?: string);
  readonly href: string;
  readonly protocol: string;
  readonly host: string;
  readonly hostname: string;
  readonly username: string;
  readonly password: string;
}

declare function atob(data: string): string;
declare function btoa(data: string): string;

/** Synchronous compilation only: the green-list kernel is a few KiB, compiled once per Worker or process. */
declare namespace WebAssembly {
  class Module {
    constructor(bytes: ArrayBufferView | ArrayBuffer);
  }
  class Instance {
    constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }
  class Memory {
    constructor(descriptor: { initial: number; maximum?: number });
    readonly buffer: ArrayBuffer;
    grow(delta: number): number;
  }
}

declare var crypto: {
  readonly subtle: {
    digest(algorithm: 'SHA-256', data: ArrayBuffer | ArrayBufferView): Promise<ArrayBuffer>;
  };
};
