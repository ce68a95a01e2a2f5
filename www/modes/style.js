// Style: repaint a photo in the manner of a painting (fast style transfer, or a pix2pix model
// that takes photos).
import { PhotoMode } from './photo.js';

export class StyleMode extends PhotoMode {
  constructor(ui) {
    super(ui, { id: 'style', hint: 'Repaint a photo in the manner of a painting.', runLabel: 'Stylize', keepColour: true });
  }
}
