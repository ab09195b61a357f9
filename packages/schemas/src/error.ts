import { z } from "zod";

export const ApiErrorSchema = z.object({ error: z.string() });
export type ApiErrorBody = z.infer<typeof ApiErrorSchema>;
