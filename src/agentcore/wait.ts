// How long and how often to poll for asynchronous changes, as SDK waiter settings. The service's own defaults
// poll every 5 s at first; a local engine settles in milliseconds, so loopback endpoints poll fast. The JS waiters
// take seconds, fractions allowed, and insist on minDelay > 0, maxDelay >= minDelay and maxWaitTime > minDelay; their
// first poll is immediate and later ones back off exponentially with jitter between minDelay and maxDelay.
import { AgentCoreError } from './errors.js';
import { isLoopback } from './client.js';

export interface WaitOptions {
  /** First delay between polls (the waiter's exponential backoff floor). Fractions allowed. */
  minDelaySeconds: number;
  maxDelaySeconds: number;
  /** Give up after this long. */
  maxWaitSeconds: number;
}

export const SERVICE_WAIT: WaitOptions = { minDelaySeconds: 2, maxDelaySeconds: 15, maxWaitSeconds: 900 };
export const LOCAL_WAIT: WaitOptions = { minDelaySeconds: 0.02, maxDelaySeconds: 0.25, maxWaitSeconds: 60 };

export function waitOptionsFor(endpoint: string | undefined): WaitOptions {
  return isLoopback(endpoint) ? LOCAL_WAIT : SERVICE_WAIT;
}

/** The SDK waiter configuration for these options. */
export function waiterConfig<C>(client: C, wait: WaitOptions) {
  return { client, minDelay: wait.minDelaySeconds, maxDelay: wait.maxDelaySeconds, maxWaitTime: wait.maxWaitSeconds };
}

/**
 * Runs an SDK `waitUntil*` waiter: true when it reached success, false when the resource reached a failed state
 * (the caller reads it to say why). A timeout is an AgentCoreError.
 */
export async function waited(what: string, run: () => Promise<unknown>, wait: WaitOptions): Promise<boolean> {
  try {
    await run();
    return true;
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') {
      throw new AgentCoreError('WaitTimeout', `${what} did not finish within ${wait.maxWaitSeconds} s; look at it in the console and run again.`, { cause: error });
    }
    return false;
  }
}
