import { z } from "zod";

export const schema = (type: z.ZodType, io: "input" | "output") => {
  const { $schema: _, ...jsonSchema } = z.toJSONSchema(type, { io, unrepresentable: "any" }) as Record<string, unknown>;
  return jsonSchema;
};
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const json = (target: object) => ({ "application/json": { schema: target } });
