// A small sentiment lexicon for customer messages: enough to tell a thank-you from a complaint,
// with negation ("not happy") flipping the next words. No model, no network.

const POSITIVE = new Set([
  "thanks",
  "thank",
  "great",
  "excellent",
  "awesome",
  "love",
  "happy",
  "pleased",
  "perfect",
  "works",
  "working",
  "resolved",
  "appreciate",
  "appreciated",
  "helpful",
  "fantastic",
  "good",
  "glad",
  "wonderful",
  "amazing",
  "fixed",
  "smooth",
  "satisfied",
  "delighted",
]);
const NEGATIVE = new Set([
  "angry",
  "annoyed",
  "frustrated",
  "frustrating",
  "disappointed",
  "disappointing",
  "terrible",
  "awful",
  "horrible",
  "bad",
  "broken",
  "fails",
  "failed",
  "failing",
  "failure",
  "error",
  "errors",
  "bug",
  "crash",
  "crashes",
  "slow",
  "unacceptable",
  "urgent",
  "cancel",
  "refund",
  "complaint",
  "worst",
  "useless",
  "problem",
  "problems",
  "issue",
  "issues",
  "still",
  "again",
  "waiting",
  "ignored",
  "down",
  "outage",
  "lost",
  "wrong",
  "unhappy",
]);
const NEGATORS = new Set([
  "not",
  "no",
  "never",
  "isn't",
  "wasn't",
  "don't",
  "doesn't",
  "didn't",
  "can't",
  "cannot",
  "won't",
]);
// How many words after a negator it applies to.
const NEGATION_REACH = 2;

export type Sentiment = "positive" | "neutral" | "negative";

/** A score in [-1, 1] per text: (positive − negative hits) / hits, 0 when nothing matched. */
export function scoreText(text: string): { score: number; hits: number } {
  const words = text.toLowerCase().match(/[\p{L}']+/gu) ?? [];
  let pos = 0;
  let neg = 0;
  let negateFor = 0;
  for (const word of words) {
    if (NEGATORS.has(word)) {
      negateFor = NEGATION_REACH;
      continue;
    }
    const sign = POSITIVE.has(word) ? 1 : NEGATIVE.has(word) ? -1 : 0;
    const flipped = negateFor > 0 ? -sign : sign;
    if (flipped > 0) pos++;
    if (flipped < 0) neg++;
    if (negateFor > 0) negateFor--;
  }
  const hits = pos + neg;
  return { score: hits === 0 ? 0 : (pos - neg) / hits, hits };
}

/** The mood of a conversation, newest messages weighing most (each older one counts half as much). */
export function sentimentOf(textsNewestFirst: string[]): { sentiment: Sentiment; score: number } {
  let total = 0;
  let weight = 0;
  textsNewestFirst.slice(0, 10).forEach((text, i) => {
    const { score, hits } = scoreText(text);
    if (hits === 0) return;
    const w = 1 / 2 ** i;
    total += score * w;
    weight += w;
  });
  const score = weight === 0 ? 0 : total / weight;
  return {
    sentiment: score >= 0.25 ? "positive" : score <= -0.25 ? "negative" : "neutral",
    score: Math.round(score * 100) / 100,
  };
}
