import { createApiClient } from "./api-client.js";
import { el, replaceContent } from "./dom.js";
import { startRouter } from "./router.js";

const app = document.getElementById("app");
if (app === null) {
  document.body.append(el("div", { class: "error-banner", role: "alert" }, "The page has no #app element."));
} else {
  try {
    startRouter(app, createApiClient());
  } catch (e: unknown) {
    replaceContent(
      app,
      el(
        "div",
        { class: "error-banner", role: "alert" },
        `The dashboard failed to start: ${e instanceof Error ? e.message : String(e)}`,
      ),
    );
  }
}
