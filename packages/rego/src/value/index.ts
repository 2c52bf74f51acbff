export * from "./value.js";
export * from "./number.js";
export * from "./format.js";
export * from "./json.js";
