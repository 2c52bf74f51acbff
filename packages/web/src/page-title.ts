import type { Route } from "./routes.js";

/** The document title of a route's page: `must-have-owner · Constraints · Portcullis`. */
export function pageTitle(route: Route): string {
  const parts: string[] = [];
  switch (route.page) {
    case "overview":
      parts.push("Overview");
      break;
    case "templates":
      parts.push("Templates");
      break;
    case "template":
      parts.push(route.name, "Templates");
      break;
    case "constraints":
      parts.push("Constraints");
      break;
    case "constraint":
      parts.push(route.name, "Constraints");
      break;
    case "violations":
      parts.push("Violations");
      break;
    case "review":
      parts.push("Review");
      break;
    case "not-found":
      parts.push("Not found");
      break;
  }
  return [...parts, "Portcullis"].join(" · ");
}
