// The page's side of worker.js: one engine in a Web Worker, requests matched to replies, a
// restart when the engine crashes (on the CPU when WebGPU is what failed), and a deliberate
// restart that cancels what was waiting (a newer run, another backend).
import { modelMessage } from './messages.js';

export class Engine {
  /** `onStarted(reply)` after each start; `onProgress(msg)`; `onCrash(error, restartError)`. */
  /** `workers`: how many cores the CPU engine may use (the engine worker and its helpers). */
  constructor({ onStarted = () => {}, onProgress = () => {}, onCrash = () => {}, workers = 1 } = {}) {
    Object.assign(this, { onStarted, onProgress, onCrash, workers });
    this.pending = new Map();
    this.worker = null;
    this.ready = null;
    this.backend = null;
    this.nextId = 1;
  }

  /** A fresh engine on `backend` ('auto', 'cpu', 'webgpu'). Requests still waiting on the old
   * one fail with `cancelled: true`, which callers do not report as an error. */
  start(backend) {
    if (this.worker) this.worker.terminate();
    this.rejectAll(Object.assign(new Error('the engine was restarted'), { cancelled: true }));
    const worker = new Worker('./worker.js', { type: 'module' });
    this.worker = worker;
    worker.onmessage = (e) => this.onMessage(e.data);
    worker.onerror = (e) => {
      // An uncaught trap (a Rust panic) kills the engine: fail what was waiting and restart.
      e.preventDefault();
      const failed = this.backend;
      const err = Object.assign(new Error(`The ${failed === 'webgpu' ? 'WebGPU' : 'CPU'} engine crashed (${e.message || 'unknown error'})`), { fatal: true });
      this.rejectAll(err);
      if (this.worker === worker) {
        this.start(failed === 'webgpu' ? 'cpu' : failed).then(() => this.onCrash(err, null)).catch((e2) => this.onCrash(err, e2));
      }
    };
    // Every other request waits for this engine (a model asked for early would otherwise reach
    // a worker with no engine yet).
    this.ready = this.send({ type: 'init', backend, workers: this.workers });
    return this.ready.then((r) => {
      this.backend = r.backend;
      this.onStarted(r);
      return r;
    });
  }

  rejectAll(err) {
    for (const { reject } of this.pending.values()) reject(err);
    this.pending.clear();
  }

  async request(msg, transfer = []) {
    await this.ready;
    return this.send(msg, transfer);
  }

  send(msg, transfer = []) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, type: msg.type });
      this.worker.postMessage({ ...msg, id }, transfer);
    });
  }

  onMessage(msg) {
    if (msg.type === 'progress') return this.onProgress(msg);
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    if (msg.type !== 'error') return p.resolve(msg);
    // A model that could not be had is said in plain words, its detail kept for the fold.
    p.reject(Object.assign(new Error(modelMessage(msg.code) ?? msg.message), { fatal: msg.fatal, detail: msg.detail }));
    // A trap may have broken the engine's memory, a lost GPU took WebGPU with it: a fresh
    // worker, on the CPU if WebGPU failed.
    if (msg.fatal) this.start(this.backend === 'webgpu' ? 'cpu' : this.backend).catch(() => {});
  }
}
