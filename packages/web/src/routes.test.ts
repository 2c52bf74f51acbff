import { describe, expect, it } from "vitest";
import { pageTitle } from "./page-title.js";
import {
  constraintHash,
  parseHash,
  type Route,
  routeHash,
  sectionOf,
  templateHashOfKind,
  violationsHash,
} from "./routes.js";
import { NO_FILTER } from "./violation-filter.js";

const awkward = ["plain", "with space", "a/b", "50%", "q?x=1", "hash#tag", "a&b=c", "ünï", "+plus"];

describe("parseHash and routeHash", () => {
  const routes: Route[] = [
    { page: "overview" },
    { page: "templates", q: "" },
    { page: "templates", q: "required labels" },
    { page: "constraints", q: "" },
    { page: "constraints", q: "deny&warn" },
    { page: "violations", filter: NO_FILTER, offset: 0 },
    { page: "violations", filter: { ...NO_FILTER, namespace: "team-a", state: "all" }, offset: 100 },
    {
      page: "violations",
      filter: {
        constraint: "c 1",
        constraintKind: "K8sX",
        namespace: "ns",
        kind: "Pod",
        name: "a/b",
        action: "dryrun",
        text: "50% + more",
        state: "resolved",
      },
      offset: 50,
    },
    ...awkward.map((name): Route => ({ page: "template", name })),
    ...awkward.map((name): Route => ({ page: "constraint", kind: "K8sRequiredLabels", name, offset: 0 })),
    { page: "constraint", kind: "K8s Odd/Kind", name: "x", offset: 150 },
    { page: "review" },
  ];

  for (const route of routes) {
    it(`round-trips ${JSON.stringify(route)}`, () => {
      const hash = routeHash(route);
      expect(hash.startsWith("#/")).toBe(true);
      expect(parseHash(hash)).toEqual(route);
    });
  }

  it("keeps a name's slash inside its segment", () => {
    expect(routeHash({ page: "template", name: "a/b" })).toBe("#/templates/a%2Fb");
    expect(parseHash("#/constraints/K/a%2Fb")).toEqual({
      page: "constraint",
      kind: "K",
      name: "a/b",
      offset: 0,
    });
  });

  it("reads the overview from an empty hash, with or without the slash", () => {
    for (const hash of ["", "#", "#/", "/"]) expect(parseHash(hash)).toEqual({ page: "overview" });
  });

  it("reads and writes the review page's hash", () => {
    expect(routeHash({ page: "review" })).toBe("#/review");
    for (const hash of ["#/review", "#/review/", "/review", "#/review?x=1"])
      expect(parseHash(hash), hash).toEqual({ page: "review" });
  });

  it("accepts a trailing slash on the lists", () => {
    expect(parseHash("#/templates/")).toEqual({ page: "templates", q: "" });
    expect(parseHash("#/constraints/?q=x")).toEqual({ page: "constraints", q: "x" });
  });

  it("answers not-found for unknown paths, missing names, extra segments and bad escapes", () => {
    for (const hash of [
      "#/nope",
      "#/constraints/K8sOnlyKind",
      "#/templates/a/b",
      "#/constraints/K/n/x",
      "#/violations/x",
      "#/review/x",
      "#/templates/%E0%A4%A",
    ]) {
      expect(parseHash(hash).page, hash).toBe("not-found");
    }
  });

  it("reads the violations filters, ignoring unknown parameters and bad offsets", () => {
    expect(parseHash("#/violations?namespace=team-a&bogus=1&offset=-5&state=weird")).toEqual({
      page: "violations",
      filter: { ...NO_FILTER, namespace: "team-a" },
      offset: 0,
    });
    expect(parseHash("#/violations?text=a+b&offset=50")).toEqual({
      page: "violations",
      filter: { ...NO_FILTER, text: "a b" },
      offset: 50,
    });
  });

  it("leaves defaults out of the hash", () => {
    expect(routeHash({ page: "violations", filter: NO_FILTER, offset: 0 })).toBe("#/violations");
    expect(routeHash({ page: "templates", q: "" })).toBe("#/templates");
    expect(routeHash({ page: "constraint", kind: "K", name: "n", offset: 0 })).toBe("#/constraints/K/n");
    expect(routeHash({ page: "violations", filter: { ...NO_FILTER, state: "all" }, offset: 0 })).toBe(
      "#/violations?state=all",
    );
  });
});

describe("link helpers", () => {
  it("links a constraint kind to its template, the kind lowercased", () => {
    expect(templateHashOfKind("K8sRequiredLabels")).toBe("#/templates/k8srequiredlabels");
  });

  it("builds constraint and filtered violations links that parse back", () => {
    expect(parseHash(constraintHash("K8sX", "my name"))).toEqual({
      page: "constraint",
      kind: "K8sX",
      name: "my name",
      offset: 0,
    });
    expect(parseHash(violationsHash({ constraint: "c", state: "all" }, 50))).toEqual({
      page: "violations",
      filter: { ...NO_FILTER, constraint: "c", state: "all" },
      offset: 50,
    });
  });

  it("names each route's section and title", () => {
    expect(sectionOf({ page: "template", name: "x" })).toBe("templates");
    expect(sectionOf({ page: "constraint", kind: "K", name: "n", offset: 0 })).toBe("constraints");
    expect(sectionOf({ page: "not-found", path: "/x" })).toBeNull();
    expect(sectionOf({ page: "review" })).toBe("review");
    expect(pageTitle({ page: "review" })).toBe("Review · Portcullis");
    expect(pageTitle({ page: "constraint", kind: "K", name: "n", offset: 0 })).toBe(
      "n · Constraints · Portcullis",
    );
    expect(pageTitle({ page: "overview" })).toBe("Overview · Portcullis");
  });
});
