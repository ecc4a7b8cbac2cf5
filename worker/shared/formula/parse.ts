// Formula text → AST. Grammar (lowest precedence first):
//   expr    := or
//   or      := and ("or" and)*
//   and     := not ("and" not)*
//   not     := "not" not | compare
//   compare := sum (("=" | "!=" | "<" | "<=" | ">" | ">=") sum)?
//   sum     := product (("+" | "-") product)*
//   product := unary (("*" | "/") unary)*
//   unary   := "-" unary | primary
//   primary := number | "string" | true | false | null | name | name "(" args? ")" | "(" expr ")"
// Keywords (and, or, not, true, false, null) are case-insensitive; so are function names.

export type BinaryOp = "+" | "-" | "*" | "/" | "=" | "!=" | "<" | "<=" | ">" | ">=" | "and" | "or";

export type Node =
  | { kind: "number"; value: number; at: number }
  | { kind: "string"; value: string; at: number }
  | { kind: "boolean"; value: boolean; at: number }
  | { kind: "null"; at: number }
  | { kind: "field"; name: string; at: number }
  | { kind: "call"; name: string; args: Node[]; at: number }
  | { kind: "neg"; arg: Node; at: number }
  | { kind: "not"; arg: Node; at: number }
  | { kind: "binary"; op: BinaryOp; left: Node; right: Node; at: number };

/** A problem in a formula; `at` is the character offset it starts at. */
export type FormulaError = { message: string; at: number };

export class FormulaSyntaxError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

type Token =
  | { t: "num"; value: number; at: number }
  | { t: "str"; value: string; at: number }
  | { t: "name"; value: string; at: number }
  | { t: "op"; value: string; at: number }
  | { t: "end"; at: number };

export const MAX_FORMULA_LENGTH = 2000;
const MAX_DEPTH = 64;
const OPS = ["<=", ">=", "!=", "=", "<", ">", "+", "-", "*", "/", "(", ")", ","];
const KEYWORDS = new Set(["and", "or", "not", "true", "false", "null"]);

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const at = i;
    const num = /^(\d+(\.\d+)?|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(i));
    if (num) {
      tokens.push({ t: "num", value: Number(num[0]), at });
      i += num[0].length;
      if (/[A-Za-z_]/.test(src[i] ?? "")) throw new FormulaSyntaxError("a number cannot run into a name", i);
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (name) {
      tokens.push({ t: "name", value: name[0], at });
      i += name[0].length;
      continue;
    }
    if (c === '"') {
      let value = "";
      i++;
      for (;;) {
        if (i >= src.length) throw new FormulaSyntaxError("unterminated string", at);
        const ch = src[i] as string;
        if (ch === '"') break;
        if (ch === "\\") {
          const next = src[i + 1];
          if (next !== '"' && next !== "\\") throw new FormulaSyntaxError('only \\" and \\\\ escapes are allowed', i);
          value += next;
          i += 2;
          continue;
        }
        value += ch;
        i++;
      }
      tokens.push({ t: "str", value, at });
      i++;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new FormulaSyntaxError(`unexpected character "${c}"`, i);
    tokens.push({ t: "op", value: op, at });
    i += op.length;
  }
  tokens.push({ t: "end", at: src.length });
  return tokens;
}

