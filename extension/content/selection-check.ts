// "Check selection for watermarks": score the live selection (or the text the browser reported) with
// the same pipeline as blocks, and answer next to it. Works whether or not the page is auto-scanned.
import type { CheckTextReply, ContentCheckText, SelectionCheckState } from '../shared/messages';
import { MAX_BLOCK_CHARS } from './block-rules';
import { resultCard } from './card-model';
import type { Overlay } from './overlay';
import { SelectionCard } from './selection-card';
import { blockVerdict, excerpt } from './verdict';

export class SelectionChecker {
  private card: SelectionCard | null = null;
  last: SelectionCheckState | undefined;

  constructor(
    private readonly overlay: Overlay,
    private readonly send: (msg: ContentCheckText) => Promise<CheckTextReply | undefined>,
  ) {}

  async check(reportedText: string): Promise<SelectionCheckState> {
    const sel = window.getSelection();
    let text = sel && sel.rangeCount > 0 ? sel.toString() : '';
    let anchor = sel && sel.rangeCount > 0 && text.trim() ? sel.getRangeAt(0).cloneRange() : null;
    // Selections inside inputs or closed shadow trees are not visible to getSelection().
    if (!text.trim()) {
      text = reportedText;
      anchor = null;
    }
    const truncated = text.length > MAX_BLOCK_CHARS;
    if (truncated) text = text.slice(0, MAX_BLOCK_CHARS);

    this.card?.close();
    const card = new SelectionCard(this.overlay, anchor, () => {
      if (this.card === card) this.card = null;
    });
    this.card = card;
    card.show({ title: 'Checking the selection…', tone: 'short', sections: [], notes: [] });

    let reply: CheckTextReply;
    if (!text.trim()) reply = { detections: [], error: 'Nothing is selected.' };
    else {
      try {
        const r = await this.send({ kind: 'content/check-text', text });
        reply = r && Array.isArray(r.detections) ? r : { detections: [], error: 'The extension did not answer.' };
      } catch (e) {
        reply = { detections: [], error: e instanceof Error ? e.message : String(e) };
      }
    }
    const model = resultCard(reply.detections, {
      subject: 'selection',
      ...(reply.error ? { error: reply.error } : {}),
      ...(truncated ? { truncatedAt: MAX_BLOCK_CHARS } : {}),
    });
    if (this.card === card) card.show(model);
    const state: SelectionCheckState = {
      excerpt: excerpt(text, 0, text.length),
      verdict: reply.error ? null : blockVerdict(reply.detections),
      detections: reply.detections,
      at: Date.now(),
    };
    if (reply.error) state.error = reply.error;
    this.last = state;
    return state;
  }
}
