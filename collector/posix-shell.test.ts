import os from "node:os";
import { describe, expect, it } from "vitest";
import { exitCodeForSignal, quoteCommandLine } from "./posix-shell.js";

describe("quoteCommandLine", () => {
  it("leaves plain words alone and single-quotes the rest so a shell reads the same arguments", () => {
    expect(quoteCommandLine(["python", "train.py", "--lr=0.1", "data/set-1"])).toBe("python train.py --lr=0.1 data/set-1");
    expect(quoteCommandLine(["echo", "two words", "it's", "$HOME", ""])).toBe(`echo 'two words' 'it'\\''s' '$HOME' ''`);
  });
});

describe("exitCodeForSignal", () => {
  it("is 128 + the signal's number, as a shell reports it", () => {
    expect(exitCodeForSignal("SIGTERM", os.constants.signals)).toBe(143);
    expect(exitCodeForSignal("SIGINT", os.constants.signals)).toBe(130);
    expect(exitCodeForSignal("SIGKILL", os.constants.signals)).toBe(137);
  });
});
