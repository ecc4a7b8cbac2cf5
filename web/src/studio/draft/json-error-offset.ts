// Where JSON text first goes wrong. Browsers' JSON.parse messages don't all say where, and a
// line and column is what someone fixing a hand-edited config needs.

class At extends Error {
  constructor(readonly offset: number) {
    super(`offset ${offset}`);
  }
}

const NUMBER_RE = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING_RE = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

/** The offset of the first character that makes `text` invalid JSON, or null when it is valid. */
export function jsonErrorOffset(text: string): number | null {
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const match = (re: RegExp) => {
    re.lastIndex = i;
    if (!re.test(text)) throw new At(i);
    i = re.lastIndex;
  };
  const literal = (word: string) => {
    if (!text.startsWith(word, i)) throw new At(i);
    i += word.length;
  };
  const list = (close: string, item: () => void) => {
    i++;
    ws();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      item();
      ws();
      if (text[i] === close) {
        i++;
        return;
      }
      if (text[i] !== ",") throw new At(i);
      i++;
    }
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === "{")
      list("}", () => {
        ws();
        match(STRING_RE);
        ws();
        if (text[i] !== ":") throw new At(i);
        i++;
        value();
      });
    else if (c === "[") list("]", value);
    else if (c === '"') match(STRING_RE);
    else if (c === "t") literal("true");
    else if (c === "f") literal("false");
    else if (c === "n") literal("null");
    else match(NUMBER_RE);
  };
  try {
    value();
    ws();
    return i < text.length ? i : null;
  } catch (error) {
    if (error instanceof At) return error.offset;
    throw error;
  }
}

/** 1-based line and column of an offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split("\n").length, column: offset - before.lastIndexOf("\n") };
}
