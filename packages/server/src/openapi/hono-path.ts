/** A hono route path as OpenAPI writes it, with the path parameters it names and what its pattern allows. */
export interface OpenApiPath {
  path: string;
  params: Array<{ name: string; enum?: string[]; pattern?: string; anyDepth?: boolean }>;
}

const WORDS = /^[\w.-]+(\|[\w.-]+)*$/;

/**
 * `/api/:types{models|datasets|spaces}/:name/resolve/:path{.+}` → `/api/{types}/{name}/resolve/{path}`: a
 * `{a|b}` pattern becomes an enum, `.+` a parameter that may hold slashes, a trailing `*` the parameter `rest`.
 */
export function toOpenApiPath(honoPath: string): OpenApiPath {
  const params: OpenApiPath["params"] = [];
  const segments = splitSegments(honoPath).map((segment) => {
    if (segment === "*") {
      params.push({ name: "rest", anyDepth: true });
      return "{rest}";
    }
    const match = /^:(\w+)(?:\{(.+)\})?$/.exec(segment);
    if (!match) return segment;
    const [, name, regex] = match as unknown as [string, string, string | undefined];
    if (regex === undefined) params.push({ name });
    else if (regex === ".+") params.push({ name, anyDepth: true });
    else if (WORDS.test(regex)) params.push({ name, enum: regex.split("|") });
    else params.push({ name, pattern: `^(?:${regex})$` });
    return `{${name}}`;
  });
  return { path: segments.join("/") || "/", params };
}

/** Splits at the slashes outside a parameter's `{pattern}`: `/:name{[^/]+\\.git}/info` has two segments. */
function splitSegments(honoPath: string): string[] {
  const segments = [""];
  let depth = 0;
  for (const char of honoPath) {
    if (char === "{") depth++;
    else if (char === "}") depth--;
    if (char === "/" && depth === 0) segments.push("");
    else segments[segments.length - 1] += char;
  }
  return segments;
}
