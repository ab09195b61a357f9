import { parseDocument } from "yaml";

/** How much of a README the card metadata is read from: front matter past this is not looked at. */
export const CARD_HEAD_BYTES = 64 * 1023;

export interface CardInfo {
  cardData?: Record<string, unknown>;
  tags: string[];
  pipelineTag?: string;
  libraryName?: string;
}

const strings = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === "string" && item !== "");

/**
 * A model card's front matter as the Hub shows it in a repo's info: `cardData` as written, and the `tags` the Hub
 * derives from it (the card's own tags, library, languages, `license:…`, `dataset:…`, `base_model:…`). A README
 * without front matter, or with front matter that is not a YAML mapping, has no card data and no tags.
 */
export function cardInfo(readme: Buffer | undefined): CardInfo {
  const text = readme?.toString("utf8") ?? "";
  const front = /^---\r?\n([\s\S]*?)\r?\n---(\r?\n|$)/.exec(text);
  if (!front) return { tags: [] };
  let value: unknown;
  try {
    const document = parseDocument(front[1] ?? "");
    if (document.errors.length > 0) return { tags: [] };
    value = document.toJS({ maxAliasCount: 100 });
  } catch {
    return { tags: [] };
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) return { tags: [] };
  const card = value as Record<string, unknown>;
  const tags = [
    ...strings(card.tags),
    ...strings(card.library_name),
    ...strings(card.language),
    ...strings(card.license).map((license) => `license:${license}`),
    ...strings(card.datasets).map((dataset) => `dataset:${dataset}`),
    ...strings(card.base_model).map((model) => `base_model:${model}`),
  ];
  return {
    cardData: card,
    tags: [...new Set(tags)],
    ...(typeof card.pipeline_tag === "string" && { pipelineTag: card.pipeline_tag }),
    ...(typeof card.library_name === "string" && { libraryName: card.library_name }),
  };
}
