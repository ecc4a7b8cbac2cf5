// Human labels for keys that come from config.

/** `open_deals` → "Open deals" */
export function titleCase(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : key;
}

/** English plural of a noun phrase; only the last word changes. */
export function pluralize(phrase: string): string {
  const match = /^(.*?)([A-Za-z]+)$/.exec(phrase);
  if (!match) return phrase;
  const [, head = "", word = ""] = match;
  const lower = word.toLowerCase();
  if (/(s|x|z|ch|sh)$/.test(lower)) return `${head}${word}es`;
  if (/[^aeiou]y$/.test(lower)) return `${head}${word.slice(0, -1)}ies`;
  return `${head}${word}s`;
}

/** Nav label of an entity: its form title pluralized, or the key title-cased. */
export function entityLabel(entity: string, formTitle: string | undefined): string {
  const title = formTitle?.trim();
  return title ? pluralize(title) : titleCase(entity);
}
