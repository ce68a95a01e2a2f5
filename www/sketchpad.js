// A drawing canvas: pens of three sizes, an eraser, undo/redo, clear, and opening a sketch from a
// file. Dark ink on white, the kind of drawing the sketch models were trained on.
// `onChange(ended)` is called while a stroke goes on (ended = false, at most every `liveMs`)
// and when it ends (ended = true); `pad.strokeEnd` is the time the last stroke ended.

const HISTORY = 50;

export class Sketchpad {
  constructor(canvas, { onChange = () => {}, onHistory = () => {}, liveMs = 120 } = {}) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d', { willReadFrequently: true });
    this.size = 4;
    this.erasing = false;
    this.onChange = onChange;
    this.onHistory = onHistory;
    this.liveMs = liveMs;
    this.undoStack = [];
    this.redoStack = [];
    this.strokeEnd = 0;
    this.fill();
    this.snapshot();
    this.listen();
  }

  fill() {
    this.ctx.fillStyle = '#fff';
    this.ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
  }

  snapshot() {
    this.undoStack.push(this.ctx.getImageData(0, 0, this.canvas.width, this.canvas.height));
    if (this.undoStack.length > HISTORY) this.undoStack.shift();
    this.redoStack = [];
    this.history();
  }

  history() {
    this.onHistory({ undo: this.undoStack.length > 1, redo: this.redoStack.length > 0 });
  }

  // Canvas pixels under a pointer event (the canvas is shown larger than it is).
  point(e) {
    const r = this.canvas.getBoundingClientRect();
    return [((e.clientX - r.left) * this.canvas.width) / r.width, ((e.clientY - r.top) * this.canvas.height) / r.height];
  }

  listen() {
    let last = null, lastLive = 0;
    const c = this.canvas;
    c.style.touchAction = 'none';
    c.addEventListener('pointerdown', (e) => {
      c.setPointerCapture(e.pointerId);
      last = this.point(e);
      this.line(last, last);
    });
    c.addEventListener('pointermove', (e) => {
      if (!last) return;
      const p = this.point(e);
      this.line(last, p);
      last = p;
      if (performance.now() - lastLive > this.liveMs) {
        lastLive = performance.now();
        this.onChange(false);
      }
    });
    const end = () => {
      if (!last) return;
      last = null;
      this.snapshot();
      this.strokeEnd = performance.now();
      this.onChange(true);
    };
    c.addEventListener('pointerup', end);
    c.addEventListener('pointercancel', end);
    c.addEventListener('lostpointercapture', end);
  }

  line([x0, y0], [x1, y1]) {
    const ctx = this.ctx;
    ctx.strokeStyle = this.erasing ? '#fff' : '#000';
    ctx.lineWidth = this.erasing ? this.size * 3 : this.size;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1 + 0.01, y1);
    ctx.stroke();
  }

  restore(image) {
    this.ctx.putImageData(image, 0, 0);
    this.history();
    this.strokeEnd = performance.now();
    this.onChange(true);
  }

  undo() {
    if (this.undoStack.length < 2) return;
    this.redoStack.push(this.undoStack.pop());
    this.restore(this.undoStack[this.undoStack.length - 1]);
  }

  redo() {
    const image = this.redoStack.pop();
    if (!image) return;
    this.undoStack.push(image);
    this.restore(image);
  }

  clear() {
    this.fill();
    this.snapshot();
    this.strokeEnd = performance.now();
    this.onChange(true);
  }

  // A sketch from a file, fitted into the canvas on white (transparent parts become white).
  async open(blob) {
    const bitmap = await createImageBitmap(blob);
    const { width: w, height: h } = this.canvas;
    const s = Math.min(w / bitmap.width, h / bitmap.height);
    this.fill();
    this.ctx.drawImage(bitmap, (w - bitmap.width * s) / 2, (h - bitmap.height * s) / 2, bitmap.width * s, bitmap.height * s);
    bitmap.close();
    this.snapshot();
    this.strokeEnd = performance.now();
    this.onChange(true);
  }

  /** A saved drawing (an image URL) as the canvas, with a fresh history; no change is reported. */
  async load(url) {
    const img = new Image();
    img.src = url;
    await img.decode();
    this.fill();
    this.ctx.drawImage(img, 0, 0, this.canvas.width, this.canvas.height);
    this.undoStack = [];
    this.snapshot();
  }

  rgba() {
    const { width, height } = this.canvas;
    return { rgba: new Uint8Array(this.ctx.getImageData(0, 0, width, height).data.buffer), width, height };
  }
}
