// Renders a CardModel with DOM APIs and textContent only: key-set names and kids come from published
// documents and must never be parsed as HTML.
import type { CardModel } from './card-model';

let nextId = 0;
export function uid(prefix: string): string {
  return `${prefix}-${++nextId}`;
}

/** Fill `card` with the model; returns the id of its title (for aria-labelledby). */
export function renderCard(card: HTMLElement, model: CardModel): string {
  card.replaceChildren();
  card.dataset.tone = model.tone;
  const title = el('h2', model.title);
  title.id = uid('wmlens-title');
  card.append(title);
  for (const section of model.sections) {
    if (model.sections.length > 1 || section.heading !== model.title) card.append(el('h3', section.heading));
    const dl = el('dl');
    for (const [label, value] of section.rows) dl.append(el('dt', label), el('dd', value));
    card.append(dl);
    if (section.reading) card.append(el('p', section.reading));
  }
  for (const note of model.notes) {
    const p = el('p', note);
    p.className = 'note';
    card.append(p);
  }
  return title.id;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  return e;
}
