// A helper worker of the CPU engine (see bands.js): holds the same models as the engine worker
// and computes the bands of rows it is given.

const ready = import('./atelier.js').then(async (mod) => { await mod.default(); return mod; });
const models = new Map(); // url -> WebStylizer
const totals = [];        // resolvers waiting for the engine worker's totals, in layer order

self.onmessage = async (event) => {
  const msg = event.data;
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
