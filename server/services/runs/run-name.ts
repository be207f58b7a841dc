import { randomInt } from "node:crypto";

// Our own word lists; the shape (adjective-noun-number, at most 20 characters) follows MLflow's.
const ADJECTIVES = [
  "amber", "bold", "brave", "bright", "calm", "clever", "cosmic", "crisp", "curious", "daring",
  "deft", "eager", "early", "fair", "fancy", "fast", "fearless", "fine", "fleet", "fond",
  "gentle", "glad", "golden", "grand", "happy", "hardy", "honest", "humble", "jolly", "keen",
  "kind", "lively", "loyal", "lucid", "lucky", "merry", "mighty", "modest", "neat", "nimble",
  "noble", "patient", "plucky", "polite", "proud", "quick", "quiet", "rapid", "ready", "regal",
  "robust", "rosy", "sharp", "shiny", "silent", "silver", "sleek", "smart", "snowy", "solid",
  "spry", "steady", "stellar", "sunny", "swift", "tidy", "tranquil", "true", "upbeat", "valiant",
  "vivid", "warm", "wise", "witty", "zesty",
] as const;

const NOUNS = [
  "otter", "falcon", "heron", "lynx", "panda", "koala", "badger", "beaver", "bison", "crane",
  "dolphin", "eagle", "ferret", "finch", "fox", "gecko", "hare", "ibis", "jaguar", "kestrel",
  "lemur", "marten", "moose", "newt", "ocelot", "owl", "puffin", "quail", "raven", "robin",
  "salmon", "seal", "sparrow", "swan", "tapir", "tern", "trout", "turtle", "vole", "walrus",
  "wombat", "wren", "yak", "zebra", "comet", "meadow", "river", "canyon", "glacier", "harbor",
  "island", "lagoon", "maple", "cedar", "willow", "aspen", "birch", "spruce", "pebble", "summit",
] as const;

const MAX_LENGTH = 20;

/** A readable generated name such as "brave-otter-417". */
export function generateRunName(): string {
  for (let attempt = 0; attempt < 10; attempt++) {
    const name = `${pick(ADJECTIVES)}-${pick(NOUNS)}-${randomInt(0, 1001)}`;
    if (name.length <= MAX_LENGTH) return name;
  }
  return `${pick(ADJECTIVES)}-${pick(NOUNS)}-${randomInt(0, 1001)}`.slice(0, MAX_LENGTH);
}

function pick<T>(words: readonly T[]): T {
  return words[randomInt(0, words.length)];
}
