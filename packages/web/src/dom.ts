/** What {@link el} accepts as children: nodes, text (set as text, never parsed), nothing, or lists of those. */
export type Child = Node | string | number | null | undefined | false | readonly Child[];

/** Attributes: `true` sets an empty attribute; `false`, null and undefined leave it out. */
export type Attrs = Readonly<Record<string, string | number | boolean | null | undefined>>;

/** Appends children to `parent`; strings and numbers become text nodes. */
export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (child instanceof Node) parent.appendChild(child);
    else parent.appendChild(document.createTextNode(String(child)));
  }
}

/** Makes an element with attributes and children; text is only ever set as text nodes. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    node.setAttribute(name, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

/** Replaces everything in `parent` with `children`. */
export function replaceContent(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}
