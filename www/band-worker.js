// A helper worker of the CPU engine (see bands.js): holds the same models as the engine worker
// and computes the bands of rows it is given.

// The engine worker's compiled module comes first (`init`); without one the engine is fetched.
let start;
const ready = new Promise((resolve) => { start = resolve; }).then(async (module) => {
  const mod = await import('./atelier.js');
  await mod.default(module ? { module_or_path: module } : undefined);
  return mod;
});
const models = new Map(); // url -> WebStylizer
const totals = [];        // resolvers waiting for the engine worker's totals, in layer order

self.onmessage = async (event) => {
  const msg = event.data;
  if (msg.type === 'init') return start(msg.module);
  try {
    const engine = await ready;
    if (msg.type === 'load') {
      if (!models.has(msg.url)) models.set(msg.url, await engine.WebStylizer.create(msg.bytes, 'cpu'));
      return postMessage({ type: 'loaded', url: msg.url });
    }
    if (msg.type === 'totals') return totals.shift()?.(msg.sums);
    if (msg.type === 'band') {
      const s = models.get(msg.url);
      if (!s) throw new Error(`the model ${msg.url} was not loaded here`);
      totals.length = 0;
      const reduce = (sums) => new Promise((resolve) => {
        totals.push(resolve);
        postMessage({ type: 'sums', job: msg.job, sums }, [sums.buffer]);
      });
      const rows = await s.band(msg.rows, msg.width, msg.top, msg.fullHeight, msg.own[0], msg.own[1], msg.shared, reduce);
      postMessage({ type: 'band', job: msg.job, rows }, [rows.buffer]);
    }
  } catch (e) {
    postMessage({ type: 'error', job: msg.job, message: String(e && e.message || e) });
  }
};
