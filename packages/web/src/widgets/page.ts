import { type Child, el, replaceContent } from "../dom.js";
import type { PageName } from "../routes.js";
import type { ViewContext } from "../view-context.js";
import { errorBanner } from "./error-banner.js";

/**
 * The root of a page (`data-page=name`): `lead` and `Loading…` at once, then `lead` and what `render`
 * makes of `load`'s data, with `data-ready="true"` on the root; or `lead` and an error banner. `lead`
 * is what must stay usable when loading fails, such as a filter form. A page left before its data
 * came renders nothing more.
 */
export function loadingPage<T>(
  name: PageName,
  ctx: ViewContext,
  load: (signal: AbortSignal) => Promise<T>,
  render: (data: T) => Child,
  lead: Child = null,
): HTMLElement {
  const body = el("div", { class: "page-body" }, el("p", { class: "loading" }, "Loading…"));
  const root = el("section", { class: "page", "data-page": name }, lead, body);
  const show = async (): Promise<void> => {
    try {
      const data = await load(ctx.signal);
      if (ctx.signal.aborted) return;
      replaceContent(body, render(data));
      root.setAttribute("data-ready", "true");
    } catch (e: unknown) {
      if (ctx.signal.aborted) return;
      replaceContent(body, errorBanner(e));
      root.setAttribute("data-error", "true");
    }
  };
  void show();
  return root;
}
