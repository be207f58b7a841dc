"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, httpLink, splitLink } from "@trpc/client";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import { useState, type ReactNode } from "react";
import type { AppRouter } from "@/server/trpc/app-router";
import { csrfHeaders } from "./account/csrf";
import { TRPCProvider } from "./trpc";

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 5_000 } } }));
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        // Chart series and compared runs take hundreds of ids: too long for a URL, so sent as POST.
        // A call with context.skipBatch (a chart zoom's window) leaves at once: batched, it waited for the
        // next task, after React had rendered the zoom (bench:charts-ui: sent 33 → 20 ms after mouse-up).
        splitLink({
          condition: (op) => op.context.skipBatch === true,
          true: httpLink({ url: "/api/trpc", methodOverride: "POST", headers: csrfHeaders }),
          false: splitLink({
            condition: (op) => op.path === "charts.series" || op.path.startsWith("compare."),
            true: httpBatchLink({ url: "/api/trpc", methodOverride: "POST", headers: csrfHeaders }),
            false: httpBatchLink({ url: "/api/trpc", headers: csrfHeaders }),
          }),
        }),
      ],
    }),
  );
  // URL state (the search-params.ts of each page) goes through nuqs, shallow: no server round trip.
  return (
    <NuqsAdapter>
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          {children}
        </TRPCProvider>
      </QueryClientProvider>
    </NuqsAdapter>
  );
}
