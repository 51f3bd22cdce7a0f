// Fault injection for tests and benchmarks: added latency, a rate of throttling (429) and internal errors (500),
// and slower or failing transitions for chosen resource names. Every random draw comes from one seeded PRNG, so a
// run with the same seed and the same request order sees the same faults.
import { ApiError } from './errors.js';

export interface ResourceFault {
  /** How long this resource's transitions take, instead of the emulator's transition delay. */
  transitionMs?: number;
  /** Make every transition of this resource fail with this statusReason (CREATE_FAILED, UPDATE_FAILED...). */
  fail?: string;
}

export interface FaultOptions {
  /** Seed of the PRNG; 1 when not given. */
  seed?: number;
  /** Latency added to every request: fixed part plus uniform jitter in [0, jitterMs). */
  latencyMs?: number;
  jitterMs?: number;
  /** Probability (0..1) that a request fails with ThrottlingException. */
  throttleRate?: number;
  /** Probability (0..1) that a request fails with InternalServerException. */
  internalErrorRate?: number;
  /** Limit throttling and internal errors to these operation names; all operations when absent. */
  operations?: string[];
  /** Faults for resources (engines, policies, gateways) by name. */
  resources?: Record<string, ResourceFault>;
}

/** mulberry32: small, fast and good enough to make fault patterns repeatable. */
export function createPrng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Faults {
  private options: FaultOptions = {};
  private random: () => number = createPrng(1);

  constructor(options: FaultOptions = {}) {
    this.set(options);
  }

  /** Replaces every fault setting and restarts the PRNG from the seed. */
  set(options: FaultOptions): void {
    this.options = { ...options };
    this.random = createPrng(options.seed ?? 1);
  }

  /** Milliseconds to hold this request back. */
  latency(): number {
    const { latencyMs = 0, jitterMs = 0 } = this.options;
    return latencyMs + (jitterMs > 0 ? this.random() * jitterMs : 0);
  }

  /** An injected error for this operation, if the dice say so. */
  error(operation: string): ApiError | undefined {
    const { throttleRate = 0, internalErrorRate = 0, operations } = this.options;
    if (operations && !operations.includes(operation)) return undefined;
    if (throttleRate > 0 && this.random() < throttleRate) return new ApiError('ThrottlingException', 'Rate exceeded');
    if (internalErrorRate > 0 && this.random() < internalErrorRate) {
      return new ApiError('InternalServerException', 'The service encountered an internal error. Try again later.');
    }
    return undefined;
  }

  /** Names come from requests: `constructor` is a name, not Object.prototype's member. */
  resource(name: string): ResourceFault | undefined {
    const { resources } = this.options;
    return resources && Object.hasOwn(resources, name) ? resources[name] : undefined;
  }
}
