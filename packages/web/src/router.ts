import type { ApiClient } from "./api-client.js";
import { replaceContent } from "./dom.js";
import { pageTitle } from "./page-title.js";
import { parseHash, type Route, routeHash, sectionOf } from "./routes.js";
import type { ViewContext } from "./view-context.js";
import { constraintView } from "./views/constraint.js";
import { constraintsView } from "./views/constraints.js";
import { notFoundView } from "./views/not-found.js";
import { overviewView } from "./views/overview.js";
import { reviewView } from "./views/review.js";
import { templateView } from "./views/template.js";
import { templatesView } from "./views/templates.js";
import { violationsView } from "./views/violations.js";

function viewOf(route: Route, ctx: ViewContext): HTMLElement {
  switch (route.page) {
    case "overview":
      return overviewView(ctx);
    case "templates":
      return templatesView(ctx, route.q);
    case "template":
      return templateView(ctx, route.name);
    case "constraints":
      return constraintsView(ctx, route.q);
    case "constraint":
      return constraintView(ctx, route.kind, route.name, route.offset);
    case "violations":
      return violationsView(ctx, route.filter, route.offset);
    case "review":
      return reviewView(ctx);
    case "not-found":
      return notFoundView(route.path);
  }
}

/** Marks the navigation link of the current section (`aria-current="page"`). */
function markNavigation(route: Route): void {
  const section = sectionOf(route);
  for (const link of document.querySelectorAll("[data-nav]")) {
    if (link.getAttribute("data-nav") === section) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

/**
 * Renders the page the location hash names into `app`, and again at each hash change. Leaving a
 * page aborts its requests, so a slow answer never draws over the next page.
 */
export function startRouter(app: HTMLElement, api: ApiClient): void {
  let current: AbortController | null = null;
  const render = (): void => {
    current?.abort();
    const controller = new AbortController();
    current = controller;
    const route = parseHash(window.location.hash);
    const ctx: ViewContext = {
      api,
      signal: controller.signal,
      now: Date.now(),
      navigate(hash) {
        if (routeHash(parseHash(hash)) === routeHash(parseHash(window.location.hash))) render();
        else window.location.hash = hash;
      },
      replaceHash(hash) {
        window.history.replaceState(window.history.state, "", hash);
      },
    };
    document.title = pageTitle(route);
    markNavigation(route);
    replaceContent(app, viewOf(route, ctx));
  };
  window.addEventListener("hashchange", () => {
    render();
    window.scrollTo(0, 0);
  });
  render();
}
