// Colourise: a pix2pix model paints the colours of a grey photo; the photo keeps its own detail.
import { PhotoMode } from './photo.js';

export class ColouriseMode extends PhotoMode {
  constructor(ui) {
    super(ui, { id: 'colourise', hint: "Open a black-and-white photo: the model paints its colours, your photo keeps every detail. A colour photo's own colours are replaced by the model's.", runLabel: 'Colourise' });
  }
}
