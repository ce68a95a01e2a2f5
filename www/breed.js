// The Breed mode: a StyleGAN model draws an image from a seed; the page mixes styles (coarse
// layers from one image, fine ones from another), breeds children as Artbreeder does
// (mutations of the current image, crossbreeds with the parents you collected), moves along
// "genes" (principal directions of w) and animates between two images. Every image is a genome
// (one w per layer) that the worker renders; the lineage keeps every kept image, and undo goes
// back one step. The lineage and the parents are kept in the browser's storage (their genomes,
// per model): they survive a visit to another mode and a reload. The networks run in worker.js.
import { savePng } from './png-text.js';

const CHILDREN = 8;
const GENE_SLIDERS = 6;
const FRAMES = 24;
const SAVED_ENTRIES = 16; // the newest kept images a reload brings back (each genome is a few kB)

const $ = (id) => document.getElementById(id);

/** Draw RGBA bytes of `size`² images (one after the other) into canvases. */
function paint(canvas, rgba, size, index = 0) {
  canvas.width = size;
  canvas.height = size;
  const bytes = new Uint8ClampedArray(rgba.buffer, rgba.byteOffset + index * size * size * 4, size * size * 4);
  canvas.getContext('2d').putImageData(new ImageData(bytes, size, size), 0, 0);
}

/** The seed typed as `text` (a whole number, 0 to 2^53 − 1), or null. */
function seedOf(text) {
  const t = text.trim();
  return /^\d+$/.test(t) && Number(t) <= Number.MAX_SAFE_INTEGER ? Number(t) : null;
}

/** A button showing an image (a child, an ancestor, a parent). */
function thumb(entry, className, title, onclick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = className;
  b.title = title;
  const cv = document.createElement('canvas');
  paint(cv, entry.rgba, entry.size);
  b.append(cv);
  b.onclick = onclick;
  return b;
}

export class BreedPanel {
  /** `request(msg)` talks to the worker; `onStatus(s)`, `onError(message)`, `onTiming(text)`. */
  constructor({ request, onStatus, onError, onTiming }) {
    Object.assign(this, { request, onStatus, onError, onTiming });
    this.model = null;
    this.lineage = [];   // kept images, oldest first; the last one is the current image
    this.tray = [];      // other parents for crossbreeding (and the target of mixing / animation)
    this.children = [];
    this.preview = null; // genes or a mix, shown but not kept yet
    this.generation = 0; // children of an older request are not shown
    this.timings = [];   // {images, ms} per render, for the page's badge and the benchmark
    this.anim = null;
    this.wire();
  }

  get current() { return this.lineage[this.lineage.length - 1] || null; }
  get psi() { return Number($('truncation').value) / 100; }
  url() { return `models/${this.model.file}`; }

  /** Genomes made by `items` (see worker.js `genomeOf`), rendered: [{genome, rgba}] and the size. */
  async breed(items) {
    const expect = { bytes: this.model.bytes, sha256: this.model.sha256 };
    const r = await this.request({ type: 'breed', url: this.url(), expect, psi: this.psi, items });
    this.timings.push({ images: items.length, ms: r.ms, backend: r.backend });
    this.onTiming(`${items.length} image${items.length > 1 ? 's' : ''} in ${Math.round(r.ms)} ms on ${r.backend === 'webgpu' ? 'WebGPU' : 'CPU'}`);
    const px = r.size * r.size * 4;
    return r.genomes.map((genome, i) => ({ genome, rgba: r.rgba.slice(i * px, (i + 1) * px), size: r.size }));
  }

  /** `model`'s lineage (kept, or from the seed); `onLoaded()` once its file is loaded. */
  async start(model, onLoaded) {
    this.stop();
    this.model = model;
    this.lineage = [];
    this.tray = [];
    this.children = [];
    const m = await this.request({ type: 'load', url: this.url(), kind: 'stylegan', expect: { bytes: model.bytes, sha256: model.sha256 } });
    Object.assign(this, { numWs: m.numWs, numGenes: m.numGenes, size: m.resolution });
    onLoaded?.();
    $('crossover').max = String(this.numWs - 1);
    $('crossover').value = String(Math.floor(this.numWs / 2));
    this.buildGenes();
    if (!(await this.restore())) await this.fromSeed(seedOf($('seed').value) ?? 0);
  }

  // ---- kept across reloads ------------------------------------------------------------------
  storageKey() { return `atelier.breed.${this.model.name}`; }

  storage() { try { return localStorage; } catch { return null; } }

