/**
 * Measuring helpers shared by the benchmarks: the median, a forced garbage collection, and
 * the peak RSS growth of a process while a call runs.
 *
 * Memory: a worker thread samples `process.memoryUsage.rss()` every 2 ms while the call
 * runs, and the kernel's high-water mark (`resourceUsage().maxRSS`) is read before and
 * after; the peak of both, minus the RSS just before the call, is the growth. A lower bound:
 * a peak shorter than 2 ms between samples can be missed unless it raised the high-water mark.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Worker } from 'node:worker_threads';

/** The median (the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

let gcFunction: (() => void) | undefined;

/** V8's `gc()`: the global one under --expose-gc, else one exposed at run time (V8 flag + a fresh context). */
function garbageCollector(): (() => void) | undefined {
  if (gcFunction !== undefined) return gcFunction;
  const global = (globalThis as { gc?: () => void }).gc;
  if (typeof global === 'function') return (gcFunction = global);
  setFlagsFromString('--expose-gc');
  const exposed: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
  if (typeof exposed === 'function') gcFunction = exposed as () => void;
  return gcFunction;
}

/** Runs a full garbage collection; with `required`, throws when no `gc()` can be had. */
export function collectGarbage(required = false): void {
  const gc = garbageCollector();
  if (gc === undefined) {
    if (required) throw new Error('bench: the case process needs --expose-gc');
    return;
  }
  gc();
}

const SAMPLER = `
const { workerData } = require('node:worker_threads');
const state = new Int32Array(workerData);
for (;;) {
  const mode = Atomics.load(state, 0);
  if (mode === 2) break;
  if (mode === 0) { Atomics.wait(state, 0, 0); continue; }
  const kb = Math.round(process.memoryUsage.rss() / 1024);
  if (kb > Atomics.load(state, 1)) Atomics.store(state, 1, kb);
  Atomics.wait(state, 0, 1, 2);
}`;

/** Peak RSS growth of this process while a call runs (see the file comment). */
export class RssSampler {
  private readonly state = new Int32Array(new SharedArrayBuffer(8));
  private readonly worker = new Worker(SAMPLER, { eval: true, workerData: this.state.buffer });
  private readonly ready = new Promise<void>((resolve, reject) => {
    this.worker.once('online', () => resolve());
    this.worker.once('error', reject);
  });

  /** Runs `run` after a full GC; its value, wall time, RSS growth and peak RSS in bytes. */
  async measure<T>(run: () => T | Promise<T>): Promise<{ value: T; ms: number; bytes: number; peak: number }> {
    await this.ready;
    collectGarbage(true);
    const before = process.memoryUsage.rss();
    const maxBefore = process.resourceUsage().maxRSS;
    Atomics.store(this.state, 1, Math.round(before / 1024));
    Atomics.store(this.state, 0, 1);
    Atomics.notify(this.state, 0);
    const start = performance.now();
    const value = await run();
    const ms = performance.now() - start;
    const end = Math.round(process.memoryUsage.rss() / 1024);
    Atomics.store(this.state, 0, 0);
    const maxAfter = process.resourceUsage().maxRSS;
    let peak = Math.max(Atomics.load(this.state, 1), end);
    if (maxAfter > maxBefore) peak = Math.max(peak, maxAfter);
    return { value, ms, bytes: Math.max(0, peak * 1024 - before), peak: peak * 1024 };
  }

  /** Stops the sampling thread. */
  async close(): Promise<void> {
    Atomics.store(this.state, 0, 2);
    Atomics.notify(this.state, 0);
    await this.worker.terminate();
  }
}

/** The parent's node flags (tsx's loader among them), without `--eval` / `--print` code: for forked case processes. */
export function inheritedExecArgv(): string[] {
  const kept: string[] = [];
  const args = process.execArgv;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '-e' || arg === '--eval' || arg === '-p' || arg === '--print') i++;
    else if (!arg.startsWith('--eval=') && !arg.startsWith('--print=')) kept.push(arg);
  }
  return kept;
}
