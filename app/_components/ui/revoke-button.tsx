"use client";

/**
 * The Revoke button of the tokens and shared-links tables. It asks first: a revocation takes effect at
 * once, for everyone using the token or link, and cannot be undone.
 */
export function RevokeButton({ what, consequence, disabled, onRevoke }: { what: string; consequence: string; disabled: boolean; onRevoke: () => void }) {
  return (
    <button type="button" className="danger" disabled={disabled} onClick={() => window.confirm(`Revoke ${what}? ${consequence}`) && onRevoke()}>
      Revoke
    </button>
  );
}
