"use client";
import { useState } from "react";

/** Copies `text` (a new token, a share link); where the clipboard is refused, says so (the text stays selectable beside it). */
export function CopyTextButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [status, setStatus] = useState("");
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setStatus("Copied");
    } catch {
      setStatus("Copy refused by the browser: select the text and copy it by hand");
    }
    setTimeout(() => setStatus(""), 2500);
  }
  return (
    <span>
      <button type="button" onClick={copy}>
        {label}
      </button>
      <span role="status" className="muted" style={{ marginLeft: 8, fontSize: 13 }}>
        {status}
      </span>
    </span>
  );
}
