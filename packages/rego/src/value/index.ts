export * from "./format.js";
export * from "./json.js";
export * from "./number.js";
export * from "./value.js";