  /** The newest SAVED_ENTRIES kept images and the parents, as genomes (base64 float32) and labels. */
  save() {
    const pack = (e) => {
      const b = new Uint8Array(e.genome.buffer, e.genome.byteOffset, e.genome.byteLength);
      let bin = '';
      for (let i = 0; i < b.length; i += 8192) bin += String.fromCharCode(...b.subarray(i, i + 8192));
      return { label: e.label, seed: e.seed, w: btoa(bin) };
    };
    const lineage = this.lineage.slice(-SAVED_ENTRIES);
    const tray = this.tray.map((p) => (lineage.includes(p) ? lineage.indexOf(p) : pack(p)));
    try {
      this.storage()?.setItem(this.storageKey(), JSON.stringify({ lineage: lineage.map(pack), tray }));
    } catch { /* storage full or off: kept until the page closes */ }
  }

  /** The saved lineage and parents of this model, drawn again; false when there are none. */
  async restore() {
    const unpack = (e) => ({ label: String(e.label), seed: e.seed, genome: new Float32Array(Uint8Array.from(atob(e.w), (c) => c.charCodeAt(0)).buffer) });
    let lineage, tray;
    try {
      const saved = JSON.parse(this.storage()?.getItem(this.storageKey()) || 'null');
      if (!saved?.lineage?.length) return false;
      lineage = saved.lineage.map(unpack);
      tray = (saved.tray || []).map((p) => (typeof p === 'number' ? lineage[p] : unpack(p))).filter(Boolean);
    } catch {
      return false; // not readable: start afresh
    }
    const all = [...lineage, ...tray.filter((p) => !lineage.includes(p))];
    if (all.some((e) => e.genome.length !== all[0].genome.length || e.genome.length % this.numWs)) return false; // not this model's
    let imgs;
    try {
      imgs = await this.breed(all.map((e) => ({ genome: e.genome })));
    } catch (e) {
      if (e.cancelled) throw e;
      this.storage()?.removeItem(this.storageKey()); // saved for an older version of this model
      return false;
    }
    await this.run(async () => {
      all.forEach((e, i) => Object.assign(e, { rgba: imgs[i].rgba, size: imgs[i].size }));
      Object.assign(this, { lineage, tray, preview: null });
      this.resetGenes();
      this.show();
      await Promise.all([this.makeChildren(), this.updateMix()]);
    });
    return true;
  }

  // ---- the current image and its lineage ----------------------------------------------------
  async fromSeed(seed) {
    await this.run(async () => {
      if (this.current && this.current.seed === seed) { // already the current image: nothing new to keep
        this.preview = null;
        this.show();
        return;
      }
      const [img] = await this.breed([{ seed }]);
      await this.keep({ ...img, label: `seed ${seed}`, seed });
    });
  }

  keep(entry) {
    this.lineage.push(entry);
    this.save();
    this.preview = null;
    this.resetGenes();
    this.show();
    return this.makeChildren();
  }

  undo() {
    if (this.lineage.length < 2) return null;
    this.lineage.pop();
    this.save();
    this.preview = null;
    this.show();
    return this.run(() => this.makeChildren());
  }

  /** Go back to ancestor `i` of the lineage (the later ones are dropped). */
  back(i) {
    this.lineage.length = Math.max(1, i + 1);
    this.save();
    this.preview = null;
    this.show();
    return this.run(() => this.makeChildren());
  }

  addParent() {
    const c = this.current;
    if (c && !this.tray.includes(c) && this.tray.length < 4) this.tray.push(c);
    this.save();
    this.show();
    return this.run(() => Promise.all([this.makeChildren(), this.updateMix()]));
  }

  // ---- children -----------------------------------------------------------------------------
  async makeChildren() {
    const c = this.current;
    if (!c) return;
    const gen = ++this.generation;
    const amount = Number($('mutation').value);
    const base = Math.floor(Math.random() * 2 ** 31);
    const items = [];
    const crosses = this.tray.length ? Math.floor(CHILDREN / 2) : 0;
    for (let i = 0; i < CHILDREN - crosses; i++) items.push({ mutate: c.genome, seed: base + i, amount });
    for (let i = 0; i < crosses; i++) items.push({ crossbreed: [c.genome, ...this.tray.map((p) => p.genome)], seed: base + 100 + i });
    const imgs = await this.breed(items);
    if (gen !== this.generation) return;
    this.children = imgs.map((img, i) => ({
      ...img,
      label: i < CHILDREN - crosses ? `mutation ${amount} of “${c.label}”` : `crossbreed of “${c.label}” and ${this.tray.length} parent${this.tray.length > 1 ? 's' : ''}`,
    }));
    const grid = $('children');
    grid.replaceChildren();
    this.children.forEach((child, i) => {
      const kind = i < CHILDREN - crosses ? 'mutation' : 'crossbreed';
      grid.append(thumb(child, 'child', `${child.label} — click to keep it`,
        () => this.run(() => this.keep({ ...child, label: `child ${this.lineage.length} (${kind})` }))));
    });
  }

