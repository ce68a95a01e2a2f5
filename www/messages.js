// What the page tells a person when a model cannot be had: one plain sentence per cause, the same
// in every mode. The engine (worker.js) says which cause (`code`) and the technical detail (the
// file and what the network answered), which the page shows folded under the sentence.
export const MODEL_MESSAGES = {
  offline: 'This model was not saved for offline use; connect once to get it.',
  unreachable: 'The model could not be downloaded: the site did not answer. Check the connection and try again.',
  missing: 'The site does not have this model any more. Pick another one, or try again later.',
  damaged: "The model arrived damaged. Try again; if it keeps failing, the site's copy of the model is broken.",
};

/** The sentence for a model that could not be fetched for reason `code` ('network', 'missing',
 * 'damaged'); `online`: whether the browser has a network (a network failure offline is a model
 * that was never saved). */
export function modelMessage(code, online = navigator.onLine) {
  if (code === 'network') return online ? MODEL_MESSAGES.unreachable : MODEL_MESSAGES.offline;
  return MODEL_MESSAGES[code] ?? null;
}
