// "Removed X. Undo" after a removal, counting down; focus moves to Undo so a keyboard user can take it back.
import { useEffect, useRef, useState } from 'preact/hooks';
import { UNDO_SECONDS } from '../keyset-view';

export function UndoBar({ name, onUndo, onExpire }: { name: string; onUndo: () => void; onExpire: () => void }) {
  const [left, setLeft] = useState(UNDO_SECONDS);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    button.current?.focus();
    const t = setInterval(() => setLeft((s) => s - 1), 1000);
    return () => clearInterval(t);
  }, [name]);
  useEffect(() => {
    if (left <= 0) onExpire();
  }, [left, onExpire]);
  return (
    <div class="undo" role="status" data-testid="undo-bar">
      <span>
        Removed “{name}”. <span class="muted small">({left} s)</span>
      </span>
      <button type="button" ref={button} onClick={onUndo}>
        Undo
      </button>
    </div>
  );
}
