"use client";
import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/** This server's origin as the browser reached it ("" while rendering on the server). */
export function useOrigin(): string {
  return useSyncExternalStore(noSubscription, () => window.location.origin, () => "");
}

/** The host part of the origin: how the header names this server. */
export function useServerHost(): string {
  return useSyncExternalStore(noSubscription, () => window.location.host, () => "");
}
