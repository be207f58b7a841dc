"use client";
import { useState } from "react";

/**
 * Copies the page's URL, which holds the whole view (tab, selection, searches). Where the
 * clipboard is refused, the link is shown selected so that it can be copied by hand.
 */
export function CopyLinkButton() {
  const [state, setState] = useState<{ kind: "idle" } | { kind: "copied" } | { kind: "manual"; url: string }>({ kind: "idle" });
  async function copy() {
    const url = window.location.href;
    try {
      await navigator.clipboard.writeText(url);
      setState({ kind: "copied" });
      setTimeout(() => setState({ kind: "idle" }), 2500);
    } catch {
      setState({ kind: "manual", url });
    }
  }
  return (
    <span>
      <button type="button" onClick={copy}>
        Copy link
      </button>
      <span role="status" className="muted" style={{ marginLeft: 8, fontSize: 13 }}>
        {state.kind === "copied" ? "Link copied" : ""}
      </span>
      {state.kind === "manual" && (
        <input
          aria-label="Link to this view"
          readOnly
          value={state.url}
          size={40}
          autoFocus
          onFocus={(e) => e.currentTarget.select()}
        />
      )}
    </span>
  );
}