class Parser {
  private pos = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.pos] as Token;
  }
  private next(): Token {
    return this.tokens[this.pos++] as Token;
  }
  private isOp(value: string): boolean {
    const t = this.peek();
    return t.t === "op" && t.value === value;
  }
  private isWord(word: string): boolean {
    const t = this.peek();
    return t.t === "name" && t.value.toLowerCase() === word;
  }
  private expectOp(value: string): void {
    const t = this.peek();
    if (!this.isOp(value)) throw new FormulaSyntaxError(`expected "${value}"`, t.at);
    this.pos++;
  }

  parseAll(): Node {
    const node = this.or();
    const t = this.peek();
    if (t.t !== "end") throw new FormulaSyntaxError("unexpected text after the end of the formula", t.at);
    return node;
  }

  private nest<T>(f: () => T): T {
    if (++this.depth > MAX_DEPTH) throw new FormulaSyntaxError("the formula is nested too deeply", this.peek().at);
    try {
      return f();
    } finally {
      this.depth--;
    }
  }

  private or(): Node {
    let left = this.and();
    while (this.isWord("or")) {
      const at = this.next().at;
      left = { kind: "binary", op: "or", left, right: this.and(), at };
    }
    return left;
  }
  private and(): Node {
    let left = this.not();
    while (this.isWord("and")) {
      const at = this.next().at;
      left = { kind: "binary", op: "and", left, right: this.not(), at };
    }
    return left;
  }
  private not(): Node {
    if (this.isWord("not")) {
      const at = this.next().at;
      return this.nest(() => ({ kind: "not", arg: this.not(), at }));
    }
    return this.compare();
  }
  private compare(): Node {
    const left = this.sum();
    const t = this.peek();
    if (t.t === "op" && ["=", "!=", "<", "<=", ">", ">="].includes(t.value)) {
      this.pos++;
      const node: Node = { kind: "binary", op: t.value as BinaryOp, left, right: this.sum(), at: t.at };
      const again = this.peek();
      if (again.t === "op" && ["=", "!=", "<", "<=", ">", ">="].includes(again.value)) {
        throw new FormulaSyntaxError("comparisons cannot be chained; use and", again.at);
      }
      return node;
    }
    return left;
  }
  private sum(): Node {
    let left = this.product();
    for (let t = this.peek(); t.t === "op" && (t.value === "+" || t.value === "-"); t = this.peek()) {
      this.pos++;
      left = { kind: "binary", op: t.value, left, right: this.product(), at: t.at };
    }
    return left;
  }
  private product(): Node {
    let left = this.unary();
    for (let t = this.peek(); t.t === "op" && (t.value === "*" || t.value === "/"); t = this.peek()) {
      this.pos++;
      left = { kind: "binary", op: t.value, left, right: this.unary(), at: t.at };
    }
    return left;
  }
  private unary(): Node {
    if (this.isOp("-")) {
      const at = this.next().at;
      return this.nest(() => ({ kind: "neg", arg: this.unary(), at }));
    }
    return this.primary();
  }
  private primary(): Node {
    const t = this.next();
    if (t.t === "num") return { kind: "number", value: t.value, at: t.at };
    if (t.t === "str") return { kind: "string", value: t.value, at: t.at };
    if (t.t === "op" && t.value === "(") {
      const inner = this.nest(() => this.or());
      this.expectOp(")");
      return inner;
    }
    if (t.t === "name") {
      const word = t.value.toLowerCase();
      if (this.isOp("(")) {
        this.pos++;
        const args: Node[] = [];
        if (!this.isOp(")")) {
          do args.push(this.nest(() => this.or()));
          while (this.isOp(",") && this.next());
        }
        this.expectOp(")");
        return { kind: "call", name: word, args, at: t.at };
      }
      if (word === "true" || word === "false") return { kind: "boolean", value: word === "true", at: t.at };
      if (word === "null") return { kind: "null", at: t.at };
      if (KEYWORDS.has(word)) throw new FormulaSyntaxError(`"${t.value}" needs a value before and after it`, t.at);
      return { kind: "field", name: t.value, at: t.at };
    }
    if (t.t === "end") throw new FormulaSyntaxError("the formula ends too early", t.at);
    throw new FormulaSyntaxError(`unexpected "${t.value}"`, t.at);
  }
}

/** Parses a formula; throws FormulaSyntaxError with the offset of the problem. */
export function parseFormula(src: string): Node {
  if (src.length > MAX_FORMULA_LENGTH) throw new FormulaSyntaxError(`longer than ${MAX_FORMULA_LENGTH} characters`, 0);
  if (src.trim() === "") throw new FormulaSyntaxError("the formula is empty", 0);
  return new Parser(tokenize(src)).parseAll();
}

/** Every field name the formula reads, in order of first use. */
export function formulaFields(node: Node, out: string[] = []): string[] {
  switch (node.kind) {
    case "field":
      if (!out.includes(node.name)) out.push(node.name);
      break;
    case "call":
      node.args.forEach((a) => formulaFields(a, out));
      break;
    case "neg":
    case "not":
      formulaFields(node.arg, out);
      break;
    case "binary":
      formulaFields(node.left, out);
      formulaFields(node.right, out);
      break;
    default:
      break;
  }
  return out;
}
