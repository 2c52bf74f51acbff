import { isObject } from "./json-util.js";

/** A compiled Kubernetes label selector (`matchLabels` and `matchExpressions`, ANDed). */
export type LabelPredicate = (labels: Readonly<Record<string, string>>) => boolean;

const OPERATORS: ReadonlySet<string> = new Set(["In", "NotIn", "Exists", "DoesNotExist"]);
const NAME_PART = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function labelKeyProblem(key: string): string | undefined {
  const slash = key.indexOf("/");
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (slash >= 0) {
    const prefix = key.slice(0, slash);
    if (prefix === "" || prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix)) {
      return "prefix part must be a DNS-1123 subdomain";
    }
  }
  if (name === "" || name.length > 63 || !NAME_PART.test(name)) {
    return "name part must consist of alphanumeric characters, '-', '_' or '.', start and end with an alphanumeric character, and be at most 63 characters";
  }
  return undefined;
}

function labelValueProblem(value: string): string | undefined {
  if (value === "") return undefined;
  if (value.length > 63 || !NAME_PART.test(value)) {
    return "must be 63 characters or less, and begin and end with an alphanumeric character, with '-', '_' or '.' between";
  }
  return undefined;
}

/**
 * Validates a label selector as Kubernetes does (metav1 ValidateLabelSelector). Returns the
 * problems found, each prefixed with its field path; empty when valid.
 */
export function validateLabelSelector(selector: unknown, path: string): string[] {
  const problems: string[] = [];
  if (selector === undefined || selector === null) return problems;
  if (!isObject(selector)) return [`${path}: must be an object`];
  const ml = selector.matchLabels;
  if (ml !== undefined && ml !== null) {
    if (!isObject(ml)) problems.push(`${path}.matchLabels: must be an object`);
    else
      for (const [k, v] of Object.entries(ml)) {
        const kp = labelKeyProblem(k);
        if (kp) problems.push(`${path}.matchLabels: Invalid value: "${k}": ${kp}`);
        if (typeof v !== "string") problems.push(`${path}.matchLabels[${k}]: must be a string`);
        else {
          const vp = labelValueProblem(v);
          if (vp) problems.push(`${path}.matchLabels: Invalid value: "${v}": ${vp}`);
        }
      }
  }
  const me = selector.matchExpressions;
  if (me !== undefined && me !== null) {
    if (!Array.isArray(me)) problems.push(`${path}.matchExpressions: must be a list`);
    else
      me.forEach((e: unknown, i: number) => {
        const at = `${path}.matchExpressions[${i}]`;
        if (!isObject(e)) {
          problems.push(`${at}: must be an object`);
          return;
        }
        const { key, operator, values } = e;
        if (typeof key !== "string") problems.push(`${at}.key: Required value`);
        else {
          const kp = labelKeyProblem(key);
          if (kp) problems.push(`${at}.key: Invalid value: "${key}": ${kp}`);
        }
        const vals = values === undefined || values === null ? [] : values;
        if (!Array.isArray(vals) || !vals.every((v) => typeof v === "string")) {
          problems.push(`${at}.values: must be a list of strings`);
          return;
        }
        if (typeof operator !== "string" || !OPERATORS.has(operator)) {
          problems.push(
            `${at}.operator: Invalid value: ${JSON.stringify(operator)}: not a valid selector operator`,
          );
        } else if ((operator === "In" || operator === "NotIn") && vals.length === 0) {
          problems.push(
            `${at}.values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'`,
          );
        } else if ((operator === "Exists" || operator === "DoesNotExist") && vals.length > 0) {
          problems.push(
            `${at}.values: Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'`,
          );
        }
        for (const v of vals) {
          const vp = labelValueProblem(v);
          if (vp) problems.push(`${at}.values: Invalid value: "${v}": ${vp}`);
        }
      });
  }
  return problems;
}

/** Compiles a label selector that {@link validateLabelSelector} accepted. An empty selector matches everything. */
export function compileLabelSelector(selector: unknown): LabelPredicate {
  if (!isObject(selector)) return () => true;
  const checks: LabelPredicate[] = [];
  if (isObject(selector.matchLabels)) {
    for (const [k, v] of Object.entries(selector.matchLabels)) {
      if (typeof v === "string") checks.push((labels) => labels[k] === v);
    }
  }
  if (Array.isArray(selector.matchExpressions)) {
    for (const e of selector.matchExpressions) {
      if (!isObject(e) || typeof e.key !== "string") continue;
      const key = e.key;
      const values = new Set(
        Array.isArray(e.values) ? e.values.filter((v): v is string => typeof v === "string") : [],
      );
      switch (e.operator) {
        case "In":
          checks.push((labels) => {
            const v = labels[key];
            return v !== undefined && values.has(v);
          });
          break;
        case "NotIn":
          checks.push((labels) => {
            const v = labels[key];
            return v === undefined || !values.has(v);
          });
          break;
        case "Exists":
          checks.push((labels) => labels[key] !== undefined);
          break;
        case "DoesNotExist":
          checks.push((labels) => labels[key] === undefined);
          break;
        default:
          checks.push(() => false);
      }
    }
  }
  if (checks.length === 0) return () => true;
  if (checks.length === 1 && checks[0] !== undefined) return checks[0];
  return (labels) => {
    for (const c of checks) if (!c(labels)) return false;
    return true;
  };
}