  // ---- style mixing -------------------------------------------------------------------------
  async updateMix() {
    const c = this.current;
    const other = this.tray[this.tray.length - 1];
    $('mix-none').hidden = Boolean(other);
    $('mix-panel').hidden = !other;
    if (!c || !other) return;
    const crossover = Number($('crossover').value);
    $('crossover-out').textContent = `layers 0–${crossover - 1} from this image, ${crossover}–${this.numWs - 1} from the parent`;
    const [mixed] = await this.breed([{ mix: [c.genome, other.genome], crossover }]);
    this.mixed = { ...mixed, label: `mix: coarse from “${c.label}”, fine from “${other.label}” at layer ${crossover}` };
    paint($('mixed'), mixed.rgba, mixed.size);
  }

  // ---- genes --------------------------------------------------------------------------------
  buildGenes() {
    const box = $('genes');
    box.replaceChildren();
    for (let k = 0; k < Math.min(GENE_SLIDERS, this.numGenes); k++) {
      const label = document.createElement('label');
      label.textContent = `Gene ${k + 1} `;
      const input = document.createElement('input');
      Object.assign(input, { type: 'range', min: '-3', max: '3', step: '0.25', value: '0' });
      input.dataset.gene = k;
      input.oninput = () => this.run(() => this.previewGenes());
      label.append(input);
      box.append(label);
    }
  }

  resetGenes() {
    for (const s of document.querySelectorAll('#genes input')) s.value = '0';
    $('keep-genes').disabled = true;
  }

  layerRange() {
    const n = this.numWs;
    const third = Math.max(1, Math.round(n / 3));
    return { all: [0, n], coarse: [0, third], middle: [third, n - third], fine: [n - third, n] }[$('gene-layers').value] || [0, n];
  }

  async previewGenes() {
    const c = this.current;
    if (!c) return;
    const [from, to] = this.layerRange();
    const edits = [...document.querySelectorAll('#genes input')]
      .map((s) => ({ gene: Number(s.dataset.gene), amount: Number(s.value), from, to }))
      .filter((e) => e.amount !== 0);
    $('keep-genes').disabled = !edits.length;
    const [img] = await this.breed([{ gene: c.genome, edits }]);
    const said = edits.map((e) => `gene ${e.gene + 1} ${e.amount > 0 ? '+' : ''}${e.amount}`).join(', ');
    this.preview = edits.length ? { ...img, label: `“${c.label}” with ${said} (${$('gene-layers').value} layers)` } : null;
    this.display(this.preview || c);
  }

  // ---- interpolation ------------------------------------------------------------------------
  async animate() {
    if (this.anim) return this.stop();
    const c = this.current;
    if (!c) return;
    let target = this.tray[this.tray.length - 1];
    if (!target) {
      const seed = Math.floor(Math.random() * 2 ** 31);
      [target] = await this.breed([{ seed }]);
      target.label = `seed ${seed}`;
    }
    const items = Array.from({ length: FRAMES }, (_, i) => ({ lerp: [c.genome, target.genome], t: i / (FRAMES - 1) }));
    const frames = await this.breed(items);
    if (!this.active || this.anim) return; // the user went to another mode meanwhile
    $('animate').textContent = 'Stop';
    frames.forEach((f, k) => { f.label = `between “${c.label}” and “${target.label}” at ${Math.round((100 * k) / (FRAMES - 1))} %`; });
    let i = 0, dir = 1;
    this.anim = setInterval(() => {
      this.display(frames[i]);
      if (i + dir < 0 || i + dir >= frames.length) dir = -dir;
      i += dir;
    }, 1000 / 12);
    this.animatedTo = target.label;
  }

  stop() {
    if (this.anim) clearInterval(this.anim);
    this.anim = null;
    $('animate').textContent = 'Animate to the last parent (or a random seed)';
    this.show();
  }

  // ---- display ------------------------------------------------------------------------------
  /** `entry` on the big canvas: what a download saves, pixels and genome alike (the current
   * image, a gene preview or an animation frame). */
  display(entry) {
    this.shown = entry;
    paint($('parent'), entry.rgba, entry.size);
  }

  show() {
    const c = this.current;
    if (!c) return;
    this.display(c);
    $('parent-caption').textContent = c.label;
    $('breed-undo').disabled = this.lineage.length < 2;
    const strip = $('lineage');
    strip.replaceChildren();
    this.lineage.forEach((e, i) => {
      const last = i === this.lineage.length - 1;
      strip.append(thumb(e, 'ancestor', `${i + 1}. ${e.label}${last ? ' (now)' : ' — click to go back here'}`, () => this.back(i)));
    });
    const tray = $('tray');
    tray.replaceChildren();
    this.tray.forEach((p, i) => {
      tray.append(thumb(p, 'ancestor', `${p.label} — click to remove from the parents`, () => {
        this.tray.splice(i, 1);
        this.save();
        this.show();
        this.run(() => Promise.all([this.makeChildren(), this.updateMix()]));
      }));
    });
  }

