import type { Metadata } from "next";
import { Suspense } from "react";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in · Metron" };

// /sign-in[?next=/path] — the form; after signing in the browser goes back to `next`.
export default function SignInRoute() {
  return (
    <Suspense fallback={null}>
      <SignInForm />
    </Suspense>
  );
}
