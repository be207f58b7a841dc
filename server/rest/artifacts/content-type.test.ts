import { describe, expect, it } from "vitest";
import { attachmentDisposition, contentTypeFor } from "./content-type";

describe("contentTypeFor", () => {
  it.each([
    ["model.pkl", "application/octet-stream"],
    ["loss.png", "image/png"],
    ["photo.JPG", "image/jpeg"],
    ["notes.txt", "text/plain; charset=utf-8"],
    ["config.yaml", "text/plain; charset=utf-8"],
    ["MLmodel", "text/plain; charset=utf-8"],
    ["report.html", "text/plain; charset=utf-8"],
    ["chart.svg", "text/plain; charset=utf-8"],
    ["data.csv", "text/plain; charset=utf-8"],
    ["paper.pdf", "application/pdf"],
    ["noextension", "application/octet-stream"],
  ])("%s is served as %s", (name, type) => {
    expect(contentTypeFor(name)).toBe(type);
  });
});

describe("attachmentDisposition", () => {
  it("quotes plain ASCII names", () => {
    expect(attachmentDisposition("model.pkl")).toBe('attachment; filename="model.pkl"');
  });

  it("adds the exact UTF-8 name when the ASCII fallback had to change it", () => {
    expect(attachmentDisposition('größe "v2".txt')).toBe(
      "attachment; filename=\"gr__e _v2_.txt\"; filename*=UTF-8''gr%C3%B6%C3%9Fe%20%22v2%22.txt",
    );
  });
});
