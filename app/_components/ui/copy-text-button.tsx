"use client";
import { useState } from "react";

/** Copies a given text (a new token); where the clipboard is refused, the text stays selectable beside it. */
export function CopyTextButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [copied, setCopied] = useState<boolean | undefined>(undefined);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(undefined), 2500);
    } catch {
      setCopied(false);
    }
  }
  return (
    <span>
      <button type="button" onClick={copy}>
        {label}
      </button>
      <span role="status" className="muted" style={{ marginLeft: 8, fontSize: 13 }}>
        {copied === true ? "Copied" : copied === false ? "Copy refused by the browser: select the text" : ""}
      </span>
    </span>
  );
}
