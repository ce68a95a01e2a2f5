// Colourise: a pix2pix model paints the colours of a grey photo; the photo keeps its own detail.
import { PhotoMode } from './photo.js';

export class ColouriseMode extends PhotoMode {
  constructor(ui) {
    super(ui, { id: 'colourise', hint: 'Open a black-and-white (or colour) photo: the model paints its colours, your photo keeps every detail.', runLabel: 'Colourise' });
  }
}
