// Styles of the extension's own UI, inside its shadow root (page CSS cannot reach it, and it cannot
// reach the page). Adopted as a constructable sheet so page CSP does not block it.
export const UI_CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.layer { position: absolute; top: 0; left: 0; width: 0; height: 0; }
.badge, .card, .ring { position: absolute; top: 0; left: 0; }
/* Flagged text, painted under the badges; never in the way of the pointer. */
.paint, .hl { position: absolute; top: 0; left: 0; pointer-events: none; }
.hl[hidden] { display: none; }
.hl.underline { background: linear-gradient(#d9480f, #d9480f) left bottom / 100% 2px no-repeat; }
.hl.background { background: rgba(255, 196, 0, 0.38); mix-blend-mode: multiply; }
.hl.focus { background: rgba(255, 140, 0, 0.45); mix-blend-mode: multiply; }
@media (prefers-color-scheme: dark) {
  .hl.underline { background-image: linear-gradient(#ffa94d, #ffa94d); }
  .hl.background, .hl.focus { mix-blend-mode: screen; background: rgba(255, 196, 0, 0.3); }
}
.badge {
  width: 22px; height: 22px; border-radius: 11px; border: 2px solid #fff; padding: 0; margin: 0;
  background: #d9480f; color: #fff; font: 700 11px/18px system-ui, sans-serif; text-align: center;
  box-shadow: 0 1px 3px rgba(0,0,0,.35); cursor: pointer; pointer-events: auto;
}
.badge:focus-visible { outline: 3px solid #1c7ed6; outline-offset: 2px; }
.badge[hidden], .card[hidden], .ring[hidden] { display: none; }
.card {
  width: 320px; max-width: calc(100vw - 16px); max-height: calc(100vh - 16px); overflow: auto;
  padding: 12px 14px; border-radius: 8px; border: 1px solid #ced4da;
  background: #fff; color: #212529; font: 13px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif;
  box-shadow: 0 6px 24px rgba(0,0,0,.18); pointer-events: auto; text-align: left;
}
.card:focus { outline: none; }
.card:focus-visible { outline: 3px solid #1c7ed6; }
.card h2 { font-size: 14px; font-weight: 650; margin: 0 24px 8px 0; }
.card h3 { font-size: 13px; font-weight: 600; margin: 10px 0 4px; }
.card dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
.card dt { color: #495057; }
.card dd { margin: 0; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.card p { margin: 6px 0 0; }
.card .note { color: #495057; font-size: 12px; }
.card[data-tone="match"] { border-top: 4px solid #d9480f; }
.card[data-tone="none"] { border-top: 4px solid #2f9e44; }
.card[data-tone="short"] { border-top: 4px solid #868e96; }
.card[data-tone="error"] { border-top: 4px solid #c92a2a; }
.close {
  position: absolute; top: 6px; right: 6px; width: 26px; height: 26px; border: 0; border-radius: 4px;
  background: transparent; color: inherit; font: 18px/26px system-ui, sans-serif; cursor: pointer;
}
.close:hover { background: rgba(0,0,0,.08); }
.close:focus-visible { outline: 3px solid #1c7ed6; }
.ring { border: 3px solid #1c7ed6; border-radius: 4px; pointer-events: none; box-shadow: 0 0 0 4px rgba(28,126,214,.25); }
@media (prefers-color-scheme: dark) {
  .badge { border-color: #1a1b1e; background: #ff8c42; color: #1a1b1e; }
  .card { background: #25262b; color: #e9ecef; border-color: #495057; box-shadow: 0 6px 24px rgba(0,0,0,.6); }
  .card dt, .card .note { color: #adb5bd; }
  .close:hover { background: rgba(255,255,255,.1); }
}
@media (prefers-reduced-motion: no-preference) {
  .card { transition: opacity .12s; }
}
`;
