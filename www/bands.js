// The page's other cores for the CPU engine: helper workers (band-worker.js), each with the same
// model, each computing a band of rows of every pass. The engine worker computes the first band
// itself and, at every normalisation layer, adds up every band's statistics and sends the totals
// back, so the result is exactly the one-worker result (crate/src/bands.rs). No shared memory:
// plain messages, so any static host works (no cross-origin isolation).
//
// Messages to a helper:   load {url, bytes}, band {job, url, rows, width, top, fullHeight, own, shared}, totals {job, sums}
// Messages from a helper: loaded {url}, sums {job, sums}, band {job, rows}, error {job?, message}

export class BandPool {
  /** `size` helpers (created on first use), given the engine's compiled WebAssembly `module`
   * (so they neither download nor compile it again). */
  constructor(size, module = null) {
    this.size = size;
    this.module = module;
    this.helpers = [];
    this.nextJob = 1;
  }

  spawn() {
    if (this.helpers.length) return;
    this.helpers = Array.from({ length: this.size }, () => {
      const h = { worker: new Worker(new URL('./band-worker.js', import.meta.url), { type: 'module' }), models: new Map(), loading: new Map(), job: 0, sums: [], waiting: [], done: null };
      h.worker.onmessage = (e) => this.onMessage(h, e.data);
      h.worker.postMessage({ type: 'init', module: this.module });
      h.worker.onerror = (e) => { e.preventDefault(); this.fail(new Error(`a helper worker crashed (${e.message || 'unknown error'})`)); };
      return h;
    });
  }

  /** Every helper holds the model `url` (its file's bytes). */
  async prepare(url, bytes) {
    this.spawn();
    await Promise.all(this.helpers.map((h) => {
      if (!h.models.has(url)) {
        h.models.set(url, new Promise((resolve, reject) => h.loading.set(url, { resolve, reject })));
        h.worker.postMessage({ type: 'load', url, bytes });
      }
      return h.models.get(url);
    }));
  }

  /** What the engine calls during one run with the model `url` (see crate/src/web/bands.rs). */
  forModel(url) {
    const pool = this;
    return {
      count: this.helpers.length,
      used: 1, // workers the largest split used (this one included)
      start(i, rows, width, top, fullHeight, ownStart, ownEnd, shared) {
        this.used = Math.max(this.used, i + 2);
        const h = pool.helpers[i];
        if (!h) return Promise.reject(new Error(`there is no helper worker ${i}`));
        h.job = pool.nextJob++;
        h.sums = [];
        h.reducing = shared === null;
        const transfer = [rows.buffer, ...(shared ? [shared.buffer] : [])];
        return new Promise((resolve, reject) => {
          h.done = { resolve, reject };
          h.worker.postMessage({ type: 'band', job: h.job, url, rows, width, top, fullHeight, own: [ownStart, ownEnd], shared }, transfer);
        });
      },
      async allReduce(sums) {
        const active = pool.helpers.filter((h) => h.done && h.reducing);
        const theirs = await Promise.all(active.map((h) => pool.nextSums(h)));
        for (const s of theirs) {
          if (s.length !== sums.length) throw new Error(`a helper sent ${s.length} statistics, not ${sums.length}`);
          for (let k = 0; k < sums.length; k++) sums[k] += s[k];
        }
        for (const h of active) h.worker.postMessage({ type: 'totals', job: h.job, sums });
        return sums;
      },
    };
  }

  nextSums(h) {
    if (h.sums.length) return Promise.resolve(h.sums.shift());
    return new Promise((resolve, reject) => h.waiting.push({ resolve, reject }));
  }

  onMessage(h, msg) {
    if (msg.type === 'loaded') return h.loading.get(msg.url)?.resolve();
    if (msg.job !== undefined && msg.job !== h.job) return; // a cancelled run's
    if (msg.type === 'sums') {
      const w = h.waiting.shift();
      return w ? w.resolve(msg.sums) : h.sums.push(msg.sums);
    }
    if (msg.type === 'band') {
      const done = h.done;
      h.done = null;
      return done?.resolve(msg.rows);
    }
    if (msg.type === 'error') {
      this.fail(new Error(`a helper worker failed: ${msg.message}`));
    }
  }

  /** Fail what waits on any helper and start from fresh helpers next time. */
  fail(err) {
    this.broken = true;
    for (const h of this.helpers) {
      for (const l of h.loading.values()) l.reject(err);
      h.done?.reject(err);
      for (const w of h.waiting) w.reject(err);
      h.worker.terminate();
    }
    this.helpers = [];
  }
}