  /** A request with the page's busy / done / error states; a newer request wins. */
  async run(fn) {
    this.onStatus('busy');
    try {
      await fn();
      this.onStatus('done');
    } catch (e) {
      if (!e.cancelled) this.onError(e.message, e.detail);
    }
  }

  wire() {
    const go = () => {
      const text = $('seed').value.trim();
      const seed = seedOf(text);
      $('seed').setAttribute('aria-invalid', seed === null);
      if (seed === null) {
        this.onError(text ? `“${text}” is not a seed: a seed is a whole number from 0 to ${Number.MAX_SAFE_INTEGER}.` : `Type a seed first: a whole number from 0 to ${Number.MAX_SAFE_INTEGER}.`);
        return;
      }
      this.fromSeed(seed);
    };
    $('seed-go').onclick = go;
    $('seed').onkeydown = (e) => { if (e.key === 'Enter') { e.preventDefault(); go(); } };
    $('seed-random').onclick = () => {
      const seed = Math.floor(Math.random() * 100000);
      $('seed').value = String(seed);
      $('seed').setAttribute('aria-invalid', false);
      this.fromSeed(seed);
    };
    $('breed-undo').onclick = () => this.undo();
    $('add-parent').onclick = () => this.addParent();
    $('mutation').oninput = (e) => { $('mutation-out').textContent = e.target.value; };
    $('mutation').onchange = () => this.run(() => this.makeChildren());
    $('crossover').oninput = () => this.run(() => this.updateMix());
    $('keep-mix').onclick = () => this.mixed && this.run(() => this.keep(this.mixed));
    $('gene-layers').onchange = () => this.run(() => this.previewGenes());
    $('keep-genes').onclick = () => this.preview && this.run(() => this.keep(this.preview));
    $('animate').onclick = () => this.run(() => this.animate());
    $('truncation').oninput = (e) => { $('truncation-out').textContent = (e.target.value / 100).toFixed(2); };
    $('truncation').onchange = () => this.rerender();
  }

  /** Truncation changed: every image on screen is drawn again from its genome. */
  async rerender() {
    if (!this.current) return;
    await this.run(async () => {
      const all = [...this.lineage, ...this.tray.filter((p) => !this.lineage.includes(p))];
      const imgs = await this.breed(all.map((e) => ({ genome: e.genome })));
      all.forEach((e, i) => { e.rgba = imgs[i].rgba; });
      this.show();
      await Promise.all([this.makeChildren(), this.updateMix()]);
    });
  }

  /** The image on the big canvas (kept, or a preview shown but not kept) as a PNG with its
   * provenance: model, lineage, ψ and its own w. */
  async download() {
    const m = this.model;
    const e = this.shown || this.current;
    const kept = this.lineage.includes(e);
    const small = document.createElement('canvas');
    paint(small, e.rgba, e.size);
    const big = document.createElement('canvas');
    big.width = big.height = 256;
    const ctx = big.getContext('2d');
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(small, 0, 0, 256, 256);
    const blob = await new Promise((res) => big.toBlob(res, 'image/png'));
    const bytes = new Uint8Array(e.genome.buffer.slice(e.genome.byteOffset, e.genome.byteOffset + e.genome.byteLength));
    let bin = '';
    for (let i = 0; i < bytes.length; i += 8192) bin += String.fromCharCode(...bytes.subarray(i, i + 8192));
    const lineage = this.lineage.slice(0, kept ? this.lineage.indexOf(e) + 1 : undefined).map((x) => x.label);
    if (!kept) lineage.push(`${e.label} (shown, not kept)`);
    const name = `${m.name}-${(this.lineage[0]?.label || 'image').replace(/\W+/g, '_')}-${this.lineage.length}${kept ? '' : '-preview'}.png`;
    savePng(new Uint8Array(await blob.arrayBuffer()), name, {
      Software: 'Atelier (StyleGAN breeding)',
      Source: `Generated with the StyleGAN model “${m.title}” (${m.name}), trained on ${m.artist}, ${m.licence}`,
      Comment: `ψ ${this.psi.toFixed(2)}; lineage: ${lineage.join(' → ')}`,
      'Atelier-w': `${this.numWs}×${e.genome.length / this.numWs} float32 little-endian, base64: ${btoa(bin)}`,
    });
  }

}
