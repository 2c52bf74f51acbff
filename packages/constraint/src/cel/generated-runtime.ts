/** The helpers generated CEL code calls (`X.…` in compile-source.ts's text). */
import type { CelValue } from "@bufbuild/cel";
import { hasField, indexValue, readVariableBinding, selectField } from "./compile-access.js";
import { pastDeadline, rangeItems } from "./compile-comprehension.js";
import { celError, conditionNotBool, notBool, notIterable } from "./compile-errors.js";
import { Frame, readBinding } from "./compile-frame.js";
import { isCelErrorValue } from "./errors.js";
import { variableState } from "./lazy-variables.js";
import { makeList } from "./list-values.js";
import { celEquals } from "./values-equal.js";

const EMPTY_LIST = makeList([]);

/** See the module comment. */
export const CEL_RUNTIME = {
  Frame,
  variableState,
  celError,
  isError: isCelErrorValue,
  notBool,
  conditionNotBool,
  notIterable,
  selectField,
  hasField,
  indexValue,
  readBinding,
  readVariableBinding,
  celEquals,
  makeList,
  rangeItems,
  pastDeadline,
  /** The result of a `map` or `filter` loop. */
  listOf: (out: CelValue[]) => (out.length === 0 ? EMPTY_LIST : makeList(out)),
} as const;
