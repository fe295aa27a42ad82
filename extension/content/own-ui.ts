// The extension's own elements in the page (the overlay host, a fallback <style>), known by identity.
// Not by an attribute: a page could put that attribute on its own text to hide it from scanning
// (issue 12, row 3), and an attribute would also tell the page which elements are ours.
const ours = new WeakSet<Node>();

export function markOwnUi(node: Node): void {
  ours.add(node);
}

export function isOwnUi(node: Node): boolean {
  return ours.has(node);
}
