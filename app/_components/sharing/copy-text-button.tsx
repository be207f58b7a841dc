"use client";
import { useState } from "react";

/** Copies `text`; where the clipboard is refused, says so (the text stays selectable beside it). */
export function CopyTextButton({ text }: { text: string }) {
  const [status, setStatus] = useState("");
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setStatus("Copied");
    } catch {
      setStatus("Copy refused by the browser: select the link and copy it by hand");
    }
    setTimeout(() => setStatus(""), 2500);
  }
  return (
    <>
      <button type="button" onClick={copy}>
        Copy
      </button>
      <span role="status" className="muted">
        {status}
      </span>
    </>
  );
}
